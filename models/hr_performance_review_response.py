# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import secrets
from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.translate import LazyTranslate

from .hr_performance_access import ADMIN, ROLE_AUTHOR
from .hr_performance_guard import clean_sudo
from .hr_performance_review_request import CATEGORY_SELECTION
from .hr_performance_workflow import Transition

_lt = LazyTranslate(__name__)

_logger = logging.getLogger(__name__)
TOKEN_DAYS = 30


class HrPerformanceReviewResponse(models.Model):
    """A 360 reviewer's answers about an appraisal.

    Only the author reads or writes it (record rules): not the appraisee, not the
    manager, not officers. No chatter, no followers, no activities, no attachments:
    nothing that could name the author somewhere else. Others see the aggregate of
    ``hr_performance_review_aggregate`` only. External reviewers answer through a
    tokenised link (controllers/main.py) that expires and works once.
    """

    _name = "hr.performance.review.response"
    _description = "360 Response"
    _inherit = ["hr.performance.workflow"]
    _workflow_transitions = (
        Transition(
            "submit",
            ("draft",),
            "submitted",
            (ROLE_AUTHOR,),
            _lt("Only its author changes or submits 360 feedback."),
        ),
    )
    _workflow_fields = {ROLE_AUTHOR: {"draft": ("answer_ids",)}}
    _order = "state, id desc"
    _rec_names_search = ["appraisal_id.employee_id.name"]

    request_id = fields.Many2one(
        "hr.performance.review.request", readonly=True, ondelete="set null"
    )
    appraisal_id = fields.Many2one(
        "hr.performance.appraisal",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    employee_id = fields.Many2one(related="appraisal_id.employee_id", string="About")
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, precompute=True
    )
    category = fields.Selection(CATEGORY_SELECTION, required=True, readonly=True)
    author_id = fields.Many2one("res.users", readonly=True, index=True)
    partner_name = fields.Char(readonly=True)
    email = fields.Char(readonly=True)
    state = fields.Selection(
        [("draft", "To Answer"), ("submitted", "Submitted"), ("cancelled", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        index=True,
    )
    access_token = fields.Char(readonly=True, copy=False, index="btree_not_null")
    token_expiry = fields.Datetime(readonly=True, copy=False)
    date_submitted = fields.Datetime(readonly=True)
    date_deadline = fields.Date(
        related="appraisal_id.cycle_id.deadline_peer", string="Answer By"
    )
    rating_scale_id = fields.Many2one(
        related="appraisal_id.template_id.rating_scale_id"
    )
    answer_ids = fields.One2many("hr.performance.review.answer", "response_id")

    def _compute_display_name(self):
        # the related employee is read as superuser: the rules apply to the response
        self.check_access("read")
        for response in self:
            # sudo: the appraisee's name, for the response's author only (checked above)
            employee = response.appraisal_id.sudo().employee_id
            response.display_name = self.env._(
                "360 feedback about %(employee)s", employee=employee.name
            )

    @api.model
    def _create_for(self, requests):
        """One draft response per approved request, with its questions."""
        vals_list = []
        for request in requests:
            appraisal = request.appraisal_id
            questions = appraisal.template_id._questions_for("review")
            vals = {
                "request_id": request.id,
                "appraisal_id": appraisal.id,
                "category": request.category,
                "author_id": request.reviewer_id.id,
                "partner_name": request.partner_name,
                "email": request.email,
                "answer_ids": [
                    fields.Command.create(
                        {"question_id": question.id, "sequence": index}
                    )
                    for index, question in enumerate(questions)
                ],
            }
            if request.category == "external":
                vals.update(
                    access_token=secrets.token_urlsafe(32),
                    token_expiry=self._token_expiry(appraisal),
                )
            vals_list.append(vals)
        return self.create(vals_list)

    def _token_expiry(self, appraisal):
        deadline = appraisal.cycle_id.deadline_peer
        if deadline:
            return datetime.combine(deadline + timedelta(days=1), time.min)
        return fields.Datetime.now() + timedelta(days=TOKEN_DAYS)

    def _send_invitations(self):
        """E-mail each reviewer: internal ones get a link to their response in the
        app, external ones their personal link. The mails are deleted once sent."""
        base_url = self.browse().get_base_url()
        bot = self.env.ref("base.partner_root")
        sender = self.env.company.email_formatted or bot.email_formatted
        mails = []
        for response in self:
            if response.access_token:
                url = f"{base_url}/performance/review/{response.access_token}"
            else:
                url = f"{base_url}/odoo/{self._name}/{response.id}"
            body = Markup("<p>%s</p><p><a href='%s'>%s</a></p><p>%s</p>") % (
                self.env._(
                    "%(employee)s's appraisal asks for your feedback.",
                    employee=response.employee_id.name,
                ),
                url,
                self.env._("Give your feedback"),
                self.env._(
                    "Only you can read your answers. %(employee)s and their managers "
                    "see the averages and comments of several reviewers together, "
                    "never who wrote what.",
                    employee=response.employee_id.name,
                ),
            )
            mails.append(
                {
                    "subject": self.env._(
                        "Feedback requested about %(employee)s",
                        employee=response.employee_id.name,
                    ),
                    "body_html": body,
                    "email_to": response.email or False,
                    "recipient_ids": [
                        fields.Command.link(response.author_id.partner_id.id)
                    ]
                    if response.author_id
                    else [],
                    "auto_delete": True,
                    # authored by the approver, the mail (and its link) would be theirs
                    "author_id": bot.id,
                    "email_from": sender,
                }
            )
        return clean_sudo(self.env["mail.mail"]).create(mails)

    def _workflow_roles(self):
        user = self.env.user
        return {
            # sudo: the author, to tell the caller's role
            response: {ROLE_AUTHOR} if response.sudo().author_id == user else set()
            for response in self
        }

    def _check_editable(self):
        """The author, while a draft and while the 360 feedback is open."""
        if self.env.su:
            return
        self._workflow_check_move("submit")
        # sudo: whether the 360 feedback is still open
        self.appraisal_id.sudo()._check_review_open()

    def write(self, vals):
        if not self.env.su:
            # sudo: whether the 360 feedback is still open
            self.appraisal_id.sudo()._check_review_open()
        return super().write(vals)

    def action_submit(self):
        """Submit the answers; they cannot change afterwards."""
        self._check_editable()
        self._submit()
        return True

    def _submit(self):
        missing = self.filtered(
            lambda response: not response.answer_ids.filtered(
                lambda answer: answer.level_id or answer.comment
            )
        )
        if missing:
            raise UserError(
                self.env._("Answer at least one question before submitting.")
            )
        self._hrp_sudo().write(
            {
                "state": "submitted",
                "date_submitted": fields.Datetime.now(),
                "access_token": False,
            }
        )

    @api.model
    def _get_by_token(self, token):
        """The draft external response of ``token`` if the link is still valid."""
        if not token:
            return self.browse()
        # sudo: the external reviewer's response, found by its secret token
        response = self.sudo().search(
            [("access_token", "=", token), ("state", "=", "draft")], limit=1
        )
        if not response or response.token_expiry < fields.Datetime.now():
            return self.browse()
        if response.appraisal_id.review_state != "collecting":
            return self.browse()
        return response

    def _submit_external(self, answers):
        """Save and submit ``answers`` ({answer id: (level id, comment)}) of a
        response opened by its token (superuser environment)."""
        self.ensure_one()
        # sudo: the rating scale, to check the external answers
        levels = self.env["hr.performance.rating.level"].sudo()
        for answer in self.answer_ids:
            level_id, comment = answers.get(answer.id, (False, ""))
            level = levels.browse(level_id).exists() if level_id else levels
            if level and level.scale_id != answer.rating_scale_id:
                level = levels
            answer.write({"level_id": level.id, "comment": (comment or "").strip()})
        self._submit()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_purge(self):
        # one by one, deletions could be told apart in the summary: only purge() deletes
        if not self.env.su:
            raise AccessError(self.env._("360 feedback is only deleted by a purge."))

    @api.model
    def purge(self, appraisals):
        """Administrators delete all 360 answers of ``appraisals``, logged."""
        if not self.env.user.has_group(ADMIN):
            raise AccessError(
                self.env._("Only performance administrators purge 360 feedback.")
            )
        appraisals.check_access("write")
        # sudo: the 360 answers an administrator purges (checked above)
        responses = self.sudo().search([("appraisal_id", "in", appraisals.ids)])
        _logger.info(
            "user %s purged %s 360 responses of appraisals %s",
            self.env.uid,
            len(responses),
            appraisals.ids,
        )
        responses.unlink()
        for appraisal in appraisals._hrp_sudo():
            appraisal.message_post(
                body=self.env._(
                    "%(user)s purged the 360 feedback.", user=self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
