# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools.translate import LazyTranslate

from .hr_performance_access import (
    ROLE_EMPLOYEE,
    ROLE_LEAD,
    ROLE_MANAGER,
    ROLE_OFFICER,
)
from .hr_performance_activity import REVIEWERS, close_activities, create_activities
from .hr_performance_template import CATEGORIES
from .hr_performance_workflow import Transition

_lt = LazyTranslate(__name__)
APPROVERS = (ROLE_LEAD, ROLE_OFFICER)
NOMINATION = ("category", "reviewer_id", "partner_name", "email")
REQUEST_FIELDS = {
    role: {"proposed": NOMINATION}
    for role in (ROLE_EMPLOYEE, ROLE_LEAD, ROLE_MANAGER, ROLE_OFFICER)
}

CATEGORY_SELECTION = [
    ("peer", "Peers"),
    ("report", "Direct Reports"),
    ("manager", "Managers"),
    ("external", "External"),
]


class HrPerformanceReviewRequest(models.Model):
    """A 360 reviewer nominated for an appraisal.

    The employee proposes reviewers; the manager approves, edits or rejects them,
    within the template's minimum and maximum per category. A request says who was
    asked, never whether or what they answered: that is in the response, which only
    its author reads.
    """

    _name = "hr.performance.review.request"
    _description = "360 Reviewer"
    _inherit = ["hr.performance.workflow"]
    _order = "appraisal_id, category, id"
    _workflow_transitions = (
        Transition(
            "approve",
            ("proposed",),
            "approved",
            APPROVERS,
            _lt(
                "Only the employee's manager (the lead appraiser) or a performance "
                "officer approves 360 reviewers."
            ),
        ),
        Transition(
            "reject",
            ("proposed",),
            "rejected",
            APPROVERS,
            _lt(
                "Only the employee's manager (the lead appraiser) or a performance "
                "officer rejects 360 reviewers."
            ),
        ),
    )
    _workflow_fields = REQUEST_FIELDS
    _workflow_create_roles = (ROLE_EMPLOYEE, ROLE_LEAD, ROLE_MANAGER, ROLE_OFFICER)
    _workflow_create_fields = frozenset(("appraisal_id", *NOMINATION))
    _workflow_server_fields = frozenset(("nominated_by_id",))

    appraisal_id = fields.Many2one(
        "hr.performance.appraisal", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    category = fields.Selection(CATEGORY_SELECTION, required=True, default="peer")
    reviewer_id = fields.Many2one(
        "res.users",
        domain="[('share', '=', False)]",
        help="An internal reviewer: a colleague with a user.",
    )
    partner_name = fields.Char("External Name")
    email = fields.Char("External E-mail")
    state = fields.Selection(
        # "asked", never "answered": the request tells nothing of the response
        [("proposed", "Proposed"), ("approved", "Asked"), ("rejected", "Rejected")],
        default="proposed",
        required=True,
        readonly=True,
        copy=False,
    )
    nominated_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )

    _sql_constraints = [
        (
            "reviewer_uniq",
            "unique (appraisal_id, reviewer_id)",
            "A colleague is asked once per appraisal.",
        ),
    ]

    def _compute_display_name(self):
        for request in self:
            request.display_name = (
                request.reviewer_id.name or request.partner_name or ""
            )

    @api.constrains("category", "reviewer_id", "email", "appraisal_id")
    def _check_reviewer(self):
        """A reviewer never reads the appraisal, and so never its summary: their own
        answers, subtracted from the aggregate, would single out the others'.
        Whether they read it is asked of the record rules, as the reviewer (for an
        external e-mail: as the users with that e-mail). External e-mails are asked
        once. Batched: one access check per reviewer."""
        for request in self:
            if request.category == "external":
                if request.reviewer_id or not request.email:
                    raise ValidationError(
                        self.env._("An external reviewer has an e-mail and no user.")
                    )
            elif not request.reviewer_id:
                raise ValidationError(
                    self.env._("Choose the colleague asked for 360 feedback.")
                )
        readers = self._summary_readers()
        for request in self:
            if request in readers:
                raise ValidationError(
                    self.env._(
                        "%(reviewer)s reads the appraisal of %(employee)s, and so its "
                        "360 summary: they cannot answer it, their own answers would "
                        "single out the others'.",
                        reviewer=request.display_name,
                        # sudo: the appraisee's name, in the refusal to who nominates
                        employee=request.appraisal_id.sudo().employee_id.name,
                    )
                )
        self._check_emails_once()

    def _summary_readers(self):
        """The requests among these whose reviewer may read the appraisal (as the
        record rules say), in one access check per reviewer."""
        # sudo: the reviewers of the requests, to check they cannot read the appraisal
        requests = self.sudo()
        # sudo: the users of external e-mails, to check they cannot read the appraisal
        Users = self.env["res.users"].sudo()
        by_email = {}
        emails = {r.email.strip().lower() for r in requests if r.email}
        if emails:
            domain = expression.OR([[("email", "=ilike", email)] for email in emails])
            for user in Users.search([("share", "=", False), *domain]):
                key = user.email.strip().lower()
                by_email[key] = by_email.get(key, Users) | user
        pairs = {}
        for request in requests:
            users = request.reviewer_id | by_email.get(
                (request.email or "").strip().lower(), Users
            )
            for user in users:
                pairs.setdefault(user, self.browse())
                pairs[user] |= request
        # the reviewers' groups and companies in one read each, not one per reviewer
        # (their record rules are then computed from the cache)
        reviewers = Users.union(*pairs)
        reviewers.mapped("groups_id")
        reviewers.mapped("company_ids")
        readers = self.browse()
        for user, asked in pairs.items():
            appraisals = asked.appraisal_id.with_user(user).with_context(
                allowed_company_ids=user.company_ids.ids
            )
            readable = appraisals._filtered_access("read")
            readers |= asked.filtered(lambda r, ok=readable: r.appraisal_id in ok)
        return readers.with_env(self.env)

    def _check_emails_once(self):
        external = self.filtered("email")
        if not external:
            return
        # sudo: the e-mails already asked, not to ask one twice
        asked = self.sudo().search(
            [("appraisal_id", "in", external.appraisal_id.ids), ("email", "!=", False)]
        )
        counts = {}
        for request in asked:
            key = (request.appraisal_id.id, request.email.strip().lower())
            counts[key] = counts.get(key, 0) + 1
        for request in external:
            if counts[(request.appraisal_id.id, request.email.strip().lower())] > 1:
                raise ValidationError(
                    self.env._("%(email)s is already asked.", email=request.email)
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("reviewer_id") == self.env.uid for vals in vals_list
        ):
            raise AccessError(
                self.env._("Nobody nominates themselves for 360 feedback.")
            )
        requests = super().create(vals_list)
        if not self.env.su:
            requests._check_collecting()
        requests._hrp_sudo()._ask_lead_to_approve()
        return requests

    def write(self, vals):
        if not self.env.su and vals.get("reviewer_id") == self.env.uid:
            raise AccessError(
                self.env._("Nobody nominates themselves for 360 feedback.")
            )
        return super().write(vals)

    def unlink(self):
        appraisals = self.appraisal_id
        result = super().unlink()
        # the lead's to-do goes with the last reviewer proposed
        self._hrp_sudo()._close_lead_todos(appraisals, cancel=True)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_proposed(self):
        if not self.env.su and self.filtered(
            lambda r: r.state not in ("proposed", "rejected")
        ):
            raise UserError(
                self.env._("An invited reviewer stays: their answers may be given.")
            )

    def _check_collecting(self):
        closed = self.appraisal_id.filtered(
            lambda a: a.review_state != "collecting"
            or a.state not in ("draft", "self_review", "manager_review")
        )
        if closed:
            raise UserError(
                self.env._(
                    "The 360 feedback of %(appraisals)s is closed.",
                    appraisals=", ".join(closed.mapped("display_name")),
                )
            )

    def _check_limits(self, minimum=False):
        """Each category of the requests' appraisals stays within the template's
        maximum (and minimum, when the requests are sent)."""
        labels = dict(CATEGORY_SELECTION)
        for appraisal in self.appraisal_id:
            # sudo: the requests, counted against the template's limits
            asked = appraisal.sudo().review_request_ids.filtered(
                lambda r: r.state != "rejected"
            )
            for category in CATEGORIES:
                low, high = appraisal.template_id._reviewer_limits(category)
                count = len(asked.filtered(lambda r, c=category: r.category == c))
                if count > high or (minimum and count < low):
                    raise UserError(
                        self.env._(
                            "%(appraisal)s asks %(count)s %(category)s for 360 "
                            "feedback; the template wants %(low)s to %(high)s.",
                            appraisal=appraisal.display_name,
                            count=count,
                            category=labels[category],
                            low=low,
                            high=high,
                        )
                    )

    def action_approve(self):
        """Invite the reviewers: each gets a response to fill in, and an e-mail.
        Nobody approves a request that names themselves."""
        self._workflow_check_move("approve")
        # sudo: the reviewers, to refuse approving one's own request
        if not self.env.su and self.sudo().filtered(
            lambda r: r.reviewer_id == self.env.user
        ):
            raise AccessError(self.env._("Nobody approves their own 360 request."))
        self._check_collecting()
        Job = self.env["hr.performance.job"]
        cycles = self.appraisal_id.cycle_id
        if (
            len(self) > Job._threshold()
            and len(cycles) == 1
            and not self.env.context.get("hr_performance_job")
        ):
            # a big company: checked here, invited in chunks in the background
            # sudo: the cycle of the requests the approver was checked for
            Job._enqueue(cycles.sudo(), "approve_reviews", self.ids)
            return True
        requests = self._workflow_move("approve")._hrp_sudo()
        requests._check_limits()
        responses = (
            self.env["hr.performance.review.response"]._hrp_sudo()._create_for(requests)
        )
        responses._send_invitations()
        requests._close_lead_todos()
        return True

    def action_reject(self):
        self._workflow_move("reject")
        self._hrp_sudo()._close_lead_todos()
        return True

    def _ask_lead_to_approve(self):
        """A to-do for the lead appraiser of each appraisal with reviewers proposed
        by someone else (one per appraisal, while any is proposed)."""
        proposed = self.filtered(lambda r: r.state == "proposed")
        appraisals = proposed.appraisal_id
        if not appraisals:
            return
        activity_type = self.env.ref(REVIEWERS)
        existing = {
            (activity.res_id, activity.user_id.id)
            for activity in self.env["mail.activity"].search(
                [
                    ("res_model", "=", appraisals._name),
                    ("res_id", "in", appraisals.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        }
        leads = {
            lead.appraisal_id: lead.author_id
            for lead in appraisals.assessment_ids.filtered("is_lead")
        }
        wanted = {
            (request.appraisal_id, leads[request.appraisal_id])
            for request in proposed
            if leads.get(request.appraisal_id)
            and request.nominated_by_id != leads[request.appraisal_id]
            and (request.appraisal_id.id, leads[request.appraisal_id].id)
            not in existing
        }
        model = self.env["ir.model"]._get_id(appraisals._name)
        create_activities(
            self.env,
            appraisals._name,
            [
                {
                    "res_model_id": model,
                    "res_id": appraisal.id,
                    "activity_type_id": activity_type.id,
                    "user_id": lead.id,
                    "summary": self.env._("Approve the proposed 360 reviewers"),
                    "date_deadline": fields.Date.context_today(self),
                    "automated": True,
                }
                for appraisal, lead in sorted(wanted, key=lambda pair: pair[0].id)
            ],
        )

    def _close_lead_todos(self, appraisals=None, cancel=False):
        """The lead's to-do is done once no reviewer of its appraisal is proposed
        (removed, with ``cancel``)."""
        appraisals = self.appraisal_id if appraisals is None else appraisals
        waiting = self.search(
            [("appraisal_id", "in", appraisals.ids), ("state", "=", "proposed")]
        ).appraisal_id
        close_activities(appraisals - waiting, cancel=cancel, activity_type=REVIEWERS)

    def _workflow_roles(self):
        """The roles on the appraisal: its employee nominates, its lead appraiser
        and officers approve."""
        of_appraisal = self.appraisal_id._workflow_roles()
        return {request: of_appraisal[request.appraisal_id] for request in self}
