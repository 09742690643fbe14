# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The declared access table: every model of the addon, every role, every operation.

A model added to the addon without a line here fails ``test_every_model_is_declared``,
so the table stays the single statement of who may do what.
"""

from odoo.tests import tagged

from .common import HrPerformanceCase

OPERATIONS = {"c": "create", "r": "read", "u": "write", "d": "unlink"}
ROLES = (
    "employee",
    "manager",
    "officer",
    "admin",
    "payroll",
    "hr_manager",
    "portal",
    "public",
)

EMPLOYEE_ALL = {
    "employee": "crud",
    "manager": "crud",
    "officer": "crud",
    "admin": "crud",
    "payroll": "crud",
    "hr_manager": "crud",
    "portal": "",
    "public": "",
}

# model -> role -> allowed operations (c)reate (r)ead (u)pdate (d)elete, on the model;
# which records is the business of the record rules, tested with each model.
EMPLOYEE_NO_DELETE = {
    **EMPLOYEE_ALL,
    "employee": "cru",
    "payroll": "cru",
    "hr_manager": "cru",
}
MANAGERS_ONLY = {
    **EMPLOYEE_ALL,
    "employee": "",
    "payroll": "",
    "hr_manager": "",
}

CONFIGURATION = {
    "employee": "r",
    "manager": "r",
    "officer": "r",
    "admin": "crud",
    "payroll": "r",
    "hr_manager": "r",
    "portal": "",
    "public": "",
}

READ_WRITE = {
    **{role: "ru" for role in ROLES},
    "portal": "",
    "public": "",
}
PLANNED_BY_MANAGERS = {
    **EMPLOYEE_ALL,
    "employee": "ru",
    "payroll": "ru",
    "hr_manager": "ru",
}

READ_ONLY = {**{role: "r" for role in ROLES}, "portal": "", "public": ""}

MANAGERS_READ = {
    **{role: "" for role in ROLES},
    "manager": "r",
    "officer": "r",
    "admin": "r",
}

OFFICERS_RUN = {
    **{role: "" for role in ROLES},
    "manager": "r",
    "officer": "crud",
    "admin": "crud",
}

ACCESS = {
    "hr.performance.calibration": OFFICERS_RUN,
    "hr.performance.calibration.line": {**OFFICERS_RUN, "manager": "ru"},
    "hr.performance.calibration.change": {
        **OFFICERS_RUN,
        "officer": "r",
        "admin": "r",
    },
    # written by the server only: officers read the jobs they start
    "hr.performance.job": {
        **{role: "" for role in ROLES},
        "officer": "r",
        "admin": "r",
    },
    "hr.performance.merit.matrix": OFFICERS_RUN,
    "hr.performance.merit.matrix.line": OFFICERS_RUN,
    "hr.performance.reward": {
        **{role: "" for role in ROLES},
        "manager": "crud",
        "officer": "crud",
        "admin": "crud",
        "payroll": "r",
    },
    "hr.performance.reward.budget": OFFICERS_RUN,
    "hr.performance.reward.apply": {
        **{role: "" for role in ROLES},
        "officer": "crud",
        "admin": "crud",
    },
    "hr.performance.reward.export": {
        **{role: "" for role in ROLES},
        "officer": "crud",
        "admin": "crud",
        "payroll": "crud",
    },
    "hr.performance.reward.pay": {
        **{role: "" for role in ROLES},
        "officer": "crud",
        "admin": "crud",
        "payroll": "crud",
    },
    "hr.performance.assessment": READ_WRITE,
    "hr.performance.assessment.line": READ_WRITE,
    "hr.performance.appraisal.note": MANAGERS_ONLY,
    "hr.performance.appraisal.sign": EMPLOYEE_ALL,
    "hr.performance.checkin.cadence": {
        **{role: "" for role in ROLES},
        "manager": "cru",
        "officer": "cru",
        "admin": "cru",
    },
    "hr.performance.appraisal.release": EMPLOYEE_ALL,
    "hr.performance.development.action": PLANNED_BY_MANAGERS,
    "hr.performance.pip": {
        **PLANNED_BY_MANAGERS,
        "employee": "r",
        "payroll": "r",
        "hr_manager": "r",
    },
    "hr.performance.review.request": EMPLOYEE_ALL,
    "hr.performance.review.response": READ_WRITE,
    "hr.performance.review.answer": READ_WRITE,
    "hr.performance.cycle": {**CONFIGURATION, "officer": "crud"},
    "hr.performance.appraisal": {
        **CONFIGURATION,
        "manager": "ru",
        "officer": "crud",
    },
    "hr.performance.cycle.launch": {
        **{role: "" for role in CONFIGURATION},
        "officer": "crud",
        "admin": "crud",
    },
    "hr.performance.rating.scale": CONFIGURATION,
    "hr.performance.rating.level": CONFIGURATION,
    "hr.performance.template": CONFIGURATION,
    "hr.performance.template.section": CONFIGURATION,
    "hr.performance.template.question": CONFIGURATION,
    "hr.performance.goal": EMPLOYEE_ALL,
    # the rules keep writes and deletes to the author's drafts (test_feedback)
    "hr.performance.feedback": EMPLOYEE_ALL,
    "hr.performance.checkin": EMPLOYEE_NO_DELETE,
    "hr.performance.checkin.topic": EMPLOYEE_ALL,
    "hr.performance.checkin.action": EMPLOYEE_ALL,
    "hr.performance.checkin.update": EMPLOYEE_NO_DELETE,
    "hr.performance.checkin.note": MANAGERS_ONLY,
    "hr.performance.key.result": EMPLOYEE_ALL,
    "hr.performance.value": CONFIGURATION,
    "hr.performance.measure.source": {
        **{role: "" for role in ROLES},
        "officer": "r",
        "admin": "crud",
    },
    "hr.performance.report.rating": READ_ONLY,
    "hr.performance.report.goal": READ_ONLY,
    "hr.performance.report.cycle": READ_ONLY,
    "hr.performance.report.checkin": READ_ONLY,
    "hr.performance.report.feedback": READ_ONLY,
    "hr.performance.report.reward": MANAGERS_READ,
}


@tagged("post_install", "-at_install", "access_rights")
class TestAccessRights(HrPerformanceCase):
    def test_every_model_is_declared(self):
        models = self.env["ir.model.data"].search(
            [("module", "=", "hr_performance"), ("model", "=", "ir.model")]
        )
        addon_models = {
            model
            for model in self.env["ir.model"]
            .browse(models.mapped("res_id"))
            .mapped("model")
            if self.env[model]._original_module == "hr_performance"
            and not self.env[model]._abstract
        }
        self.assertTrue(addon_models, "the addon declares no model")
        self.assertEqual(addon_models, set(ACCESS))
        for model, table in ACCESS.items():
            self.assertEqual(
                set(table), set(ROLES), f"{model}: every role must be declared"
            )

    def test_access_matrix(self):
        for model, table in ACCESS.items():
            for role, allowed in table.items():
                records = self.env[model].with_user(self.users[role])
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            records.has_access(operation),
                            letter in allowed,
                            f"{role} {operation} {model}",
                        )
