# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HrPerformanceCheckinUpdate(models.Model):
    """A key result updated during a check-in: the snapshot of before and after.

    Creating the line writes the new value on the key result, as the current user,
    so the key result's own access rules decide whether the update is allowed.
    """

    _name = "hr.performance.checkin.update"
    _description = "Check-in Key Result Update"
    _order = "id"

    checkin_id = fields.Many2one(
        "hr.performance.checkin", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(related="checkin_id.employee_id", store=True)
    company_id = fields.Many2one(related="checkin_id.company_id", store=True)
    key_result_id = fields.Many2one(
        "hr.performance.key.result",
        required=True,
        ondelete="cascade",
        domain="[('goal_id.employee_id', '=', employee_id),"
        " ('goal_id.state', '=', 'active'), ('measure', '=', 'manual')]",
    )
    goal_id = fields.Many2one(related="key_result_id.goal_id", store=True)
    value_before = fields.Float(readonly=True)
    value_after = fields.Float("New Value", required=True)
    progress_before = fields.Float(readonly=True)
    progress_after = fields.Float(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        updates = super().create(vals_list)
        updates._apply()
        return updates

    def write(self, vals):
        if set(vals) & {"key_result_id", "value_after"}:
            raise UserError(
                self.env._(
                    "A key result update is a snapshot: add a new line instead of "
                    "changing this one."
                )
            )
        return super().write(vals)

    def _apply(self):
        """Write each new value on its key result and keep the before/after."""
        for update in self:
            result = update.key_result_id
            before = (result.current_value, result.progress)
            result.current_value = update.value_after
            update.write(
                {
                    "value_before": before[0],
                    "progress_before": before[1],
                    "progress_after": result.progress,
                }
            )
