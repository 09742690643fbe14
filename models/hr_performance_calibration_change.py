# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_performance_calibration_line import BANDS


class HrPerformanceCalibrationChange(models.Model):
    """Who changed a rating or a potential during calibration, from what, to what,
    and why. Written by the calibration lines only; never changed afterwards."""

    _name = "hr.performance.calibration.change"
    _description = "Calibration Change"
    _inherit = ["hr.performance.guard"]
    _order = "id desc"

    line_id = fields.Many2one(
        "hr.performance.calibration.line", required=True, ondelete="cascade", index=True
    )
    session_id = fields.Many2one(related="line_id.session_id", store=True, index=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    employee_id = fields.Many2one(related="line_id.employee_id", store=True)
    user_id = fields.Many2one("res.users", "Changed By", required=True)
    level_from_id = fields.Many2one("hr.performance.rating.level", "From")
    level_to_id = fields.Many2one("hr.performance.rating.level", "To")
    potential_from = fields.Selection(BANDS)
    potential_to = fields.Selection(BANDS)
    reason = fields.Char()
