# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import tagged
from odoo.tests.common import users, warmup

from .common import HrPerformanceCase

LIST_SPEC = {
    "name": {},
    "scope": {},
    "employee_id": {"fields": {"display_name": {}}},
    "department_id": {"fields": {"display_name": {}}},
    "parent_id": {"fields": {"display_name": {}}},
    "date_deadline": {},
    "progress": {},
    "is_late": {},
    "is_at_risk": {},
    "company_id": {"fields": {"display_name": {}}},
    "state": {},
}


@tagged("post_install", "-at_install", "hr_performance_perf")
class TestGoalPerformance(HrPerformanceCase):
    """Query budgets: flat in the number of records, whatever the size."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reports = cls.env["hr.employee"].create(
            [
                {"name": f"Report {i}", "parent_id": cls.employees["manager"].id}
                for i in range(8)
            ]
        )

    def _goals(self, count, **vals):
        # approved goals: created as the superuser, who skips the steps
        return (
            self.env["hr.performance.goal"]
            .sudo()
            .create(
                [
                    {
                        "name": f"Goal {i}",
                        "employee_id": self.reports[i % len(self.reports)].id,
                        "date_deadline": date(2030, 12, 31),
                        "state": "active",
                        **vals,
                    }
                    for i in range(count)
                ]
            )
        )

    def _tree(self, departments, per_department):
        """A company goal, its department goals, and employee goals with a KR each."""
        Goal = self.env["hr.performance.goal"]
        top = Goal.create(
            {
                "name": "Top",
                "scope": "company",
                "progress_mode": "children",
                "date_deadline": date(2030, 12, 31),
            }
        )
        depts = Goal.create(
            [
                {
                    "name": f"Dept {d}",
                    "scope": "company",
                    "parent_id": top.id,
                    "progress_mode": "children",
                    "date_deadline": date(2030, 12, 31),
                }
                for d in range(departments)
            ]
        )
        leaves = self._goals(
            departments * per_department,
            key_result_ids=[(0, 0, {"name": "KR", "target_value": 10})],
        )
        for index, dept in enumerate(depts):
            leaves[
                index * per_department : (index + 1) * per_department
            ].parent_id = dept
        # browsed by ids, as a search would return them: a recordset reached
        # through an x2many loses its prefetching once the cache is invalidated
        return top, self.env["hr.performance.key.result"].browse(
            leaves.key_result_ids.ids
        )

    @users("hrp_test_manager")
    @warmup
    def test_goal_list_80(self):
        """A manager's goal list: 14 queries, the same for a full page of 10 or 80.

        A full page also counts the records for the pager; the rules' ``child_of``
        costs two queries per level of the manager's tree, not per row.
        """
        Goal = self.env["hr.performance.goal"]
        small, large = self._goals(10), self._goals(80)
        Goal.web_search_read([("id", "in", small.ids)], LIST_SPEC)  # warm-up
        counts = [
            self._count_queries(
                lambda goals=goals: Goal.web_search_read(
                    [("id", "in", goals.ids)], LIST_SPEC, limit=len(goals)
                )
            )
            for goals in (small, large)
        ]
        self.assertEqual(counts[0], counts[1], "the list's queries grow with its rows")
        self.env.invalidate_all()
        with self.assertQueryCount(hrp_test_manager=14):
            result = Goal.web_search_read(
                [("id", "in", large.ids)], LIST_SPEC, limit=80
            )
        self.assertEqual(result["length"], 80)

    def test_progress_recompute_tree_200(self):
        """Updating every key result of a tree recomputes the whole tree in batch.

        Odoo writes at most 100 rows an UPDATE (``UPDATE_BATCH_SIZE``), so trees of
        up to 100 goals cost the same; a tree of 200 goals costs 11 queries.
        """
        small_top, small = self._tree(2, 9)
        mid_top, mid = self._tree(4, 19)
        counts = [
            self._count_queries(
                lambda results=records: results.write({"current_value": 7})
            )
            for records in (small, mid)
        ]
        self.assertEqual(counts[0], counts[1], "the recompute grows with the tree")
        self.assertEqual((small_top.progress, mid_top.progress), (70, 70))
        top, results = self._tree(10, 19)
        self.assertEqual(len(results) + 11, 201)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(11):
            results.write({"current_value": 4})
        self.assertEqual(top.progress, 40)
