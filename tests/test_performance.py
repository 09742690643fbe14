# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets of what managers and officers open most: the appraisal list and the
rating distribution cost the same for 100 appraisals as for 190."""

from datetime import date

from odoo.tests import tagged

from .common import HrPerformanceCase

LIST_SPEC = {"employee_id": {}, "state": {}, "cycle_id": {}, "date_deadline": {}}


@tagged("post_install", "-at_install", "performance")
class TestPerformance(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.level = cls.env.ref("hr_performance.rating_scale_five").level_ids[2]
        cls.cycle = cls.env["hr.performance.cycle"].create(
            {
                "name": "Budget",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "template_id": cls.env["hr.performance.template"]
                .create({"name": "Plain"})
                .id,
            }
        )

    def _rated(self, size):
        """``size`` more rated appraisals of the manager's reports."""
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": f"Report {size}-{i}",
                    "parent_id": self.employees["manager"].id,
                }
                for i in range(size)
            ]
        )
        appraisals = self.env["hr.performance.appraisal"].create(
            [
                {
                    "cycle_id": self.cycle.id,
                    "employee_id": employee.id,
                    "manager_id": employee.parent_id.id,
                    "state": "done",
                }
                for employee in employees
            ]
        )
        appraisals.assessment_ids.filtered("is_lead").write(
            {"final_level_id": self.level.id, "state": "submitted"}
        )
        return appraisals

    def _measure(self):
        manager = self.users["manager"]
        officer = self.users["officer"]
        Appraisal = self.env["hr.performance.appraisal"].with_user(manager)
        Assessment = self.env["hr.performance.assessment"].with_user(officer)

        def distribution():
            return Assessment._read_group(
                [("appraisal_id.cycle_id", "=", self.cycle.id), ("is_lead", "=", True)],
                ["final_level_id"],
                ["__count"],
            )

        def manager_list():
            return Appraisal.web_search_read([], LIST_SPEC, limit=80)

        manager_list(), distribution()  # a server has its rules cached already
        return {
            "list": (self._count_queries(manager_list), len(manager_list()["records"])),
            "distribution": (self._count_queries(distribution), distribution()),
        }

    def test_list_and_distribution_flat_for_10_and_100(self):
        """The list of a manager: 11 queries for a page of 10; a full page (80 of
        100 or of 190) adds Odoo's count of the total for the pager, with its
        record rule (3 queries), and then stays flat. The distribution: flat."""
        self._rated(10)
        small = self._measure()
        self._rated(90)
        big = self._measure()
        self._rated(90)
        bigger = self._measure()
        self.assertEqual(
            [small["list"][1], big["list"][1], bigger["list"][1]], [10, 80, 80]
        )
        self.assertEqual(big["list"][0], bigger["list"][0], (big, bigger))
        self.assertEqual(big["list"][0] - small["list"][0], 3, (small, big))
        self.assertLessEqual(bigger["list"][0], 15)
        self.assertEqual(small["distribution"][0], bigger["distribution"][0])
        self.assertLessEqual(bigger["distribution"][0], 5)
        self.assertEqual(bigger["distribution"][1], [(self.level, 190)])
