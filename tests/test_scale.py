# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets of the officers' mass actions at 10 and at 100: 360 invitations."""

from datetime import date

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install", "performance")
class TestScale(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env["hr.performance.template"].create(
            {
                "name": "Scale 360",
                "section_ids": [
                    Command.create(
                        {
                            "name": "Impact",
                            "in_review": True,
                            "question_ids": [
                                Command.create({"name": "Delivers"}),
                                Command.create(
                                    {"name": "Comment", "answer_type": "text"}
                                ),
                            ],
                        }
                    )
                ],
            }
        )
        # five colleagues outside the team: they never read the appraisals
        cls.reviewers = cls.env["res.users"].union(
            *(new_test_user(cls.env, login=f"hrp_scale_peer_{i}") for i in range(5))
        )

    def _appraisals(self, size):
        employees = self.env["hr.employee"].create(
            [
                {"name": f"Scale {size}-{i}", "parent_id": self.employees["manager"].id}
                for i in range(size)
            ]
        )
        cycle = self.env["hr.performance.cycle"].create(
            {
                "name": f"Scale {size}",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "template_id": self.template.id,
                "employee_ids": [Command.set(employees.ids)],
            }
        )
        cycle.action_launch()
        return cycle.appraisal_ids

    def _invite(self, appraisals):
        officer = self.users["officer"]
        requests = (
            self.env["hr.performance.review.request"]
            .with_user(officer)
            .create(
                [
                    {
                        "appraisal_id": appraisal.id,
                        "category": "peer",
                        "reviewer_id": reviewer.id,
                    }
                    for appraisal in appraisals
                    for reviewer in self.reviewers
                ]
            )
        )
        requests.browse(requests.ids).action_approve()
        return requests

    def test_360_invitations_flat_for_10_and_100(self):
        """Nominating and inviting 5 reviewers for 100 appraisals costs what it costs
        for 10, but for Odoo's INSERT chunks of 100 rows (requests, responses,
        answers, mails): well under 0.1 query per request; the reviewers' access is
        checked once per reviewer, not per request."""
        warm, small, big = (self._appraisals(size) for size in (2, 10, 100))
        self._invite(warm)
        counts = [
            self._count_committed(lambda a=appraisals: self._invite(a))
            for appraisals in (small, big)
        ]
        self.assertLessEqual((counts[1] - counts[0]) / 450, 0.1, counts)
        self.assertLessEqual(counts[1] / 500, 0.3, counts)
        responses = self.env["hr.performance.review.response"].search(
            [("appraisal_id", "in", big.ids)]
        )
        self.assertEqual(len(responses), 500)
        self.assertEqual(set(responses.author_id), set(self.reviewers))
