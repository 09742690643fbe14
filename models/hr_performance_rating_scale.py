# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPerformanceRatingScale(models.Model):
    """A rating scale, e.g. 1 to 5 with a label per level, used by review templates.

    Every employee reads scales (they see the labels of their ratings); only
    performance administrators maintain them.
    """

    _name = "hr.performance.rating.scale"
    _description = "Rating Scale"
    _inherit = ["hr.performance.guard"]
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    level_ids = fields.One2many(
        "hr.performance.rating.level", "scale_id", "Levels", copy=True
    )
    min_value = fields.Integer(compute="_compute_bounds")
    max_value = fields.Integer(compute="_compute_bounds")
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the scale."
    )
    active = fields.Boolean(default=True)

    @api.depends("level_ids.value")
    def _compute_bounds(self):
        for scale in self:
            values = scale.level_ids.mapped("value")
            scale.min_value = min(values, default=0)
            scale.max_value = max(values, default=0)

    @api.constrains("level_ids")
    def _check_levels(self):
        for scale in self:
            if len(scale.level_ids) < 2:
                raise ValidationError(
                    self.env._(
                        "Rating scale %(name)s needs at least two levels.",
                        name=scale.name,
                    )
                )

    def _level_of(self, value):
        """The level of this scale with ``value``, or an error naming the scale."""
        self.ensure_one()
        level = self.level_ids.filtered(lambda lvl: lvl.value == value)
        if not level:
            raise ValidationError(
                self.env._(
                    "%(value)s is not a level of the rating scale %(name)s "
                    "(%(min)s to %(max)s).",
                    value=value,
                    name=self.name,
                    min=self.min_value,
                    max=self.max_value,
                )
            )
        return level
