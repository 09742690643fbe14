# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.translate import LazyTranslate

from .hr_performance_access import (
    MANAGER,
    OFFICER,
    ROLE_ADMIN,
    ROLE_EMPLOYEE,
    ROLE_MANAGER,
    ROLE_OFFICER,
    ROLE_PAYROLL,
    ROLE_UPPER,
)
from .hr_performance_guard import clean_sudo
from .hr_performance_workflow import Transition

_lt = LazyTranslate(__name__)
COUNTED = ("approved", "applied", "paid")
MONETARY = ("raise", "promotion", "bonus")
PROPOSERS = (ROLE_MANAGER, ROLE_OFFICER)
APPROVERS = (ROLE_UPPER, ROLE_OFFICER)
EDIT = ("percent", "new_wage", "amount", "job_id", "description", "effective_date")
EDIT += ("kind", "reason")
# who a reward is for, and of which cycle, is set when it is created
HR = ("cycle_id", "employee_id")
REWARD_FIELDS = {
    ROLE_MANAGER: {"draft": EDIT, "proposed": EDIT, "approved": ("reason",)},
    ROLE_UPPER: {"proposed": EDIT, "approved": ("reason",)},
    ROLE_OFFICER: {
        "draft": EDIT,
        "proposed": EDIT,
        "approved": ("reason",),
    },
    ROLE_ADMIN: {"proposed": ("budget_override_reason",)},
}


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
    _inherit = ["hr.performance.workflow", "mail.thread", "mail.activity.mixin"]
    _order = "effective_date desc, id desc"
    _workflow_transitions = (
        Transition(
            "propose",
            ("draft",),
            "proposed",
            PROPOSERS,
            _lt("Rewards are proposed by the employee's managers or HR."),
        ),
        Transition(
            "approve",
            ("proposed",),
            "approved",
            APPROVERS,
            _lt(
                "A reward is approved by the managers above the employee's manager or "
                "a performance officer."
            ),
        ),
        Transition(
            "refuse",
            ("proposed", "approved"),
            "refused",
            APPROVERS,
            _lt(
                "A reward is refused by the managers above the employee's manager or "
                "a performance officer."
            ),
        ),
        Transition(
            "cancel",
            ("draft", "proposed", "approved"),
            "cancelled",
            PROPOSERS,
            _lt("A reward is cancelled by the employee's managers or HR."),
        ),
        Transition(
            "pay",
            ("approved",),
            "paid",
            (ROLE_PAYROLL, ROLE_OFFICER),
            _lt("Only payroll marks rewards as paid."),
        ),
        Transition(
            "apply",
            ("approved",),
            "applied",
            (ROLE_OFFICER,),
            _lt("Only performance officers apply rewards to the contracts."),
        ),
    )
    _workflow_fields = REWARD_FIELDS
    _workflow_create_roles = PROPOSERS
    _workflow_create_fields = frozenset(EDIT + HR)
    _workflow_server_fields = frozenset(
        ("proposed_by_id", "approved_by_id", "payslip_ref", "date_paid")
        + ("contract_id", "new_contract_id", "level_id", "compa_ratio", "appraisal_id")
    )

    name = fields.Char("Reference", compute="_compute_name", store=True)
    cycle_id = fields.Many2one("hr.performance.cycle", index=True, ondelete="restrict")
    # the review behind the reward, found by the server (proposals of a cycle are
    # given theirs): the employee's appraisal in the cycle, its final rating, and
    # the wage against the average of the running contracts of the same job
    appraisal_id = fields.Many2one(
        "hr.performance.appraisal",
        compute="_compute_appraisal_id",
        store=True,
        readonly=False,  # given by the server for a cycle's proposals: kept
        ondelete="set null",
        groups=MANAGER,
    )
    level_id = fields.Many2one(
        "hr.performance.rating.level",
        "Final Rating",
        compute="_compute_level_id",
        store=True,
        readonly=False,  # given by the server for a cycle's proposals: kept
        groups=MANAGER,
    )
    compa_ratio = fields.Float(
        compute="_compute_compa_ratio",
        store=True,
        readonly=False,  # given by the server for a cycle's proposals: kept
        digits=(4, 2),
        groups=MANAGER,
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        index=True,
    )
    # the employee's company, never the proposer's choice
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        required=True,
        index=True,
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
    # the running contract's, never the proposer's
    current_wage = fields.Monetary(
        compute="_compute_current_wage",
        store=True,
        precompute=True,
        readonly=False,  # the server's (not in the workflow's fields): proposals
        tracking=True,  # generated from a cycle give the contract's of then
    )
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
    # what payroll does not pay says nothing to payroll
    reason = fields.Text(
        help="Why the proposal is refused or cancelled; required for both.",
        copy=False,
        groups=MANAGER,
    )
    budget_override_reason = fields.Text(
        help="An administrator approving above the budget says why.",
        copy=False,
        groups=MANAGER,
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

    @api.depends("employee_id")
    def _compute_company_id(self):
        for reward in self:
            reward.company_id = reward.employee_id.company_id or self.env.company

    def _running_contracts(self):
        """{reward: the employee's running contract on the reward's effective date}
        (open, started by then, not ended before), in one search."""
        rewards = self.filtered(lambda r: r.employee_id and r.effective_date)
        if not rewards:
            return {}
        contracts = (
            self.env["hr.contract"]
            # sudo: the contracts are HR's: the wage, for who reads the reward
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", rewards.employee_id.ids),
                    ("state", "=", "open"),
                    ("date_start", "<=", max(rewards.mapped("effective_date"))),
                ],
                ["employee_id", "date_start", "date_end", "wage", "job_id"],
                order="date_start desc, id desc",
            )
        )
        by_employee = contracts.grouped("employee_id")
        running = {}
        for reward in rewards:
            day = reward.effective_date
            running[reward] = next(
                (
                    contract
                    for contract in by_employee.get(reward.employee_id, [])
                    if contract.date_start <= day
                    and (not contract.date_end or contract.date_end >= day)
                ),
                contracts.browse(),
            )
        return running

    @api.depends("employee_id", "kind", "effective_date")
    def _compute_current_wage(self):
        """The wage of the running contract on the effective date (applying a
        reward on another date keeps the approved wages: see ``_apply``)."""
        running = self._running_contracts()
        for reward in self:
            contract = running.get(reward)
            reward.current_wage = (
                contract.wage if contract and reward.kind in MONETARY else 0.0
            )

    @api.depends("cycle_id", "employee_id")
    def _compute_appraisal_id(self):
        rewards = self.filtered(lambda r: r.cycle_id and r.employee_id)
        (self - rewards).appraisal_id = False
        if not rewards:
            return
        appraisals = (
            self.env["hr.performance.appraisal"]
            # sudo: the employee's appraisal in the cycle, for who reads the reward
            .sudo()
            .search(
                [
                    ("cycle_id", "in", rewards.cycle_id.ids),
                    ("employee_id", "in", rewards.employee_id.ids),
                    ("state", "!=", "cancelled"),
                ]
            )
        )
        found = {(a.cycle_id.id, a.employee_id.id): a.id for a in appraisals}
        for reward in rewards:
            reward.appraisal_id = found.get(
                (reward.cycle_id.id, reward.employee_id.id), False
            )

    @api.depends("appraisal_id")
    def _compute_level_id(self):
        # sudo: the final rating of the lead assessment, for who reads the reward
        for reward in self.sudo():
            lead = reward.appraisal_id.assessment_ids.filtered("is_lead")[:1]
            reward.level_id = lead.final_level_id

    # the current wage follows the same fields; depending on it would recompute a
    # ratio the server gives (proposals of a cycle) when the wage is computed
    @api.depends("employee_id", "kind", "effective_date")
    def _compute_compa_ratio(self):
        todo = self.filtered(lambda r: r.kind in MONETARY)
        (self - todo).compa_ratio = 0.0
        running = todo._running_contracts()
        jobs = self.env["hr.job"].union(*(c.job_id for c in running.values()))
        averages = dict(
            self.env["hr.contract"]
            # sudo: the average wage of each job, for the compa-ratio
            .sudo()
            ._read_group(
                [("state", "=", "open"), ("job_id", "in", jobs.ids)],
                ["job_id"],
                ["wage:avg"],
            )
        )
        for reward in todo:
            contract = running.get(reward)
            average = averages.get(contract.job_id) if contract else None
            reward.compa_ratio = reward.current_wage / average if average else 0.0

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

    def _workflow_roles(self):
        """The employee's manager chain, the chain above their direct manager,
        officers and administrators (never on their own rewards) and payroll."""
        roles = super()._workflow_roles()
        return {reward: found - {ROLE_EMPLOYEE} for reward, found in roles.items()}

    @api.model
    def _compa_ratios(self, employees):
        """{employee: wage / average wage of the running contracts of their job}."""
        # sudo: the contracts' wages, for the compa-ratio
        contracts = employees.sudo().contract_id
        averages = dict(
            self.env["hr.contract"]
            # sudo: the average wage of each job, for the compa-ratio
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

    # ------------------------------------------------------------------ workflow

    def _is(self, group):
        return self.env.su or self.env.user.has_group(group)

    def _workflow_writable(self, roles):
        """A raise is written as a percentage or a new wage (its amount follows);
        a bonus as an amount: what the budget counts is what the contract gets."""
        allowed = super()._workflow_writable(roles)
        if self.kind in ("raise", "promotion"):
            return allowed - {"amount"}
        return allowed - {"percent", "new_wage"}

    @api.model
    def _workflow_check_create(self, vals_list):
        vals_list = super()._workflow_check_create(vals_list)
        if self.env.su:
            return vals_list
        derived = {"raise": ("amount",), "promotion": ("amount",)}
        return [
            {
                name: value
                for name, value in vals.items()
                if name
                not in derived.get(vals.get("kind", "raise"), ("percent", "new_wage"))
            }
            for vals in vals_list
        ]

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if not self.env.su and self.filtered(
            lambda r: r.state not in ("draft", "cancelled")
        ):
            raise UserError(self.env._("Only draft or cancelled rewards are deleted."))

    def action_propose(self):
        self._workflow_move("propose", {"proposed_by_id": self.env.uid})
        return True

    def action_approve(self):
        """The next manager up (or HR) approves, within the budget; nobody approves
        their own proposal but HR. In batch: a fixed number of queries whatever the
        number of proposals (their tracking notes are written in bulk)."""
        # browsed again: a recordset read from a one2many prefetches nothing once
        # the cache is invalidated, every proposal would be read on its own
        rewards = self.browse(self.ids)
        rewards._workflow_check_move("approve")
        # sudo: who proposed, to refuse approving one's own
        own = rewards.sudo().filtered(lambda r: r.proposed_by_id == self.env.user)
        if own and not self._is(OFFICER):
            raise AccessError(self.env._("Nobody approves their own proposal."))
        self.env["hr.performance.reward.budget"]._check_rewards(rewards)
        Job = self.env["hr.performance.job"]
        if (
            len(rewards) > Job._threshold()
            and not rewards.filtered(lambda r: not r.cycle_id)
            and not self.env.context.get("hr_performance_job")
        ):
            # a big company: checked here, approved in chunks in the background
            # sudo: the cycles of the rewards the approver was checked for
            for cycle, batch in rewards.sudo().grouped("cycle_id").items():
                Job._enqueue(cycle, "approve_rewards", batch.ids)
            return True
        rewards._workflow_move("approve", {"approved_by_id": self.env.uid})
        return True

    def action_refuse(self):
        self._workflow_check_move("refuse")
        self._check_reason()
        self._workflow_move("refuse")
        return True

    def action_cancel(self):
        self._workflow_check_move("cancel")
        self._check_reason()
        self._workflow_move("cancel")
        return True

    def _check_reason(self):
        # sudo: the reason, a field of managers, must be given
        if self.sudo().filtered(lambda r: not r.reason):
            raise UserError(self.env._("Write the reason first."))

    def action_mark_paid(self, payslip_ref):
        """Payroll acknowledges monetary rewards paid with ``payslip_ref``.

        Calling it again for a paid reward changes nothing; raises and promotions are
        paid through their contract, not here.
        """
        self._workflow_check_roles(
            (ROLE_PAYROLL, ROLE_OFFICER),
            self.env._("Only payroll marks rewards as paid."),
        )
        if not payslip_ref:
            raise UserError(self.env._("Give the payslip reference."))
        todo = self.filtered(lambda r: r.state != "paid")
        wrong = todo.filtered(lambda r: r.kind != "bonus")
        if wrong:
            raise UserError(
                self.env._(
                    "Only approved bonuses are paid by payroll: %(rewards)s",
                    rewards=", ".join(wrong.mapped("display_name")),
                )
            )
        todo._workflow_move(
            "pay",
            {"payslip_ref": payslip_ref, "date_paid": fields.Date.context_today(self)},
        )
        return True

    def action_export_payroll(self, file_format="csv"):
        """The approved, applied and paid monetary rewards (these, or all the caller
        reads) as a file for external payroll: returns its download URL. Read-only:
        the file is made by the export wizard, nothing is written on the rewards."""
        Export = self.env["hr.performance.reward.export"]
        Export._check_caller()
        rewards = self or self.search(
            [("state", "in", COUNTED), ("kind", "in", MONETARY)]
        )
        wizard = Export.create(
            {"reward_ids": [Command.set(rewards.ids)], "file_format": file_format}
        )
        return {
            "type": "ir.actions.act_url",
            "url": wizard._export(),
            "target": "download",
        }

    def _payroll_csv(self):
        return self.env["hr.performance.reward.export"]._csv(self).decode()

    def _apply(self, effective_date):
        """Apply approved raises and promotions to the contracts: the running contract
        ends the day before ``effective_date`` and a copy with the new wage (and job)
        starts on it, so the history of wages stays true. All or nothing."""
        self._workflow_check_move("apply")
        rewards = self._hrp_sudo()
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
        new_contracts = clean_sudo(self.env["hr.contract"]).create(new_vals)
        promoted = rewards.filtered("job_id")
        for job, group in promoted.grouped("job_id").items():
            group.employee_id.write({"job_id": job.id})
        for reward, contract in zip(rewards, new_contracts, strict=True):
            reward.new_contract_id = contract
        # what was approved stays: the wages do not follow the new date
        frozen = [
            self._fields[name]
            for name in ("current_wage", "new_wage", "amount", "compa_ratio")
        ]
        with self.env.protecting(frozen, rewards):
            rewards.write({"effective_date": effective_date})
        self._workflow_move("apply")
        return new_contracts
