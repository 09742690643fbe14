# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_performance_access import MANAGER


class HrPerformanceRatingLevel(models.Model):
    """One level of a rating scale: a value and its label, e.g. 4 "Exceeds"."""

    _name = "hr.performance.rating.level"
    _description = "Rating Level"
    _inherit = ["hr.performance.guard"]
    _order = "scale_id, value"
    _rec_name = "label"

    scale_id = fields.Many2one(
        "hr.performance.rating.scale", required=True, ondelete="cascade", index=True
    )
    value = fields.Integer(required=True)
    label = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    color = fields.Integer()
    guideline_percent = fields.Float(
        "Guideline (%)",
        help="The share of employees expected at this level, shown against the "
        "actual distribution in calibration.",
    )
    # with the cycle's target, a bonus would give its rating away to payroll
    bonus_multiplier = fields.Float(
        default=1.0,
        groups=MANAGER,
        help="Multiplies the target bonus of employees rated at this level.",
    )

    _sql_constraints = [
        (
            "value_uniq",
            "unique (scale_id, value)",
            "Each level of a rating scale has its own value.",
        ),
    ]
