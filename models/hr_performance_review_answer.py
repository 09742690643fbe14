# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from .hr_performance_access import ROLE_AUTHOR
from .hr_performance_state import check_length, check_scale


class HrPerformanceReviewAnswer(models.Model):
    """One answer of a 360 response. Only the response's author reads it."""

    _name = "hr.performance.review.answer"
    _description = "360 Answer"
    _inherit = ["hr.performance.workflow"]
    _workflow_state = None
    _workflow_fields = {ROLE_AUTHOR: {"draft": ("level_id", "comment")}}
    _order = "response_id, sequence, id"
    _rec_names_search = ["question_id.name"]

    response_id = fields.Many2one(
        "hr.performance.review.response", required=True, ondelete="cascade", index=True
    )
    question_id = fields.Many2one(
        "hr.performance.template.question",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(readonly=True)
    answer_type = fields.Selection(related="question_id.answer_type")
    question_help = fields.Text(related="question_id.help", string="Guidance")
    section_id = fields.Many2one(related="question_id.section_id")
    section_name = fields.Char(
        related="question_id.section_id.name", string="Section Title"
    )
    rating_scale_id = fields.Many2one(related="question_id.template_id.rating_scale_id")
    level_id = fields.Many2one(
        "hr.performance.rating.level",
        "Rating",
        domain="[('scale_id', '=', rating_scale_id)]",
    )
    # computed before the insert: no UPDATE of every new answer after it
    rating = fields.Integer(related="level_id.value", store=True, precompute=True)
    comment = fields.Text()

    def _compute_display_name(self):
        for answer in self:
            answer.display_name = (
                answer.question_id._wording("review") if answer.question_id else ""
            )

    @api.constrains("level_id", "comment")
    def _check_answer(self):
        check_scale(self, "level_id", "rating_scale_id")
        check_length(self, ["comment"])

    def _workflow_state_of(self):
        # sudo: the response's state decides what its answers allow
        return self.sudo().response_id.state

    def _workflow_roles(self):
        of_response = self.response_id._workflow_roles()
        return {answer: of_response[answer.response_id] for answer in self}

    def write(self, vals):
        if not self.env.su:
            # sudo: whether the 360 feedback is still open
            self.response_id.appraisal_id.sudo()._check_review_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_purge(self):
        if not self.env.su:
            raise AccessError(self.env._("360 feedback is only deleted by a purge."))
