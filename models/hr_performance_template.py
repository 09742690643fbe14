# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from .hr_performance_template_question import KINDS

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
    expected_level_ids = fields.Many2many(
        "hr.skill.level",
        string="Expected Levels",
        domain="[('skill_type_id', 'in', skill_type_ids)]",
        help="The level the role expects, one per competency type: shown beside "
        "the employee's current level in the assessments.",
    )
    audience_preview = fields.Html(
        "Who Is Asked What",
        compute="_compute_audience_preview",
        sanitize=False,
        help="The questions as the employee, the appraisers and the 360 reviewers "
        "read them.",
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

    @api.depends(
        "section_ids.question_ids.name",
        "section_ids.question_ids.manager_name",
        "section_ids.question_ids.review_name",
        "section_ids.question_ids.audience",
        "section_ids.question_ids.answer_type",
        "section_ids.in_review",
    )
    def _compute_audience_preview(self):
        titles = {
            "self": self.env._("The employee"),
            "manager": self.env._("The appraisers"),
            "review": self.env._("The 360 reviewers"),
        }
        for template in self:
            questions = template.section_ids.question_ids
            columns = []
            for kind in KINDS:
                asked = questions._asked_to(kind)
                items = Markup().join(
                    Markup("<li>%s</li>") % question._wording(kind)
                    for question in asked
                ) or Markup("<li class='text-muted'>%s</li>") % self.env._(
                    "Nothing asked."
                )
                columns.append(
                    Markup("<div class='col-12 col-md-4'><h5>%s</h5><ol>%s</ol></div>")
                    % (titles[kind], items)
                )
            template.audience_preview = Markup("<div class='row'>%s</div>") % (
                Markup().join(columns)
            )

    def _questions_for(self, kind):
        """The template's questions that ``kind`` (self, manager, review) answers,
        in the order of the sections."""
        self.ensure_one()
        return self.section_ids.question_ids._asked_to(kind)

    def _expected_level(self, skill_type):
        """The level of ``skill_type`` the role expects, if the template says."""
        self.ensure_one()
        return self.expected_level_ids.filtered(
            lambda level: level.skill_type_id == skill_type
        )[:1]

    @api.constrains("expected_level_ids", "skill_type_ids")
    def _check_expected_levels(self):
        for template in self:
            types = template.expected_level_ids.skill_type_id
            if len(types) != len(template.expected_level_ids) or (
                types - template.skill_type_ids
            ):
                raise ValidationError(
                    self.env._(
                        "Template %(name)s: expect one level per competency type, of "
                        "the types it rates.",
                        name=template.name,
                    )
                )

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
