# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import io

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .hr_performance_state import check_state, check_writable

OFFICER = "hr_performance.group_hr_performance_officer"
ADMIN = "hr_performance.group_hr_performance_admin"
PAYROLL = "hr_performance.group_hr_performance_payroll"
MANAGER = "hr_performance.group_hr_performance_manager"
COUNTED = ("approved", "applied", "paid")
MONETARY = ("raise", "promotion", "bonus")


class HrPerformanceReward(models.Model):
    """A reward proposal: a raise, a bonus, a promotion or a non-monetary reward.

    Managers propose for their reports, the next manager or HR approves (within the
    department's budget), payroll consumes: raises and promotions change the contract
    from their effective date (a new contract, the old one ends the day before); bonuses
    are read and acknowledged by payroll with ``action_mark_paid``. Payroll reads the
    approved proposals and nothing of the review behind them: the fields that would
    tell (appraisal, rating, compa-ratio) carry ``groups=``.
    """

    _name = "hr.performance.reward"
    _description = "Reward Proposal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "effective_date desc, id desc"

    name = fields.Char("Reference", compute="_compute_name", store=True)
    cycle_id = fields.Many2one("hr.performance.cycle", index=True, ondelete="restrict")
    appraisal_id = fields.Many2one(
        "hr.performance.appraisal", ondelete="set null", groups=MANAGER
    )
    level_id = fields.Many2one(
        "hr.performance.rating.level", "Final Rating", readonly=True, groups=MANAGER
    )
    compa_ratio = fields.Float(readonly=True, digits=(4, 2), groups=MANAGER)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    contract_id = fields.Many2one("hr.contract", readonly=True, groups=MANAGER)
    new_contract_id = fields.Many2one("hr.contract", readonly=True, groups=MANAGER)
    kind = fields.Selection(
        [
            ("raise", "Salary Raise"),
            ("bonus", "One-off Bonus"),
            ("promotion", "Promotion"),
            ("other", "Non-monetary"),
        ],
        required=True,
        default="raise",
        tracking=True,
    )
    current_wage = fields.Monetary(readonly=True, tracking=True)
    percent = fields.Float("Raise (%)", digits=(5, 2), tracking=True)
    new_wage = fields.Monetary(
        compute="_compute_new_wage", store=True, readonly=False, tracking=True
    )
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        readonly=False,
        tracking=True,
        help="A bonus: its amount. A raise or promotion: the monthly increase.",
    )
    annual_cost = fields.Monetary(compute="_compute_annual_cost", store=True)
    job_id = fields.Many2one("hr.job", "New Position", tracking=True)
    description = fields.Text(help="What a non-monetary reward grants.")
    effective_date = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("proposed", "Proposed"),
            ("approved", "Approved"),
            ("applied", "Applied"),
            ("paid", "Paid"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    proposed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reason = fields.Text(
        help="Why the proposal is refused or cancelled; required for both.", copy=False
    )
    budget_override_reason = fields.Text(
        help="An administrator approving above the budget says why.", copy=False
    )
    payslip_ref = fields.Char("Payslip Reference", readonly=True, copy=False)
    date_paid = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK (amount >= 0)",
            "A reward amount cannot be negative.",
        ),
    ]

    @api.depends("kind", "employee_id")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for reward in self:
            reward.name = self.env._(
                "%(kind)s for %(employee)s",
                kind=kinds.get(reward.kind, ""),
                employee=reward.employee_id.name or "",
            )

    @api.depends("employee_id")
    def _compute_department_id(self):
        for reward in self:
            reward.department_id = reward.employee_id.department_id

    @api.depends("kind", "current_wage", "percent")
    def _compute_new_wage(self):
        for reward in self:
            raising = reward.kind in ("raise", "promotion")
            reward.new_wage = (
                reward.current_wage * (1 + reward.percent / 100) if raising else 0.0
            )

    @api.depends("kind", "new_wage", "current_wage")
    def _compute_amount(self):
        for reward in self.filtered(lambda r: r.kind in ("raise", "promotion")):
            reward.amount = max(reward.new_wage - reward.current_wage, 0.0)

    @api.depends("kind", "amount")
    def _compute_annual_cost(self):
        for reward in self:
            yearly = 12 if reward.kind in ("raise", "promotion") else 1
            reward.annual_cost = (
                reward.amount * yearly if reward.kind in MONETARY else 0
            )

    @api.model
    def _compa_ratios(self, employees):
        """{employee: wage / average wage of the running contracts of their job}."""
        contracts = employees.sudo().contract_id
        averages = dict(
            self.env["hr.contract"]
            .sudo()
            ._read_group(
                [("state", "=", "open"), ("job_id", "in", contracts.job_id.ids)],
                ["job_id"],
                ["wage:avg"],
            )
        )
        return {
            contract.employee_id: contract.wage / averages[contract.job_id]
            for contract in contracts
            if averages.get(contract.job_id)
        }

    @api.model
    def _last_raises(self, employees):
        """{employee: their last applied raise or promotion}."""
        rewards = self.search(
            [
                ("employee_id", "in", employees.ids),
                ("kind", "in", ("raise", "promotion")),
                ("state", "=", "applied"),
            ],
            order="effective_date desc, id desc",
        )
        last = {}
        for reward in rewards:
            last.setdefault(reward.employee_id, reward)
        return last

    # ------------------------------------------------------------------ guards

    def _is(self, group):
        return self.env.su or self.env.user.has_group(group)

    def write(self, vals):
        if not self.env.su:
            allowed = {"percent", "new_wage", "amount", "job_id", "description"}
            allowed |= {"effective_date", "reason", "kind"}
            if self._is(ADMIN):
                allowed.add("budget_override_reason")
            if self._is(OFFICER):
                allowed |= {"cycle_id", "employee_id", "current_wage", "company_id"}
            check_writable(self, vals, allowed)
            self.check_access("write")
            check_state(self, ("draft", "proposed"), self.env._("Changing a reward"))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft_or_cancelled(self):
        if not self.env.su:
            check_state(self, ("draft", "cancelled"), self.env._("Deleting a reward"))

    def _check_manager_of_employee(self, action, above_direct=False):
        """Officers, or a manager above the employee (above their direct manager
        when ``above_direct``); never the employee."""
        if self._is(OFFICER):
            return
        mine = self.env.user.employee_ids
        below = (
            self.env["hr.employee"].sudo().search([("id", "child_of", mine.ids)]) - mine
        )
        for reward in self:
            managed = (
                reward.employee_id.parent_id if above_direct else reward.employee_id
            )
            if managed not in below:
                raise AccessError(
                    self.env._(
                        "%(action)s %(reward)s is for the managers above the employee "
                        "or a performance officer.",
                        action=action,
                        reward=reward.display_name,
                    )
                )

    # ------------------------------------------------------------------ workflow

    def action_propose(self):
        self._check_manager_of_employee(self.env._("Proposing"))
        check_state(self, ("draft",), self.env._("Proposing"))
        self.sudo().write({"state": "proposed", "proposed_by_id": self.env.uid})
        return True

    def action_approve(self):
        """The next manager up (or HR) approves, within the budget."""
        self._check_manager_of_employee(self.env._("Approving"), above_direct=True)
        check_state(self, ("proposed",), self.env._("Approving"))
        own = self.filtered(lambda r: r.proposed_by_id == self.env.user)
        if own and not self._is(OFFICER):
            raise AccessError(self.env._("Nobody approves their own proposal."))
        self.env["hr.performance.reward.budget"]._check_rewards(self)
        self.sudo().write({"state": "approved", "approved_by_id": self.env.uid})
        return True

    def action_refuse(self):
        self._check_manager_of_employee(self.env._("Refusing"), above_direct=True)
        check_state(self, ("proposed", "approved"), self.env._("Refusing"))
        self._check_reason()
        self.sudo().write({"state": "refused"})
        return True

    def action_cancel(self):
        self._check_manager_of_employee(self.env._("Cancelling"))
        check_state(self, ("draft", "proposed", "approved"), self.env._("Cancelling"))
        self._check_reason()
        self.sudo().write({"state": "cancelled"})
        return True

    def _check_reason(self):
        if self.filtered(lambda r: not r.reason):
            raise UserError(self.env._("Write the reason first."))

    def action_mark_paid(self, payslip_ref):
        """Payroll acknowledges monetary rewards paid with ``payslip_ref``.

        Calling it again for a paid reward changes nothing; raises and promotions are
        paid through their contract, not here.
        """
        if not (self._is(PAYROLL) or self._is(OFFICER)):
            raise AccessError(self.env._("Only payroll marks rewards as paid."))
        if not payslip_ref:
            raise UserError(self.env._("Give the payslip reference."))
        self.check_access("read")
        todo = self.filtered(lambda r: r.state != "paid")
        wrong = todo.filtered(lambda r: r.state != "approved" or r.kind != "bonus")
        if wrong:
            raise UserError(
                self.env._(
                    "Only approved bonuses are paid by payroll: %(rewards)s",
                    rewards=", ".join(wrong.mapped("display_name")),
                )
            )
        todo.sudo().write(
            {
                "state": "paid",
                "payslip_ref": payslip_ref,
                "date_paid": fields.Date.context_today(self),
            }
        )
        return True

    def action_export_payroll(self):
        """A CSV of the approved and paid monetary rewards, for external payroll."""
        if not (self._is(PAYROLL) or self._is(OFFICER)):
            raise AccessError(self.env._("Only payroll exports rewards."))
        rewards = self or self.search(
            [("state", "in", COUNTED), ("kind", "in", MONETARY)]
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "rewards.csv",
                "raw": rewards._payroll_csv().encode(),
                "mimetype": "text/csv",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _payroll_csv(self):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "reference",
                "employee",
                "kind",
                "amount",
                "new_monthly_wage",
                "currency",
                "effective_date",
                "state",
                "payslip_ref",
            ]
        )
        # browse again: a recordset read from a one2many prefetches nothing once the
        # cache is invalidated
        for reward in self.browse(self.ids).filtered(lambda r: r.kind in MONETARY):
            writer.writerow(
                [
                    reward.name,
                    reward.employee_id.name,
                    reward.kind,
                    f"{reward.amount:.2f}",
                    f"{reward.new_wage:.2f}" if reward.new_wage else "",
                    reward.currency_id.name,
                    reward.effective_date,
                    reward.state,
                    reward.payslip_ref or "",
                ]
            )
        return out.getvalue()

    def _apply(self, effective_date):
        """Apply approved raises and promotions to the contracts: the running contract
        ends the day before ``effective_date`` and a copy with the new wage (and job)
        starts on it, so the history of wages stays true. All or nothing."""
        check_state(self, ("approved",), self.env._("Applying"))
        rewards = self.sudo()
        missing = rewards.filtered(lambda r: not r.employee_id.contract_id)
        if missing:
            raise UserError(
                self.env._(
                    "No running contract for: %(employees)s",
                    employees=", ".join(missing.employee_id.mapped("name")),
                )
            )
        today = fields.Date.context_today(self)
        contracts = rewards.employee_id.contract_id
        late = contracts.filtered(lambda c: c.date_start >= effective_date)
        if late:
            raise UserError(
                self.env._(
                    "These contracts start on or after %(date)s; change them directly: "
                    "%(contracts)s",
                    date=effective_date,
                    contracts=", ".join(late.mapped("name")),
                )
            )
        new_vals = []
        for reward in rewards:
            contract = reward.employee_id.contract_id
            [vals] = contract.copy_data(
                {
                    "name": f"{contract.name} ({effective_date})",
                    "date_start": effective_date,
                    "date_end": contract.date_end,
                    "wage": reward.new_wage,
                    "job_id": (reward.job_id or contract.job_id).id,
                    "state": "open" if effective_date <= today else "draft",
                    "kanban_state": "done" if effective_date > today else "normal",
                }
            )
            new_vals.append(vals)
        closing = {"date_end": effective_date - relativedelta(days=1)}
        if effective_date <= today:
            closing["state"] = "close"
        contracts.write(closing)
        new_contracts = self.env["hr.contract"].sudo().create(new_vals)
        promoted = rewards.filtered("job_id")
        for job, group in promoted.grouped("job_id").items():
            group.employee_id.write({"job_id": job.id})
        for reward, contract in zip(rewards, new_contracts, strict=True):
            reward.new_contract_id = contract
        rewards.write({"state": "applied", "effective_date": effective_date})
        return new_contracts
