# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from .hr_performance_access import ROLE_AUTHOR, ROLE_OFFICER
from .hr_performance_activity import TODO, close_activities
from .hr_performance_state import check_length, check_scale
from .hr_performance_workflow import Chain, Transition

_lt = LazyTranslate(__name__)
TEXTS = ("strengths", "improvements", "summary", "line_ids")

PARTS = (
    ("goal", "goals_weight"),
    ("competency", "competencies_weight"),
    ("question", "questions_weight"),
)


class HrPerformanceAssessment(models.Model):
    """One person's assessment in an appraisal: the employee's self-assessment or an
    appraiser's (manager) assessment, with its answers, scores and proposed rating.

    Privacy is enforced by record rules (security/hr_performance_rules.xml), not by
    the views: a manager assessment reaches the employee only once the appraisal is
    released; a self-assessment reaches the manager chain once it is submitted.
    """

    _name = "hr.performance.assessment"
    _description = "Assessment"
    _inherit = ["hr.performance.workflow"]
    _order = "appraisal_id, kind desc, id"
    _workflow_transitions = (
        Transition(
            "submit",
            ("draft",),
            "submitted",
            (ROLE_AUTHOR,),
            _lt("Only its author submits an assessment."),
        ),
        Transition(
            "reopen",
            ("submitted",),
            "draft",
            (ROLE_OFFICER,),
            _lt("Only performance officers reopen assessments."),
        ),
    )
    # the lead also proposes the final rating (see _workflow_writable)
    _workflow_fields = {ROLE_AUTHOR: {"draft": TEXTS}}
    _workflow_server_fields = frozenset(("date_submitted", "is_lead", "author_id"))

    appraisal_id = fields.Many2one(
        "hr.performance.appraisal", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(
        [("self", "Self-Assessment"), ("manager", "Manager Assessment")],
        required=True,
        readonly=True,
    )
    author_id = fields.Many2one(
        "res.users", "Written By", required=True, readonly=True, index=True
    )
    is_lead = fields.Boolean(
        readonly=True,
        help="The assessment of the employee's manager, which proposes the final "
        "rating.",
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, precompute=True
    )
    released = fields.Boolean(
        related="appraisal_id.released", store=True, precompute=True
    )
    rating_scale_id = fields.Many2one(
        related="appraisal_id.template_id.rating_scale_id"
    )
    state = fields.Selection(
        [("draft", "To Do"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    date_submitted = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many(
        "hr.performance.assessment.line", "assessment_id", "Answers"
    )
    goal_score = fields.Float(compute="_compute_scores", store=True, digits=(4, 2))
    competency_score = fields.Float(
        compute="_compute_scores", store=True, digits=(4, 2)
    )
    question_score = fields.Float(compute="_compute_scores", store=True, digits=(4, 2))
    score = fields.Float(
        "Overall Score",
        compute="_compute_scores",
        store=True,
        digits=(4, 2),
        help="Goals, competencies and questions, each weighted as the template says; "
        "a part without any rating does not count.",
    )
    # a part nothing was rated in has no score (not a zero)
    goal_rated = fields.Boolean(compute="_compute_scores", store=True)
    competency_rated = fields.Boolean(compute="_compute_scores", store=True)
    question_rated = fields.Boolean(compute="_compute_scores", store=True)
    answer_count = fields.Integer(compute="_compute_progress")
    answered_count = fields.Integer(compute="_compute_progress")
    required_left = fields.Integer("Required Answers Left", compute="_compute_progress")
    final_level_id = fields.Many2one(
        "hr.performance.rating.level",
        "Proposed Rating",
        domain="[('scale_id', '=', rating_scale_id)]",
    )
    strengths = fields.Html()
    improvements = fields.Html("Areas to Develop")
    summary = fields.Html()

    _sql_constraints = [
        (
            "author_uniq",
            "unique (appraisal_id, kind, author_id)",
            "A person writes one assessment of each kind per appraisal.",
        ),
    ]

    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for assessment in self:
            assessment.display_name = self.env._(
                "%(kind)s of %(employee)s by %(author)s",
                kind=kinds.get(assessment.kind, ""),
                employee=assessment.employee_id.name or "",
                author=assessment.author_id.name or "",
            )

    @api.depends(
        "line_ids.rating",
        "line_ids.line_type",
        "line_ids.weight",
        "appraisal_id.template_id",
    )
    def _compute_scores(self):
        for assessment in self:
            template = assessment.appraisal_id.template_id
            parts = {}
            for line_type, _weight in PARTS:
                lines = assessment.line_ids.filtered(
                    lambda line, lt=line_type: line.line_type == lt and line.rating
                )
                parts[line_type] = self._weighted_mean(lines)
            assessment.goal_score = parts["goal"] or 0.0
            assessment.competency_score = parts["competency"] or 0.0
            assessment.question_score = parts["question"] or 0.0
            assessment.goal_rated = parts["goal"] is not None
            assessment.competency_rated = parts["competency"] is not None
            assessment.question_rated = parts["question"] is not None
            weighted = [
                (parts[line_type], template[weight_field])
                for line_type, weight_field in PARTS
                if parts[line_type] is not None and template[weight_field]
            ]
            total = sum(weight for _score, weight in weighted)
            assessment.score = (
                sum(score * weight for score, weight in weighted) / total
                if total
                else 0.0
            )

    @api.depends(
        "line_ids.level_id",
        "line_ids.answer_yes",
        "line_ids.comment",
        "line_ids.required",
    )
    def _compute_progress(self):
        for assessment in self:
            lines = assessment.line_ids
            assessment.answer_count = len(lines)
            assessment.answered_count = len(lines.filtered("answered"))
            assessment.required_left = len(
                lines.filtered(lambda line: line.required and not line.answered)
            )

    @staticmethod
    def _weighted_mean(lines):
        """Mean rating of ``lines`` by their weights, or None without any line."""
        total = sum(lines.mapped("weight"))
        if not total:
            return None
        return sum(line.rating * line.weight for line in lines) / total

    def _suggested_level(self):
        """The level of the scale nearest to the overall score."""
        self.ensure_one()
        levels = self.rating_scale_id.level_ids
        if not levels or not self.score:
            return levels.browse()
        return min(
            levels, key=lambda level: (abs(level.value - self.score), level.value)
        )

    @api.constrains("final_level_id", "strengths", "improvements", "summary")
    def _check_contents(self):
        check_scale(self, "final_level_id", "rating_scale_id")
        check_length(self, ["strengths", "improvements", "summary"])

    def _workflow_roles(self):
        chain = Chain(self.env)
        roles = {}
        # sudo: the assessments' people, to tell the caller's roles
        for assessment in self.sudo():
            found = chain.staff_roles(assessment.company_id, assessment.employee_id)
            if assessment.author_id == chain.user:
                found.add(ROLE_AUTHOR)
            roles[assessment.with_env(self.env)] = found
        return roles

    def _workflow_writable(self, roles):
        allowed = super()._workflow_writable(roles)
        if (
            ROLE_AUTHOR in roles
            and self.is_lead
            and self.state == "draft"
            and not self.appraisal_id.rating_frozen
        ):
            allowed.add("final_level_id")
        return allowed

    def write(self, vals):
        if "final_level_id" in vals and self.appraisal_id.filtered("rating_frozen"):
            raise UserError(self.env._("Calibration froze this rating."))
        return super().write(vals)

    def action_submit(self):
        """Submit the assessment; it is final. Moves the appraisal along."""
        self._workflow_check_move("submit")
        self._check_complete()
        for assessment in self.filtered(lambda a: a.is_lead and not a.final_level_id):
            assessment.final_level_id = assessment._suggested_level()
        self._workflow_move("submit", {"date_submitted": fields.Datetime.now()})
        # sudo: the author's to-dos of the appraisals (checked above) are done
        authors = self.sudo()
        close_activities(
            self.appraisal_id,
            pairs={(a.appraisal_id.id, a.author_id.id) for a in authors},
            activity_type=TODO,
        )
        self.appraisal_id._hrp_sudo()._on_assessments_submitted()
        return True

    def _check_complete(self):
        missing = self.line_ids.filtered(
            lambda line: line.required and not line.answered
        )
        if missing:
            raise UserError(
                self.env._(
                    "Answer these before submitting: %(questions)s",
                    questions=", ".join(missing.mapped("display_name")),
                )
            )

    def review_evidence(self):
        """The evidence beside this assessment (the manager's review), read as the
        caller: the record rules decide what it holds."""
        self.ensure_one()
        self._workflow_check_readable()
        return self.env["hr.performance.review.evidence"]._collect(self.appraisal_id)

    def action_reopen(self):
        """Officers send a submitted assessment back to its author."""
        self._workflow_check_move("reopen")
        # sudo: whether the appraisal is released (a step of officers, checked above)
        if self.appraisal_id.sudo().filtered("released"):
            raise UserError(self.env._("A released appraisal's assessments are final."))
        self._workflow_move("reopen", {"date_submitted": False})
        return True
