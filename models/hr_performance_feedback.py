# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.translate import LazyTranslate

from .hr_performance_access import ROLE_AUTHOR, ROLE_SENDER
from .hr_performance_state import check_length
from .hr_performance_workflow import Transition

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

# how long after sending its author may withdraw a feedback sent by mistake
WITHDRAW_MINUTES = 10
FEEDBACK_FIELDS = ("kind", "employee_id", "body", "value_ids", "goal_id", "visibility")


class HrPerformanceFeedback(models.Model):
    """Continuous feedback and praise, given by anyone to a colleague at any time.

    The giver chooses who reads it (record rules in security/hr_performance_rules.xml):
    - ``private``: the author and the recipient only (not even officers);
    - ``manager``: also the recipient's manager chain and officers;
    - ``public``: also every employee of the recipient's company (praise wall).
    Feedback is written as a draft that only its author reads, changes and deletes,
    then *sent*: from then on it is read as above and immutable, except that its
    author may withdraw it (back to a draft) within ``WITHDRAW_MINUTES`` of sending
    it. Only an administrator deletes sent feedback, and that is logged. The
    recipient is notified by a message on the feedback itself, which only people
    allowed to read the feedback can read; nobody follows. Sent praise carries a
    chatter message that its readers react to with emojis (Odoo's reactions, which
    need read access to the praise: private feedback gets none).
    What the server and data files create (demo, imports run as superuser) is sent
    at once.
    """

    _name = "hr.performance.feedback"
    _description = "Feedback"
    _inherit = ["hr.performance.workflow", "mail.thread"]
    _order = "create_date desc, id desc"
    # no name field: the display name is "<kind> to <employee>", searched by the
    # recipient (without it, name_search matches every feedback one may read)
    _rec_names_search = ["employee_id"]
    _mail_post_access = "read"
    # a draft is its author's; sent feedback is immutable (but withdrawn, shortly)
    _workflow_transitions = (
        Transition(
            "send",
            ("draft",),
            "sent",
            (ROLE_AUTHOR,),
            _lt("Only its author sends feedback."),
        ),
        Transition(
            "withdraw",
            ("sent",),
            "draft",
            (ROLE_SENDER,),
            _lt(
                "Only its author withdraws feedback, and only in the first minutes "
                "after sending it: it is given for good now."
            ),
        ),
    )
    _workflow_fields = {ROLE_AUTHOR: {"draft": FEEDBACK_FIELDS}}
    _workflow_create_fields = frozenset(FEEDBACK_FIELDS)
    _workflow_server_fields = frozenset(("author_id", "date_sent"))

    def _default_state(self):
        # users write a draft and send it; the server and data files give at once
        return "sent" if self.env.su else "draft"

    # not tracked: a "Draft → Sent" line would only repeat the feedback on its chatter
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent")],
        required=True,
        default=lambda self: self._default_state(),
        copy=False,
        index=True,
        readonly=True,
    )
    date_sent = fields.Datetime("Sent On", copy=False, readonly=True)
    kind = fields.Selection(
        [("continuous", "Feedback"), ("praise", "Praise")],
        required=True,
        default="continuous",
        index=True,
    )
    author_id = fields.Many2one(
        "res.users",
        "From",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        readonly=True,
    )
    # the company follows the recipient: no check_company on the recipient
    employee_id = fields.Many2one("hr.employee", "To", required=True, index=True)
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, precompute=True
    )
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    body = fields.Html("Message", required=True)
    value_ids = fields.Many2many("hr.performance.value", string="Values")
    goal_id = fields.Many2one(
        "hr.performance.goal",
        "About Goal",
        domain="[('employee_id', '=', employee_id)]",
        index=True,
    )
    visibility = fields.Selection(
        [
            ("private", "Only the recipient"),
            ("manager", "The recipient and their managers"),
            ("public", "Everyone (praise wall)"),
        ],
        required=True,
        compute="_compute_visibility",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
    )

    withdraw_deadline = fields.Datetime(
        compute="_compute_withdraw_deadline",
        help="Until when its author may still withdraw the feedback sent.",
    )

    @api.depends("state", "date_sent")
    def _compute_withdraw_deadline(self):
        for feedback in self:
            feedback.withdraw_deadline = (
                feedback.state == "sent"
                and feedback.date_sent
                and feedback.date_sent + timedelta(minutes=WITHDRAW_MINUTES)
            )

    @api.depends("kind")
    def _compute_visibility(self):
        for feedback in self:
            feedback.visibility = "public" if feedback.kind == "praise" else "private"

    @api.depends("kind", "employee_id", "author_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for feedback in self:
            feedback.display_name = self.env._(
                "%(kind)s to %(employee)s",
                kind=kinds.get(feedback.kind, ""),
                employee=feedback.employee_id.name or "",
            )

    @api.constrains("body")
    def _check_body(self):
        check_length(self, ["body"])

    @api.constrains("author_id", "employee_id")
    def _check_not_to_oneself(self):
        for feedback in self:
            if feedback.employee_id.user_id == feedback.author_id:
                raise ValidationError(
                    self.env._("Feedback and praise go to someone else, not to you.")
                )

    @api.constrains("goal_id", "employee_id", "visibility")
    def _check_goal(self):
        """Feedback is about one of the recipient's goals, and never shows a private
        goal to anyone but the author and the recipient."""
        # sudo: the linked goal, to keep a private goal out of a public feedback
        for feedback in self.sudo().filtered("goal_id"):
            goal = feedback.goal_id
            if goal.employee_id != feedback.employee_id:
                raise ValidationError(
                    self.env._("Feedback is about one of the recipient's own goals.")
                )
            if goal.private and feedback.visibility != "private":
                raise ValidationError(
                    self.env._(
                        "Feedback about a private goal is read by its recipient only: "
                        "choose “Only the recipient”, or no goal."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            user = self.env.user.id
            if any(vals.get("author_id", user) != user for vals in vals_list):
                raise AccessError(
                    self.env._("Feedback can only be given in your own name.")
                )
        elif self.env.su:
            now = fields.Datetime.now()
            for vals in vals_list:
                if vals.get("state", "sent") == "sent":
                    vals.setdefault("date_sent", now)
        feedbacks = super(
            HrPerformanceFeedback,
            self.with_context(mail_create_nosubscribe=True, mail_create_nolog=True),
        ).create(vals_list)
        feedbacks.filtered(lambda feedback: feedback.state == "sent")._on_sent()
        return feedbacks.with_env(self.env)

    def _workflow_roles(self):
        """The author on their feedback; the *sender* while they may withdraw it."""
        now = fields.Datetime.now()
        roles = {}
        # sudo: author, state and date sent, to tell the caller's roles
        for feedback in self.sudo():
            held = set()
            if feedback.author_id == self.env.user:
                held.add(ROLE_AUTHOR)
                if feedback.withdraw_deadline and feedback.withdraw_deadline > now:
                    held.add(ROLE_SENDER)
            roles[feedback.with_env(self.env)] = held
        return roles

    # ------------------------------------------------------------------ actions

    def action_send(self):
        """Send drafts: their recipients are told, and read them from now on."""
        self._workflow_move("send", {"date_sent": fields.Datetime.now()})
        self._hrp_sudo()._on_sent()
        message = (
            self.env._(
                "Sent to %(employee)s. You can still withdraw it for %(minutes)s "
                "minutes.",
                # sudo: the recipient's name, of feedback the caller just sent
                employee=self.sudo().employee_id.name,
                minutes=WITHDRAW_MINUTES,
            )
            if len(self) == 1
            else self.env._(
                "%(count)s feedback sent.",
                count=len(self),
            )
        )
        return self._notification(message)

    def action_withdraw(self):
        """The author takes back feedback sent a moment ago: it is a draft again,
        read by them only, and its recipient's notification is gone."""
        self._workflow_move("withdraw", {"date_sent": False})
        # sudo: the messages of feedback its author withdraws (their reactions too)
        self.env["mail.message"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        return self._notification(
            self.env._(
                "Withdrawn: it is a draft again, which only you read. Change and "
                "send it, or delete it."
            ),
            "info",
        )

    def _notification(self, message, kind="success"):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": kind,
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _on_sent(self):
        """Feedback just sent: its recipient is told, praise gets its post."""
        self._notify_recipients()
        for praise in self.filtered(lambda f: f.kind == "praise"):
            # sudo: the post of praise just sent, that its readers react to
            praise._hrp_sudo().message_post(
                body=self.env._(
                    "%(author)s praised %(employee)s.",
                    author=praise.author_id.name,
                    employee=praise.employee_id.name,
                ),
                author_id=praise.author_id.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

    def _notify_recipients(self):
        """Tell each recipient, on the feedback itself, that they received it."""
        for feedback in self.filtered("employee_id.user_id"):
            feedback._hrp_sudo().message_notify(
                partner_ids=feedback.employee_id.user_id.partner_id.ids,
                subject=feedback.display_name,
                body=self.env._(
                    "%(author)s gave you %(kind)s.",
                    author=feedback.author_id.name,
                    kind=feedback.display_name,
                ),
                author_id=feedback.author_id.partner_id.id,
            )

    @api.ondelete(at_uninstall=False)
    def _log_purge(self):
        for feedback in self:
            _logger.info(
                "Feedback %s purged by user %s", feedback.id, self.env.user.login
            )
