# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

WEIGHT_FIELDS = ("goals_weight", "competencies_weight", "questions_weight")
CATEGORIES = ("peer", "report", "manager", "external")


class HrPerformanceTemplate(models.Model):
    """A review template: the questions of an appraisal and how its score is weighted.

    The overall score of an appraisal weighs goals, competencies and the template's
    questions; the three weights sum to 100. Sections weigh within the questions.
    Every employee reads templates (they answer them); administrators maintain them.
    """

    _name = "hr.performance.template"
    _description = "Review Template"
    _inherit = ["hr.performance.guard"]
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
    skill_type_ids = fields.Many2many(
        "hr.skill.type",
        string="Competencies",
        help="The employee's skills of these types are rated as competencies.",
    )
    pip_threshold = fields.Float(
        "Improvement Plan Below",
        default=2.0,
        help="An appraisal whose overall score is below this value proposes a "
        "performance improvement plan.",
    )
    anonymity_threshold = fields.Integer(
        default=3,
        help="360 answers of a category are shown, as an aggregate only, once at least "
        "this many reviewers of the category answered.",
    )
    merge_small_categories = fields.Boolean(
        default=True,
        help='Pool the categories below the threshold into "Others", shown once the '
        "pool reaches the threshold.",
    )
    peer_min = fields.Integer("Peers (min)", default=3)
    peer_max = fields.Integer("Peers (max)", default=6)
    report_min = fields.Integer("Direct Reports (min)", default=0)
    report_max = fields.Integer("Direct Reports (max)", default=6)
    manager_min = fields.Integer("Managers (min)", default=0)
    manager_max = fields.Integer("Managers (max)", default=2)
    external_min = fields.Integer("External (min)", default=0)
    external_max = fields.Integer("External (max)", default=3)

    _sql_constraints = [
        (
            "anonymity_threshold_min",
            "CHECK (anonymity_threshold >= 2)",
            "The anonymity threshold is at least 2: one answer alone names its author.",
        ),
    ]

    @api.depends("section_ids.question_ids")
    def _compute_question_count(self):
        for template in self:
            template.question_count = len(template.section_ids.question_ids)

    @api.constrains(
        *(f"{cat}_{bound}" for cat in CATEGORIES for bound in ("min", "max"))
    )
    def _check_reviewer_limits(self):
        for template in self:
            for category in CATEGORIES:
                low, high = template[f"{category}_min"], template[f"{category}_max"]
                if low < 0 or high < low:
                    raise ValidationError(
                        self.env._(
                            "Template %(name)s: the reviewers of a category range from "
                            "a minimum to a maximum at least as large (%(category)s: "
                            "%(low)s to %(high)s).",
                            name=template.name,
                            category=category,
                            low=low,
                            high=high,
                        )
                    )

    def _reviewer_limits(self, category):
        """(minimum, maximum) number of 360 reviewers of ``category``."""
        self.ensure_one()
        return self[f"{category}_min"], self[f"{category}_max"]

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
