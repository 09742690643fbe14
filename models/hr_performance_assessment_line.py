# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .hr_performance_access import ROLE_AUTHOR
from .hr_performance_state import check_length, check_scale


class HrPerformanceAssessmentLine(models.Model):
    """An answer of an assessment: a template question, a goal or a competency.

    Lines follow their assessment's record rules (who reads and writes it).
    """

    _name = "hr.performance.assessment.line"
    _description = "Assessment Answer"
    _inherit = ["hr.performance.workflow"]
    _order = "assessment_id, line_type desc, sequence, id"
    # an answer changes with its assessment: by its author, while a draft
    _workflow_state = None
    _workflow_fields = {ROLE_AUTHOR: {"draft": ("level_id", "answer_yes", "comment")}}

    assessment_id = fields.Many2one(
        "hr.performance.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="assessment_id.company_id", store=True, precompute=True
    )
    line_type = fields.Selection(
        [("goal", "Goal"), ("competency", "Competency"), ("question", "Question")],
        required=True,
        readonly=True,
    )
    sequence = fields.Integer(readonly=True)
    section_id = fields.Many2one(
        "hr.performance.template.section", readonly=True, ondelete="cascade"
    )
    question_id = fields.Many2one(
        "hr.performance.template.question", readonly=True, ondelete="cascade"
    )
    goal_id = fields.Many2one("hr.performance.goal", readonly=True, ondelete="cascade")
    skill_id = fields.Many2one("hr.skill", readonly=True, ondelete="cascade")
    skill_level_id = fields.Many2one(
        "hr.skill.level", "Current Skill Level", readonly=True
    )
    expected_level_id = fields.Many2one(
        "hr.skill.level",
        readonly=True,
        help="The level the role expects, as the template says.",
    )
    question_help = fields.Text(related="question_id.help", string="Guidance")
    section_name = fields.Char(related="section_id.name", string="Section Title")
    # not a related field: those are read and searched as superuser, and a private
    # goal is rated in appraisals that people outside its readers may read
    goal_progress = fields.Float(compute="_compute_goal_progress")
    goal_key_results = fields.Json(
        compute="_compute_goal_progress",
        help="The key results of the goal (name, value, target, progress), for "
        "those who may read the goal.",
    )
    answer_type = fields.Selection(
        [("rating", "Rating"), ("text", "Text"), ("yesno", "Yes / no")],
        required=True,
        readonly=True,
        default="rating",
    )
    required = fields.Boolean(readonly=True)
    weight = fields.Float(readonly=True, default=1.0)
    rating_scale_id = fields.Many2one(
        related="assessment_id.rating_scale_id", string="Scale"
    )
    level_id = fields.Many2one(
        "hr.performance.rating.level",
        "Rating",
        domain="[('scale_id', '=', rating_scale_id)]",
    )
    rating = fields.Integer(related="level_id.value", store=True, precompute=True)
    answer_yes = fields.Selection([("yes", "Yes"), ("no", "No")], "Yes / No")
    comment = fields.Text()
    answered = fields.Boolean(compute="_compute_answered")

    def _compute_display_name(self):
        """A question as its assessment's author reads it (the appraisers may have
        their own wording), a goal or a competency."""
        for line in self:
            if line.question_id:
                # sudo: the kind of the line's own assessment (same readers)
                kind = line.sudo().assessment_id.kind or "self"
                line.display_name = line.question_id._wording(kind)
            else:
                line.display_name = line.goal_id.name or line.skill_id.name or ""

    @api.depends("goal_id.progress", "goal_id.key_result_ids.progress")
    @api.depends_context("uid")
    def _compute_goal_progress(self):
        """The goal's progress and key results, for those who may read the goal."""
        readable = self.goal_id._filtered_access("read")
        for line in self:
            goal = line.goal_id if line.goal_id in readable else line.goal_id.browse()
            line.goal_progress = goal.progress if goal else 0.0
            line.goal_key_results = [
                {
                    "id": result.id,
                    "name": result.name,
                    "current": result.current_value,
                    "target": result.target_value,
                    "unit": result.unit or "",
                    "progress": result.progress,
                }
                for result in goal.key_result_ids._filtered_access("read")
            ]

    @api.depends("answer_type", "level_id", "answer_yes", "comment")
    def _compute_answered(self):
        for line in self:
            line.answered = bool(
                {
                    "rating": line.level_id,
                    "yesno": line.answer_yes,
                    "text": line.comment,
                }[line.answer_type]
            )

    @api.constrains("level_id", "comment")
    def _check_answer(self):
        check_scale(self, "level_id", "rating_scale_id")
        check_length(self, ["comment"])

    def _workflow_state_of(self):
        # sudo: the assessment's state decides what its answers allow
        return self.sudo().assessment_id.state

    def _workflow_roles(self):
        of_assessment = self.assessment_id._workflow_roles()
        return {line: of_assessment[line.assessment_id] for line in self}
