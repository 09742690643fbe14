# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

WEIGHT_FIELDS = ("goals_weight", "competencies_weight", "questions_weight")


class HrPerformanceTemplate(models.Model):
    """A review template: the questions of an appraisal and how its score is weighted.

    The overall score of an appraisal weighs goals, competencies and the template's
    questions; the three weights sum to 100. Sections weigh within the questions.
    Every employee reads templates (they answer them); administrators maintain them.
    """

    _name = "hr.performance.template"
    _description = "Review Template"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Html(translate=True)
    rating_scale_id = fields.Many2one(
        "hr.performance.rating.scale",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "hr_performance.rating_scale_five", raise_if_not_found=False
        ),
    )
    section_ids = fields.One2many(
        "hr.performance.template.section", "template_id", "Sections", copy=True
    )
    question_count = fields.Integer(compute="_compute_question_count")
    goals_weight = fields.Float(default=40.0)
    competencies_weight = fields.Float(default=20.0)
    questions_weight = fields.Float(default=40.0)
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="Leave empty to use the template for the whole company.",
    )
    company_id = fields.Many2one(
        "res.company", index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    @api.depends("section_ids.question_ids")
    def _compute_question_count(self):
        for template in self:
            template.question_count = len(template.section_ids.question_ids)

    @api.constrains(*WEIGHT_FIELDS)
    def _check_weights(self):
        for template in self:
            weights = [template[name] for name in WEIGHT_FIELDS]
            if min(weights) < 0 or float_compare(sum(weights), 100.0, 2):
                raise ValidationError(
                    self.env._(
                        "The weights of goals, competencies and questions of template "
                        "%(name)s must be positive and sum to 100 (now %(total)s).",
                        name=template.name,
                        total=sum(weights),
                    )
                )
