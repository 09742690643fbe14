# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPerformanceCheckinTopic(models.Model):
    """A talking point of a check-in's shared agenda; either person adds some."""

    _name = "hr.performance.checkin.topic"
    _description = "Check-in Talking Point"
    _order = "checkin_id, sequence, id"

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
