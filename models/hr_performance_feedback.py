# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .hr_performance_state import check_length

_logger = logging.getLogger(__name__)


class HrPerformanceFeedback(models.Model):
    """Continuous feedback and praise, given by anyone to a colleague at any time.

    The giver chooses who reads it (record rules in security/hr_performance_rules.xml):
    - ``private``: the author and the recipient only (not even officers);
    - ``manager``: also the recipient's manager chain and officers;
    - ``public``: also every employee of the recipient's company (praise wall).
    Given feedback is immutable: nobody edits it; only an administrator deletes it,
    and that is logged. The recipient is notified by a message on the feedback
    itself, which only people allowed to read the feedback can read; nobody follows.
    """

    _name = "hr.performance.feedback"
    _description = "Feedback"
    _inherit = ["hr.performance.workflow", "mail.thread"]
    _order = "create_date desc, id desc"
    # no name field: the display name is "<kind> to <employee>", searched by the
    # recipient (without it, name_search matches every feedback one may read)
    _rec_names_search = ["employee_id"]
    _mail_post_access = "read"
    # given feedback is immutable: no field is writable, for anyone
    _workflow_state = None
    _workflow_create_fields = frozenset(
        ("kind", "employee_id", "body", "value_ids", "goal_id", "visibility")
    )
    _workflow_server_fields = frozenset(("author_id",))

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
        feedbacks = super(
            HrPerformanceFeedback,
            self.with_context(mail_create_nosubscribe=True, mail_create_nolog=True),
        ).create(vals_list)
        feedbacks._notify_recipients()
        return feedbacks.with_env(self.env)

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
