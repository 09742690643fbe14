# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_employee import CADENCE_SELECTION
from .hr_performance_access import MANAGER


class HrEmployeePublic(models.Model):
    """Users without Employees rights read hr.employee through this public view."""

    _inherit = "hr.employee.public"

    performance_checkin_cadence = fields.Selection(
        CADENCE_SELECTION,
        "Check-in Cadence",
        readonly=True,
        groups=MANAGER,
    )
