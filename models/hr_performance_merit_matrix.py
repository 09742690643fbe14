# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

COMPA_BANDS = [
    ("below", "Below 0.9"),
    ("within", "0.9 to 1.1"),
    ("above", "Above 1.1"),
]


def compa_band(ratio):
    """The compa-ratio band of ``ratio`` (an unknown ratio counts as within)."""
    if ratio and ratio < 0.9:
        return "below"
    if ratio and ratio > 1.1:
        return "above"
    return "within"


class HrPerformanceMeritMatrix(models.Model):
    """Suggested raises: a percentage per final rating and compa-ratio band.

    The lower someone is paid against their peers, the larger the raise for the same
    rating: that is how merit matrices close pay gaps over the years.
    """

    _name = "hr.performance.merit.matrix"
    _description = "Merit Matrix"
    _inherit = ["hr.performance.guard"]
    _order = "name, id"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    line_ids = fields.One2many(
        "hr.performance.merit.matrix.line", "matrix_id", "Raises", copy=True
    )

    def _raise_percent(self, level, ratio):
        """The suggested raise for ``level`` at compa-ratio ``ratio``."""
        self.ensure_one()
        band = compa_band(ratio)
        line = self.line_ids.filtered(
            lambda ln: ln.level_id == level and ln.compa_band == band
        )[:1]
        return line.raise_percent
