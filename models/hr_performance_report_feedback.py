# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPerformanceReportFeedback(models.Model):
    """Feedback participation, one row per feedback or praise: who gives (the
    author and their department) and who receives, by month, kind and visibility;
    ``goal_count`` tells how many are about a goal. No message is read. Rows follow
    the feedback's own rules (security/hr_performance_report_rules.xml): private
    feedback counts only for its author and recipient, never in a manager's or an
    officer's analysis."""

    _name = "hr.performance.report.feedback"
    _description = "Feedback Participation Analysis"
    _inherit = "hr.performance.report.view"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "employee_id"
    _depends = {
        "hr.performance.feedback": [
            "kind",
            "author_id",
            "employee_id",
            "company_id",
            "department_id",
            "goal_id",
            "visibility",
            "create_date",
        ],
        "hr.employee": ["user_id", "company_id", "department_id"],
    }

    author_id = fields.Many2one("res.users", "From", readonly=True)
    author_department_id = fields.Many2one(
        "hr.department", "Author's Department", readonly=True
    )
    employee_id = fields.Many2one("hr.employee", "To", readonly=True)
    department_id = fields.Many2one(
        "hr.department", "Recipient's Department", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    kind = fields.Selection("_selection_kind", "Type", readonly=True)
    visibility = fields.Selection("_selection_visibility", readonly=True)
    date = fields.Datetime(readonly=True)
    goal_count = fields.Integer("About a Goal", readonly=True)
    count = fields.Integer("Feedback", readonly=True)

    def _selection_kind(self):
        return self.env["hr.performance.feedback"]._fields["kind"].selection

    def _selection_visibility(self):
        return self.env["hr.performance.feedback"]._fields["visibility"].selection

    def _query(self):
        return """
            SELECT f.id,
                   f.author_id,
                   author.department_id AS author_department_id,
                   f.employee_id,
                   f.department_id,
                   f.company_id,
                   f.kind,
                   f.visibility,
                   f.create_date AS date,
                   CASE WHEN f.goal_id IS NULL THEN 0 ELSE 1 END AS goal_count,
                   1 AS count
              FROM hr_performance_feedback f
              LEFT JOIN hr_employee author
                     ON author.user_id = f.author_id
                    AND author.company_id = f.company_id
             WHERE f.state = 'sent'
        """
