# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.tests import HttpCase, TransactionCase, new_test_user

ROLE_GROUPS = {
    "employee": "base.group_user",
    "manager": "base.group_user,hr_performance.group_hr_performance_manager",
    "officer": "base.group_user,hr_performance.group_hr_performance_officer",
    "admin": "base.group_user,hr_performance.group_hr_performance_admin",
    "payroll": "base.group_user,hr_performance.group_hr_performance_payroll",
    "hr_manager": "base.group_user,hr.group_hr_manager",
    "portal": "base.group_portal",
}


class HrPerformanceCase(TransactionCase):
    """One user per role, each with an employee; the employee reports to the manager.

    No demo data is used: every record a test needs is created here or in the test.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"hrp_{role}",
                groups=groups,
                name=f"HRP {role.replace('_', ' ').title()}",
                email=f"hrp_{role}@example.com",
            )
            for role, groups in ROLE_GROUPS.items()
        }
        cls.users["public"] = cls.env.ref("base.public_user")
        internal = [role for role in ROLE_GROUPS if role != "portal"]
        employees = cls.env["hr.employee"].create(
            [
                {
                    "name": cls.users[role].name,
                    "user_id": cls.users[role].id,
                    "company_id": cls.company.id,
                }
                for role in internal
            ]
        )
        cls.employees = dict(zip(internal, employees, strict=True))
        cls.employees["employee"].parent_id = cls.employees["manager"]

    def _count_queries(self, func):
        """How many queries ``func`` runs, flushes included, from a cold cache."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before


class HrPerformanceHttpCase(HttpCase):
    """Base of the tours.

    Odoo parses every manifest lazily the first time a static file is served; the
    browser's first parallel requests then run ``ast.literal_eval`` in several threads
    at once, which CPython 3.11 can fail with "AST constructor recursion depth
    mismatch". Parsing them once here, before any browser starts, avoids that race.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        http.root.statics.get("web")
