# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import date

from odoo import Command, http
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


def sent(feedback):
    """``feedback`` (created as its author) sent, as a user does with *Send*."""
    feedback.action_send()
    return feedback


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
                login=f"hrp_test_{role}",
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

    @contextmanager
    def assertRaisesRegex(self, exception, regex, msg=None):
        """``assertRaises`` with a message check; like Odoo's ``assertRaises`` it
        rolls back to a savepoint, so a failed call leaves nothing behind."""
        with self.assertRaises(exception, msg=msg) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)

    def _count_queries(self, func):
        """How many queries ``func`` runs, flushes included, from a cold cache."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _count_committed(self, func):
        """``_count_queries`` with what a commit adds: the tracking notes, written at
        the cursor's precommit."""
        self.env.flush_all()
        self.cr.flush()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        self.cr.flush()
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


class HrPerformanceReviewCase(HrPerformanceCase):
    """A launched review cycle: the employee is reviewed by the manager, whose own
    manager is the officer; four peers can give 360 feedback."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employees["manager"].parent_id = cls.employees["officer"]
        cls.scale = cls.env.ref("hr_performance.rating_scale_five")
        cls.level = {level.value: level for level in cls.scale.level_ids}
        cls.template = cls.env["hr.performance.template"].create(
            {
                "name": "Annual",
                "peer_min": 0,
                "section_ids": [
                    Command.create(
                        {
                            "name": "Impact",
                            "in_review": True,
                            "question_ids": [
                                Command.create({"name": "Delivers results"}),
                                Command.create(
                                    {
                                        "name": "What should continue?",
                                        "answer_type": "text",
                                    }
                                ),
                            ],
                        }
                    ),
                    Command.create(
                        {
                            "name": "Mobility",
                            "question_ids": [
                                Command.create(
                                    {"name": "Open to a move?", "answer_type": "yesno"}
                                ),
                            ],
                        }
                    ),
                ],
            }
        )
        cls.peers = [
            new_test_user(
                cls.env,
                login=f"hrp_peer_{index}",
                groups="base.group_user",
                name=f"HRP Peer {index}",
            )
            for index in range(4)
        ]
        cls.env["hr.employee"].create(
            [{"name": peer.name, "user_id": peer.id} for peer in cls.peers]
        )
        cls.goal = cls.env["hr.performance.goal"].create(
            {
                "name": "Ship the new onboarding",
                "scope": "employee",
                "employee_id": cls.employees["employee"].id,
                "date_start": date(2026, 1, 1),
                "date_deadline": date(2026, 6, 30),
                "state": "active",
            }
        )
        cls.cycle = cls.env["hr.performance.cycle"].create(
            {
                "name": "2026 review",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "template_id": cls.template.id,
                "employee_ids": [Command.set(cls.employees["employee"].ids)],
                "deadline_self": date(2027, 1, 15),
                "deadline_peer": date(2027, 1, 20),
                "deadline_manager": date(2027, 1, 31),
                # released straight from calibration here; test_calibration.py
                # holds the cycles that require it (the default)
                "calibration_required": False,
            }
        )
        cls.cycle.with_user(cls.users["officer"]).action_launch()
        cls.appraisal = cls.cycle.appraisal_ids

    def as_user(self, role_or_user, records):
        """``records`` for a user (a role name or a user), from a cold cache."""
        user = (
            self.users.get(role_or_user)
            if isinstance(role_or_user, str)
            else role_or_user
        )
        self.env.invalidate_all()
        return records.browse(records.ids).with_user(user)

    def answer(self, assessment, rating=4):
        """Fill every answer of ``assessment`` as its author."""
        for line in assessment.line_ids:
            vals = {
                "rating": {"level_id": self.level[rating].id},
                "text": {"comment": "Clear and kind."},
                "yesno": {"answer_yes": "yes"},
            }[line.answer_type]
            line.write(vals)

    def assessment_of(self, role, kind):
        return (
            self.appraisal.sudo()
            .assessment_ids.filtered(
                lambda a: a.kind == kind and a.author_id == self.users[role]
            )
            .with_user(self.users[role])
        )
