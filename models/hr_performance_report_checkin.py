# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_performance_access import MANAGER


class HrPerformanceReportCheckin(models.Model):
    """Check-in cadence, one row per check-in that is not cancelled: held, planned
    and overdue meetings by manager, department and month, and whether each held
    meeting kept the employee's cadence. ``gap_days`` is the number of days since
    the employee's previous held check-in; ``kept`` is 100 when that gap is within
    the cadence (7, 14 or 31 days), 0 when it is longer, and empty for the first
    meeting or an employee without a cadence, so that its average is the share of
    meetings held on time. Neither notes nor mood are read. Rows follow the
    check-ins' rules (security/hr_performance_report_rules.xml)."""

    _name = "hr.performance.report.checkin"
    _description = "Check-in Cadence Analysis"
    _inherit = "hr.performance.report.view"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "employee_id"
    _depends = {
        "hr.performance.checkin": [
            "employee_id",
            "manager_user_id",
            "company_id",
            "date",
            "state",
        ],
        "hr.employee": ["department_id", "performance_checkin_cadence"],
    }

    checkin_id = fields.Many2one("hr.performance.checkin", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    manager_user_id = fields.Many2one("res.users", "Manager", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    cadence = fields.Selection("_selection_cadence", readonly=True, groups=MANAGER)
    date = fields.Datetime(readonly=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held")], "Status", readonly=True
    )
    held_count = fields.Integer("Held", readonly=True)
    planned_count = fields.Integer("Planned", readonly=True)
    overdue_count = fields.Integer(
        "Overdue", readonly=True, help="Planned, and the date is past."
    )
    gap_days = fields.Float(
        "Days Since Previous",
        readonly=True,
        aggregator="avg",
        digits=(6, 1),
        help="Days between this held check-in and the employee's previous one.",
    )
    kept = fields.Float(
        "Cadence Kept (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="The share of held check-ins that came within the employee's cadence "
        "after the previous one.",
    )
    count = fields.Integer("Check-ins", readonly=True)

    def _selection_cadence(self):
        return self.env["hr.employee"]._fields["performance_checkin_cadence"].selection

    def _query(self):
        return """
            WITH held AS (
                SELECT c.id,
                       extract(epoch FROM c.date - lag(c.date) OVER (
                           PARTITION BY c.employee_id ORDER BY c.date, c.id
                       )) / 86400.0 AS gap_days
                  FROM hr_performance_checkin c
                 WHERE c.state = 'done'
            )
            SELECT c.id,
                   c.id AS checkin_id,
                   c.employee_id,
                   c.manager_user_id,
                   e.department_id,
                   c.company_id,
                   e.performance_checkin_cadence AS cadence,
                   c.date,
                   c.state,
                   CASE WHEN c.state = 'done' THEN 1 ELSE 0 END AS held_count,
                   CASE WHEN c.state = 'planned' THEN 1 ELSE 0 END AS planned_count,
                   CASE WHEN c.state = 'planned'
                             AND c.date < (now() AT TIME ZONE 'UTC')
                        THEN 1 ELSE 0 END AS overdue_count,
                   round(held.gap_days::numeric, 1) AS gap_days,
                   CASE WHEN held.gap_days IS NULL
                             OR e.performance_checkin_cadence IS NULL
                             OR e.performance_checkin_cadence = 'none' THEN NULL
                        WHEN held.gap_days <= CASE e.performance_checkin_cadence
                                 WHEN 'weekly' THEN 7
                                 WHEN 'biweekly' THEN 14
                                 ELSE 31 END
                        THEN 100.0 ELSE 0.0 END AS kept,
                   1 AS count
              FROM hr_performance_checkin c
              JOIN hr_employee e ON e.id = c.employee_id
              LEFT JOIN held ON held.id = c.id
             WHERE c.state != 'cancelled'
        """
