# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_performance_merit_matrix import COMPA_BANDS


class HrPerformanceMeritMatrixLine(models.Model):
    """One cell of a merit matrix: rating × compa-ratio band → raise %."""

    _name = "hr.performance.merit.matrix.line"
    _description = "Merit Matrix Cell"
    _inherit = ["hr.performance.guard"]
    _order = "matrix_id, level_id, compa_band"

    matrix_id = fields.Many2one(
        "hr.performance.merit.matrix", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="matrix_id.company_id", store=True)
    level_id = fields.Many2one(
        "hr.performance.rating.level", "Rating", required=True, ondelete="cascade"
    )
    compa_band = fields.Selection(COMPA_BANDS, "Compa-ratio", required=True)
    raise_percent = fields.Float("Raise (%)", digits=(5, 2))

    _sql_constraints = [
        (
            "cell_uniq",
            "unique (matrix_id, level_id, compa_band)",
            "A merit matrix has one raise per rating and compa-ratio band.",
        ),
        (
            "raise_range",
            "CHECK (raise_percent >= 0 AND raise_percent <= 100)",
            "A suggested raise is between 0 and 100%.",
        ),
    ]
