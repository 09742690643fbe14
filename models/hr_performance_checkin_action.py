# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_performance_access import ROLE_EMPLOYEE, ROLE_MANAGER, ROLE_OFFICER
from .hr_performance_workflow import ANY

FIELDS = ("name", "user_id", "date_deadline", "done")


class HrPerformanceCheckinAction(models.Model):
    """An action item agreed during a check-in."""

    _name = "hr.performance.checkin.action"
    _description = "Check-in Action Item"
    _inherit = ["hr.performance.workflow"]
    _order = "done, date_deadline, id"
    _workflow_state = None
    _workflow_fields = {
        role: {ANY: FIELDS} for role in (ROLE_EMPLOYEE, ROLE_MANAGER, ROLE_OFFICER)
    }
    _workflow_create_fields = frozenset(("checkin_id", *FIELDS))

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
