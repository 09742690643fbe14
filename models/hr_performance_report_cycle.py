# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPerformanceReportCycle(models.Model):
    """Cycle completion, one row per appraisal that is not cancelled: how far each
    cycle got through its phases (self-assessment written, manager assessment
    written, released, signed) and how many appraisals are past the sign-off
    deadline. The ``*_count`` columns are 0 or 1, so their sums count appraisals
    and ``completion`` (0 or 100) averages into the share of signed appraisals.
    Rows follow the appraisals' rules (security/hr_performance_report_rules.xml);
    no rating and no 360 content is involved."""

    _name = "hr.performance.report.cycle"
    _description = "Cycle Completion Analysis"
    _inherit = "hr.performance.report.view"
    _auto = False
    _order = "cycle_id desc, employee_id"
    _rec_name = "employee_id"
    _depends = {
        "hr.performance.appraisal": [
            "cycle_id",
            "employee_id",
            "manager_id",
            "department_id",
            "company_id",
            "state",
            "released",
        ],
        "hr.performance.assessment": ["appraisal_id", "kind", "is_lead", "state"],
        "hr.performance.cycle": ["deadline_signoff"],
    }

    appraisal_id = fields.Many2one("hr.performance.appraisal", readonly=True)
    cycle_id = fields.Many2one("hr.performance.cycle", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    manager_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    state = fields.Selection("_selection_state", "Status", readonly=True)
    date_deadline = fields.Date("Sign-off Deadline", readonly=True)
    self_count = fields.Integer("Self-Assessed", readonly=True)
    manager_count = fields.Integer("Manager-Assessed", readonly=True)
    released_count = fields.Integer("Released", readonly=True)
    done_count = fields.Integer("Signed", readonly=True)
    late_count = fields.Integer(
        "Late", readonly=True, help="Past the sign-off deadline and not signed."
    )
    completion = fields.Float(
        "Completion (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="The share of the appraisals signed off.",
    )
    count = fields.Integer("Appraisals", readonly=True)

    def _selection_state(self):
        return self.env["hr.performance.appraisal"]._fields["state"].selection

    def _query(self):
        return """
            SELECT a.id,
                   a.id AS appraisal_id,
                   a.cycle_id,
                   a.employee_id,
                   a.manager_id,
                   a.department_id,
                   a.company_id,
                   a.state,
                   c.deadline_signoff AS date_deadline,
                   CASE WHEN EXISTS (
                       SELECT 1 FROM hr_performance_assessment s
                        WHERE s.appraisal_id = a.id AND s.kind = 'self'
                          AND s.state = 'submitted') THEN 1 ELSE 0 END AS self_count,
                   CASE WHEN EXISTS (
                       SELECT 1 FROM hr_performance_assessment s
                        WHERE s.appraisal_id = a.id AND s.is_lead
                          AND s.state = 'submitted') THEN 1 ELSE 0 END
                       AS manager_count,
                   CASE WHEN a.released THEN 1 ELSE 0 END AS released_count,
                   CASE WHEN a.state = 'done' THEN 1 ELSE 0 END AS done_count,
                   CASE WHEN a.state != 'done' AND c.deadline_signoff < current_date
                        THEN 1 ELSE 0 END AS late_count,
                   CASE WHEN a.state = 'done' THEN 100.0 ELSE 0.0 END AS completion,
                   1 AS count
              FROM hr_performance_appraisal a
              LEFT JOIN hr_performance_cycle c ON c.id = a.cycle_id
             WHERE a.state != 'cancelled'
        """
