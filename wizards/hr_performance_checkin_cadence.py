# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.hr_employee import CADENCE_SELECTION

EMPLOYEE_MODELS = ("hr.employee", "hr.employee.public")


class HrPerformanceCheckinCadence(models.TransientModel):
    """A manager sets their reports' check-in cadence, without the Employees app's
    rights: ``hr.employee.action_set_checkin_cadence`` checks the caller."""

    _name = "hr.performance.checkin.cadence"
    _description = "Set the Check-in Cadence"
    _inherit = ["hr.performance.guard"]

    @api.model
    def _default_employee_ids(self):
        context = self.env.context
        if context.get("active_model") in EMPLOYEE_MODELS:
            return [fields.Command.set(context.get("active_ids") or [])]
        return False

    employee_ids = fields.Many2many(
        "hr.employee",
        string="Employees",
        required=True,
        default=lambda self: self._default_employee_ids(),
    )
    cadence = fields.Selection(
        CADENCE_SELECTION, "Check-in Cadence", required=True, default="monthly"
    )

    def action_apply(self):
        self.ensure_one()
        self.employee_ids.action_set_checkin_cadence(self.cadence)
        return {"type": "ir.actions.act_window_close"}
