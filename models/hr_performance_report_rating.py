# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_performance_access import OFFICER


class HrPerformanceReportRating(models.Model):
    """Final ratings of appraisals, one row per appraisal with a rating: for the
    distribution by department, manager and cycle, and each employee's trend.

    A rating is the lead (manager's) assessment's final rating. ``rating_percent``
    puts every scale on 0-100 (lowest level 0, highest 100) so that cycles with
    different scales compare. **Leniency** is how much higher (positive) or lower
    the manager rated than the company in the same cycle: the average of the
    manager's ratings minus the average of all the cycle's ratings in the company,
    in points of ``rating_percent``; every row of a manager carries it, so its
    average over a manager's rows is the manager's leniency. Computed over every
    rating, released or not, so only officers read it (``groups=``): on an
    employee's own row it would tell of colleagues' unreleased ratings. The ratings
    of performance officers stay out of both averages: an officer reads every row
    of the company but their own, and would work their own rating back from the
    averages. Rows follow
    the assessments' rules (security/hr_performance_report_rules.xml). No 360
    content is involved.
    """

    _name = "hr.performance.report.rating"
    _description = "Rating Analysis"
    _inherit = "hr.performance.report.view"
    _auto = False
    _order = "date_reference desc, employee_id"
    _rec_name = "employee_id"
    _depends = {
        "hr.performance.appraisal": [
            "cycle_id",
            "date_reference",
            "employee_id",
            "manager_id",
            "department_id",
            "company_id",
            "released",
            "state",
        ],
        "hr.performance.assessment": [
            "appraisal_id",
            "final_level_id",
            "score",
            "is_lead",
        ],
        "hr.performance.rating.level": ["scale_id", "value"],
    }

    appraisal_id = fields.Many2one("hr.performance.appraisal", readonly=True)
    cycle_id = fields.Many2one("hr.performance.cycle", readonly=True)
    date_reference = fields.Date("Reference Date", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    manager_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    released = fields.Boolean(readonly=True)
    level_id = fields.Many2one("hr.performance.rating.level", "Rating", readonly=True)
    rating_value = fields.Float(
        "Rating (Scale)",
        readonly=True,
        aggregator="avg",
        digits=(4, 2),
        help="The rating in the units of its scale (1 to 5 on a five-level scale).",
    )
    rating_percent = fields.Float(
        "Rating (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    score = fields.Float(readonly=True, aggregator="avg", digits=(4, 2))
    leniency = fields.Float(
        readonly=True,
        groups=OFFICER,
        aggregator="avg",
        digits=(5, 1),
        help="The manager's average rating minus the company's in the same cycle, "
        "in points of the 0-100 rating: above 0, the manager rates higher.",
    )
    manager_rated = fields.Integer(
        "Rated by the Manager",
        readonly=True,
        groups=OFFICER,
        aggregator="max",
        help="How many of the cycle's ratings the manager gave: a leniency from a "
        "handful of ratings says little.",
    )
    count = fields.Integer("Ratings", readonly=True)

    def _query(self):
        return """
            WITH rated AS (
                SELECT a.id AS appraisal_id,
                       a.cycle_id,
                       a.date_reference,
                       a.employee_id,
                       a.manager_id,
                       a.department_id,
                       a.company_id,
                       a.released,
                       l.id AS level_id,
                       l.value AS rating_value,
                       CASE WHEN bounds.high > bounds.low
                            THEN 100.0 * (l.value - bounds.low)
                                 / (bounds.high - bounds.low)
                            ELSE 100.0 END AS rating_percent,
                       s.score,
                       EXISTS (
                           SELECT 1
                             FROM hr_employee e
                             JOIN res_groups_users_rel r ON r.uid = e.user_id
                             JOIN ir_model_data d
                               ON d.res_id = r.gid
                              AND d.model = 'res.groups'
                              AND d.module = 'hr_performance'
                              AND d.name = 'group_hr_performance_officer'
                            WHERE e.id = a.employee_id
                       ) AS of_officer
                  FROM hr_performance_assessment s
                  JOIN hr_performance_appraisal a ON a.id = s.appraisal_id
                  JOIN hr_performance_rating_level l ON l.id = s.final_level_id
                  JOIN (SELECT scale_id, min(value) AS low, max(value) AS high
                          FROM hr_performance_rating_level
                         GROUP BY scale_id) bounds ON bounds.scale_id = l.scale_id
                 WHERE s.is_lead AND a.state != 'cancelled'
            )
            SELECT appraisal_id AS id, appraisal_id, cycle_id, date_reference,
                   employee_id, manager_id, department_id, company_id, released,
                   level_id, rating_value, rating_percent, score,
                   1 AS count,
                   round((avg(rating_percent) FILTER (WHERE NOT of_officer)
                              OVER manager_cycle
                          - avg(rating_percent) FILTER (WHERE NOT of_officer)
                              OVER company_cycle)::numeric, 1)
                       AS leniency,
                   count(*) FILTER (WHERE NOT of_officer) OVER manager_cycle
                       AS manager_rated
              FROM rated
            WINDOW manager_cycle AS (PARTITION BY cycle_id, company_id, manager_id),
                   company_cycle AS (PARTITION BY cycle_id, company_id)
        """
