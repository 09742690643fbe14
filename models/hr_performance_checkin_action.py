# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPerformanceCheckinAction(models.Model):
    """An action item agreed during a check-in."""

    _name = "hr.performance.checkin.action"
    _description = "Check-in Action Item"
    _order = "done, date_deadline, id"

    checkin_id = fields.Many2one(
        "hr.performance.checkin", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(related="checkin_id.employee_id", store=True)
    company_id = fields.Many2one(related="checkin_id.company_id", store=True)
    name = fields.Char("Action", required=True)
    user_id = fields.Many2one(
        "res.users", "Assignee", default=lambda self: self.env.user
    )
    date_deadline = fields.Date("Due Date")
    done = fields.Boolean()
