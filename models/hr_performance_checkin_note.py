# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPerformanceCheckinNote(models.Model):
    """A private note of the manager chain about a check-in.

    Readable by the employee's manager chain only (strict: never by the employee
    themself, even when they manage others), through record rules and the Manager
    group's access rights, not through the view.
    """

    _name = "hr.performance.checkin.note"
    _description = "Check-in Private Note"
    _order = "id desc"

    checkin_id = fields.Many2one(
        "hr.performance.checkin", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(related="checkin_id.employee_id", store=True)
    company_id = fields.Many2one(related="checkin_id.company_id", store=True)
    body = fields.Html(required=True)
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
