# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPerformanceTemplateQuestion(models.Model):
    """A question of a review template: free text, a rating on the scale, or yes/no."""

    _name = "hr.performance.template.question"
    _description = "Review Template Question"
    _inherit = ["hr.performance.guard"]
    _order = "section_id, sequence, id"

    section_id = fields.Many2one(
        "hr.performance.template.section",
        required=True,
        ondelete="cascade",
        index=True,
    )
    template_id = fields.Many2one(related="section_id.template_id", store=True)
    name = fields.Char("Question", required=True, translate=True)
    help = fields.Text("Guidance", translate=True)
    sequence = fields.Integer(default=10)
    answer_type = fields.Selection(
        [
            ("rating", "Rating on the scale"),
            ("text", "Free text"),
            ("yesno", "Yes / no"),
        ],
        required=True,
        default="rating",
    )
    weight = fields.Float(
        default=1.0, help="Weight among the rated questions of its section."
    )
    required = fields.Boolean(default=True)

    _sql_constraints = [
        ("weight_positive", "CHECK (weight > 0)", "A question's weight must be > 0."),
    ]
