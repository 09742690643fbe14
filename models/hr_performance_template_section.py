# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPerformanceTemplateSection(models.Model):
    """A section of a review template, e.g. "Impact" or "Collaboration"."""

    _name = "hr.performance.template.section"
    _description = "Review Template Section"
    _inherit = ["hr.performance.guard"]
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "hr.performance.template", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    weight = fields.Float(default=1.0, help="Weight among the template's sections.")
    in_review = fields.Boolean(
        "Asked in 360 Feedback",
        help="The rating and text questions of this section are also asked to the "
        "360 reviewers.",
    )
    question_ids = fields.One2many(
        "hr.performance.template.question", "section_id", "Questions", copy=True
    )

    _sql_constraints = [
        ("weight_positive", "CHECK (weight > 0)", "A section's weight must be > 0."),
    ]
