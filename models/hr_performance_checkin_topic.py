# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_performance_access import ROLE_EMPLOYEE, ROLE_MANAGER, ROLE_OFFICER
from .hr_performance_workflow import ANY


class HrPerformanceCheckinTopic(models.Model):
    """A talking point of a check-in's shared agenda; either person adds some."""

    _name = "hr.performance.checkin.topic"
    _description = "Check-in Talking Point"
    _inherit = ["hr.performance.workflow"]
    _order = "checkin_id, sequence, id"
    _workflow_state = None
    _workflow_fields = {
        role: {ANY: ("name", "sequence", "done")}
        for role in (ROLE_EMPLOYEE, ROLE_MANAGER, ROLE_OFFICER)
    }
    _workflow_create_fields = frozenset(("checkin_id", "name", "sequence", "done"))
    _workflow_server_fields = frozenset(("author_id",))

    checkin_id = fields.Many2one(
        "hr.performance.checkin", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(related="checkin_id.employee_id", store=True)
    company_id = fields.Many2one(related="checkin_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Talking Point", required=True)
    author_id = fields.Many2one(
        "res.users", "Added By", default=lambda self: self.env.user, readonly=True
    )
    done = fields.Boolean("Discussed")
