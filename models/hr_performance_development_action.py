# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_performance_state import check_writable

MANAGER = "hr_performance.group_hr_performance_manager"


class HrPerformanceDevelopmentAction(models.Model):
    """A development action agreed in an appraisal: training, mentoring, a stretch
    assignment. The employee reads theirs and marks them done; the manager chain
    plans them."""

    _name = "hr.performance.development.action"
    _description = "Development Action"
    _order = "done, date_deadline, id"

    appraisal_id = fields.Many2one(
        "hr.performance.appraisal", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    name = fields.Char("Action", required=True)
    kind = fields.Selection(
        [
            ("training", "Training"),
            ("mentoring", "Mentoring"),
            ("assignment", "Stretch assignment"),
            ("other", "Other"),
        ],
        default="training",
        required=True,
    )
    date_deadline = fields.Date("Due")
    done = fields.Boolean()

    def write(self, vals):
        own = self.filtered(lambda action: action.employee_id.user_id == self.env.user)
        if own or not self.env.user.has_group(MANAGER):
            check_writable(self, vals, {"done"})
        return super().write(vals)
