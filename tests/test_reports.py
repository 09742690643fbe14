# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HrPerformanceReviewCase


@tagged("post_install", "-at_install")
class TestReports(HrPerformanceReviewCase):
    def _sign(self):
        self.as_user("manager", self.appraisal).write(
            {
                "note_ids": [Command.create({"body": "<p>Secret: flight risk</p>"})],
                "development_action_ids": [Command.create({"name": "Public speaking"})],
            }
        )
        for role, kind, rating in (("employee", "self", 4), ("manager", "manager", 3)):
            assessment = self.assessment_of(role, kind)
            self.answer(assessment, rating)
            assessment.action_submit()
        self.as_user("manager", self.appraisal).action_release()
        self.as_user("employee", self.appraisal).action_sign("Fair overall")

    def _html(self, report, records, role):
        Report = self.env["ir.actions.report"].with_user(self.users[role])
        return str(Report._render_qweb_html(report, records.ids)[0])

    def test_signed_appraisal_shows_what_the_employee_may_see(self):
        report = "hr_performance.action_report_appraisal"
        with self.assertRaisesRegex(UserError, "Only signed appraisals print"):
            self._html(report, self.appraisal, "employee")
        self._sign()
        for role in ("employee", "manager", "officer"):
            with self.subTest(role=role):
                html = self._html(report, self.appraisal, role)
                self.assertIn("Meets expectations", html, "the final rating")
                self.assertIn("Fair overall", html)
                self.assertIn("Public speaking", html)
                self.assertIn("Delivers results", html)
                self.assertNotIn("flight risk", html)

    def test_cycle_summary(self):
        self._sign()
        department = self.env["hr.department"].create({"name": "Summary Dept"})
        self.env["hr.performance.reward.budget"].create(
            {"cycle_id": self.cycle.id, "department_id": department.id, "amount": 900}
        )
        html = self._html("hr_performance.action_report_cycle", self.cycle, "officer")
        text = re.sub(r"(\\n|\s)+", " ", str(html))
        self.assertIn("1 of 1 appraisals done", text)
        self.assertIn("100%", html)
        # the rating distribution against the guideline, the average by department
        guideline = "%.0f" % self.level[3].guideline_percent
        self.assertRegex(
            text,
            rf"Meets expectations</td> <td[^>]*>1</td> <td[^>]*>100%</td> "
            rf"<td[^>]*>{guideline}%</td>",
        )
        self.assertIn("Average rating by department", text)
        # the rewards against the budgets
        self.assertIn("Summary Dept", text)
        self.assertIn("900.00", text)
