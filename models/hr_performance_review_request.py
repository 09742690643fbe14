# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .hr_performance_state import check_state, check_writable
from .hr_performance_template import CATEGORIES

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
    _order = "appraisal_id, category, id"

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
        [("proposed", "Proposed"), ("approved", "Invited"), ("rejected", "Rejected")],
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
        """A reviewer is never someone who reads the summary (the employee, their
        appraisers, their manager chain): their own answers, subtracted from the
        aggregate, would single out the others'. External e-mails are asked once.

        Batched: the readers of all the appraisals at once, the e-mails in one search.
        """
        readers = self.appraisal_id._summary_readers()
        everyone = self.env["res.users"].union(*readers.values())
        everyone.mapped("email"), everyone.employee_ids.mapped("work_email")  # prefetch
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
            users = readers[request.appraisal_id]
            emails = {
                email.strip().lower()
                for email in users.mapped("email")
                + users.employee_ids.mapped("work_email")
                if email
            }
            if request.reviewer_id in users or (
                request.email and request.email.strip().lower() in emails
            ):
                raise ValidationError(
                    self.env._(
                        "%(reviewer)s reads the 360 summary of %(employee)s, so cannot "
                        "answer it: their own answers would single out the others'.",
                        reviewer=request.display_name,
                        employee=request.appraisal_id.employee_id.name,
                    )
                )
        self._check_emails_once()

    def _check_emails_once(self):
        external = self.filtered("email")
        if not external:
            return
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
        if not self.env.su:
            for vals in vals_list:
                vals["nominated_by_id"] = self.env.uid
        requests = super().create(vals_list)
        if not self.env.su:
            requests._check_collecting()
            if any(request.state != "proposed" for request in requests):
                raise UserError(self.env._("Reviewers are proposed, then approved."))
        return requests

    def write(self, vals):
        if not self.env.su:
            check_writable(
                self, vals, {"category", "reviewer_id", "partner_name", "email"}
            )
            check_state(self, ("proposed",), self.env._("Changing a reviewer"))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_proposed_or_rejected(self):
        if not self.env.su:
            check_state(
                self, ("proposed", "rejected"), self.env._("Removing a reviewer")
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
        """Invite the reviewers: each gets a response to fill in, and an e-mail."""
        self.appraisal_id._check_lead_or_officer(self.env._("Approving reviewers of"))
        check_state(self, ("proposed",), self.env._("Approving"))
        self._check_collecting()
        requests = self.sudo()
        requests.write({"state": "approved"})
        requests._check_limits()
        responses = (
            self.env["hr.performance.review.response"].sudo()._create_for(requests)
        )
        responses._send_invitations()
        return True

    def action_reject(self):
        self.appraisal_id._check_lead_or_officer(self.env._("Rejecting reviewers of"))
        check_state(self, ("proposed",), self.env._("Rejecting"))
        self.sudo().write({"state": "rejected"})
        return True
