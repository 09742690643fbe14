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
ACCESS = {
    "hr.performance.goal": EMPLOYEE_ALL,
    "hr.performance.key.result": EMPLOYEE_ALL,
    "hr.performance.value": {
        "employee": "r",
        "manager": "r",
        "officer": "r",
        "admin": "crud",
        "payroll": "r",
        "hr_manager": "r",
        "portal": "",
        "public": "",
    },
}


@tagged("post_install", "-at_install", "access_rights")
class TestAccessRights(HrPerformanceCase):
    def test_every_model_is_declared(self):
        models = self.env["ir.model.data"].search(
            [("module", "=", "hr_performance"), ("model", "=", "ir.model")]
        )
        addon_models = set(
            self.env["ir.model"].browse(models.mapped("res_id")).mapped("model")
        )
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
