# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPerformanceReportGoal(models.Model):
    """Goal attainment, one row per goal that is not cancelled: progress and done
    goals by department, scope and alignment level (how deep under a company goal
    the goal sits: 0 for a goal that contributes to nothing). Rows follow the goals'
    rules (security/hr_performance_report_rules.xml): private goals stay with
    their owner and the manager chain."""

    _name = "hr.performance.report.goal"
    _description = "Goal Analysis"
    _inherit = "hr.performance.report.view"
    _auto = False
    _order = "date_deadline desc, id"
    _depends = {
        "hr.performance.goal": [
            "name",
            "scope",
            "employee_id",
            "department_id",
            "company_id",
            "user_id",
            "private",
            "state",
            "date_start",
            "date_deadline",
            "parent_id",
            "parent_path",
            "progress",
        ],
    }

    goal_id = fields.Many2one("hr.performance.goal", readonly=True)
    name = fields.Char(readonly=True)
    scope = fields.Selection(
        [
            ("company", "Company"),
            ("department", "Department"),
            ("employee", "Employee"),
        ],
        readonly=True,
    )
    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", "Owner", readonly=True)
    private = fields.Boolean(readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("proposed", "Proposed"),
            ("active", "Active"),
            ("done", "Done"),
        ],
        readonly=True,
    )
    date_start = fields.Date(readonly=True)
    date_deadline = fields.Date("Deadline", readonly=True)
    alignment_level = fields.Integer(
        readonly=True,
        aggregator="avg",
        help="How many goals up the alignment reaches: 0 for a goal that "
        "contributes to no other, 1 for one under a top goal, and so on.",
    )
    is_aligned = fields.Boolean("Aligned", readonly=True)
    progress = fields.Float(readonly=True, aggregator="avg", digits=(5, 1))
    done_count = fields.Integer("Done", readonly=True)
    late_count = fields.Integer(
        "Late", readonly=True, help="Past the deadline and not done."
    )
    count = fields.Integer("Goals", readonly=True)

    def _query(self):
        return """
            SELECT g.id,
                   g.id AS goal_id,
                   g.name,
                   g.scope,
                   g.employee_id,
                   g.department_id,
                   g.company_id,
                   g.user_id,
                   coalesce(g.private, false) AS private,
                   g.state,
                   g.date_start,
                   g.date_deadline,
                   array_length(string_to_array(trim(trailing '/' FROM
                       coalesce(g.parent_path, '')), '/'), 1) - 1 AS alignment_level,
                   g.parent_id IS NOT NULL AS is_aligned,
                   g.progress,
                   CASE WHEN g.state = 'done' THEN 1 ELSE 0 END AS done_count,
                   CASE WHEN g.state != 'done' AND g.date_deadline < current_date
                        THEN 1 ELSE 0 END AS late_count,
                   1 AS count
              FROM hr_performance_goal g
             WHERE g.state != 'cancelled'
        """
