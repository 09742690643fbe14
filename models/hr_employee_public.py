# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

MANAGER = "hr_performance.group_hr_performance_manager"


class HrEmployeePublic(models.Model):
    """Users without Employees rights read hr.employee through this public view."""

    _inherit = "hr.employee.public"

    performance_checkin_cadence = fields.Selection(
        [
            ("none", "No recurring check-in"),
            ("weekly", "Weekly"),
            ("biweekly", "Every two weeks"),
            ("monthly", "Monthly"),
        ],
        "Check-in Cadence",
        readonly=True,
        groups=MANAGER,
    )
