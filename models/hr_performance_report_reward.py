# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPerformanceReportReward(models.Model):
    """Reward spend against the budgets: one row per reward proposal and one per
    department budget of a cycle (``line_type``), so that grouping by cycle and
    department puts ``spent`` (the yearly cost of approved, applied and paid
    rewards), ``proposed`` (the yearly cost of the ones waiting for approval) and
    ``budget`` side by side. A budget in percent of payroll counts twelve months of
    the department's running contracts, as the budget form does. Rows follow the
    rewards' and budgets' rules (security/hr_performance_report_rules.xml); no
    rating is shown."""

    _name = "hr.performance.report.reward"
    _description = "Reward Spend Analysis"
    _inherit = "hr.performance.report.view"
    _auto = False
    _order = "cycle_id desc, department_id, line_type desc"
    _depends = {
        "hr.performance.reward": [
            "cycle_id",
            "department_id",
            "company_id",
            "employee_id",
            "kind",
            "state",
            "effective_date",
            "amount",
            "annual_cost",
        ],
        "hr.performance.reward.budget": [
            "cycle_id",
            "department_id",
            "company_id",
            "basis",
            "amount",
            "percent",
        ],
        "hr.contract": ["department_id", "state", "wage"],
        "res.company": ["currency_id"],
    }

    line_type = fields.Selection(
        [("reward", "Reward"), ("budget", "Budget")], "Line", readonly=True
    )
    reward_id = fields.Many2one("hr.performance.reward", readonly=True)
    budget_id = fields.Many2one(
        "hr.performance.reward.budget", "Budget Line", readonly=True
    )
    cycle_id = fields.Many2one("hr.performance.cycle", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    kind = fields.Selection("_selection_kind", "Type", readonly=True)
    state = fields.Selection("_selection_state", "Status", readonly=True)
    effective_date = fields.Date(readonly=True)
    amount = fields.Monetary(
        readonly=True,
        help="A bonus: its amount. A raise or promotion: the monthly increase.",
    )
    spent = fields.Monetary(
        readonly=True, help="Yearly cost of the approved, applied and paid rewards."
    )
    proposed = fields.Monetary(
        readonly=True, help="Yearly cost of the rewards waiting for approval."
    )
    budget = fields.Monetary(readonly=True)
    count = fields.Integer("Rewards", readonly=True)

    def _selection_kind(self):
        return self.env["hr.performance.reward"]._fields["kind"].selection

    def _selection_state(self):
        return self.env["hr.performance.reward"]._fields["state"].selection

    def _query(self):
        return """
            SELECT r.id * 2 AS id,
                   'reward' AS line_type,
                   r.id AS reward_id,
                   NULL::integer AS budget_id,
                   r.cycle_id,
                   r.department_id,
                   r.company_id,
                   co.currency_id,
                   r.employee_id,
                   r.kind,
                   r.state,
                   r.effective_date,
                   coalesce(r.amount, 0.0) AS amount,
                   CASE WHEN r.state IN ('approved', 'applied', 'paid')
                        THEN coalesce(r.annual_cost, 0.0) ELSE 0.0 END AS spent,
                   CASE WHEN r.state = 'proposed'
                        THEN coalesce(r.annual_cost, 0.0) ELSE 0.0 END AS proposed,
                   0.0 AS budget,
                   1 AS count
              FROM hr_performance_reward r
              JOIN res_company co ON co.id = r.company_id
            UNION ALL
            SELECT b.id * 2 + 1 AS id,
                   'budget' AS line_type,
                   NULL::integer AS reward_id,
                   b.id AS budget_id,
                   b.cycle_id,
                   b.department_id,
                   b.company_id,
                   co.currency_id,
                   NULL::integer AS employee_id,
                   NULL AS kind,
                   NULL AS state,
                   NULL::date AS effective_date,
                   0.0 AS amount,
                   0.0 AS spent,
                   0.0 AS proposed,
                   CASE WHEN b.basis = 'amount' THEN coalesce(b.amount, 0.0)
                        ELSE coalesce(wages.wage, 0.0) * 12
                             * coalesce(b.percent, 0.0) / 100 END AS budget,
                   0 AS count
              FROM hr_performance_reward_budget b
              JOIN res_company co ON co.id = b.company_id
              LEFT JOIN (SELECT department_id, sum(wage) AS wage
                           FROM hr_contract
                          WHERE state = 'open'
                          GROUP BY department_id) wages
                     ON wages.department_id = b.department_id
        """
