# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from .hr_performance_access import ADMIN, OFFICER
from .hr_performance_reward import COUNTED


class HrPerformanceRewardBudget(models.Model):
    """The reward budget of a department in a cycle: an amount, or a percentage of
    the department's yearly payroll. Approvals above it are refused unless an
    administrator overrides with a reason. Raises count for a year of increase.

    The figures shown (used, proposed, available) add up the rewards the reader may
    read, never others: a manager never works out their own reward from the
    department's total, and an approval is checked against the rewards its approver
    reads, so a refusal tells nothing of the others. A budget in percent of the
    payroll shows its basis to officers only: with the limit it gives the payroll.
    """

    _name = "hr.performance.reward.budget"
    _description = "Reward Budget"
    _inherit = ["hr.performance.guard"]
    _order = "cycle_id desc, department_id"

    cycle_id = fields.Many2one(
        "hr.performance.cycle", required=True, ondelete="cascade", index=True
    )
    department_id = fields.Many2one("hr.department", required=True, index=True)
    company_id = fields.Many2one(related="cycle_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    basis = fields.Selection(
        [("amount", "Amount"), ("percent", "% of yearly payroll")],
        default="amount",
        required=True,
        groups=OFFICER,
    )
    amount = fields.Monetary(groups=OFFICER)
    percent = fields.Float("Percent of Payroll", digits=(5, 2), groups=OFFICER)
    payroll_base = fields.Monetary(
        "Yearly Payroll",
        groups=OFFICER,
        compute="_compute_figures",
        help="Twelve months of the running contracts' wages in the department.",
    )
    limit = fields.Monetary("Budget", compute="_compute_figures")
    used = fields.Monetary(
        compute="_compute_figures", help="Approved, applied and paid rewards."
    )
    proposed = fields.Monetary(compute="_compute_figures")
    available = fields.Monetary(compute="_compute_figures")

    _sql_constraints = [
        (
            "department_cycle_uniq",
            "unique (cycle_id, department_id)",
            "A department has one reward budget per cycle.",
        ),
    ]

    @api.depends("basis", "amount", "percent", "department_id", "cycle_id")
    @api.depends_context("uid")
    def _compute_figures(self):
        wages = dict(
            self.env["hr.contract"]
            # sudo: the departments' running wages: the budget's basis, for who reads it
            .sudo()
            ._read_group(
                [
                    ("state", "=", "open"),
                    ("department_id", "in", self.department_id.ids),
                ],
                ["department_id"],
                ["wage:sum"],
            )
        )
        costs = self._costs(self.env["hr.performance.reward"])
        for budget in self:
            base = wages.get(budget.department_id, 0.0) * 12
            budget.payroll_base = base
            # sudo: the basis (officers'), for the limit every reader of it reads
            basis = budget.sudo()
            budget.limit = (
                basis.amount if basis.basis == "amount" else base * basis.percent / 100
            )
            key = (budget.cycle_id, budget.department_id)
            budget.used = sum(costs.get((*key, state), 0.0) for state in COUNTED)
            budget.proposed = costs.get((*key, "proposed"), 0.0)
            budget.available = budget.limit - budget.used

    def _costs(self, Reward):
        """{(cycle, department, state): yearly cost} of the rewards ``Reward`` reads
        in these budgets' cycles and departments."""
        return {
            (cycle, department, state): cost
            for cycle, department, state, cost in Reward._read_group(
                [
                    ("cycle_id", "in", self.cycle_id.ids),
                    ("department_id", "in", self.department_id.ids),
                ],
                ["cycle_id", "department_id", "state"],
                ["annual_cost:sum"],
            )
        }

    @api.model
    def _check_rewards(self, rewards):
        """Refuse approving ``rewards`` above their budgets, unless an administrator
        gave a reason to override."""
        # sudo: the budgets of the rewards an approver was checked for
        budgets = self.sudo().search(
            [
                ("cycle_id", "in", rewards.cycle_id.ids),
                ("department_id", "in", rewards.department_id.ids),
            ]
        )
        budgets.invalidate_recordset()  # figures of the moment, not of the cache
        # the rewards the approver reads: a refusal must not answer for rewards they
        # may not read (their own), which would let them work those out
        costs = budgets._costs(self.env["hr.performance.reward"])
        overriding = self.env.user.has_group(ADMIN)
        # one pass over the rewards, not one per budget
        batches = rewards.grouped(lambda r: (r.cycle_id, r.department_id))
        for budget in budgets:
            key = (budget.cycle_id, budget.department_id)
            batch = batches.get(key, rewards.browse())
            cost = sum(batch.mapped("annual_cost"))
            used = sum(costs.get((*key, state), 0.0) for state in COUNTED)
            if float_compare(cost, budget.limit - used, precision_digits=2) <= 0:
                continue
            if overriding and all(batch.mapped("budget_override_reason")):
                continue
            raise UserError(
                self.env._(
                    "Approving %(cost).2f goes over the %(department)s budget of "
                    "%(limit).2f. An administrator can approve anyway with a reason.",
                    cost=cost,
                    department=budget.department_id.name,
                    limit=budget.limit,
                )
            )
