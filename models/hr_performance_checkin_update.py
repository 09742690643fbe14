# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPerformanceCheckinUpdate(models.Model):
    """A key result updated during a check-in: the snapshot of before and after.

    Creating the line writes the new value on the key result, as the current user,
    so the key result's own access rules decide whether the update is allowed. The
    key result is one of the check-in's employee's own goals, which the writer may
    read: the line shows the goal to whoever reads the check-in. Nobody changes a
    line afterwards (no field is writable).
    """

    _name = "hr.performance.checkin.update"
    _description = "Check-in Key Result Update"
    _inherit = ["hr.performance.workflow"]
    _order = "id"
    _workflow_state = None
    _workflow_create_fields = frozenset(("checkin_id", "key_result_id", "value_after"))
    _workflow_server_fields = frozenset(
        ("value_before", "progress_before", "progress_after")
    )

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

    @api.constrains("key_result_id", "checkin_id")
    def _check_key_result(self):
        # sudo: the key result's goal, to keep updates to the employee's own goals
        for update in self.sudo():
            goal = update.key_result_id.goal_id
            if (
                goal.employee_id != update.checkin_id.employee_id
                or goal.state != "active"
                or update.key_result_id.measure != "manual"
            ):
                raise ValidationError(
                    self.env._(
                        "A check-in updates the key results of its employee's own "
                        "active goals, updated by hand: %(result)s is not one.",
                        result=update.key_result_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        updates = super().create(vals_list)
        updates._apply()
        return updates

    def _apply(self):
        """Write each new value on its key result and keep the before/after."""
        for update in self:
            result = update.key_result_id
            before = (result.current_value, result.progress)
            result.current_value = update.value_after
            # the snapshot of a write the caller was allowed to make
            update._hrp_sudo().write(
                {
                    "value_before": before[0],
                    "progress_before": before[1],
                    "progress_after": result.progress,
                }
            )
