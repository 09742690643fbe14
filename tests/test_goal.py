# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestGoal(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Goal = cls.env["hr.performance.goal"]

    def _goal(self, **vals):
        return self.Goal.create(
            {
                "name": "Ship the new onboarding",
                "employee_id": self.employees["employee"].id,
                "date_start": date(2026, 1, 1),
                "date_deadline": date(2026, 12, 31),
                **vals,
            }
        )

    def test_progress_weighted_from_key_results(self):
        goal = self._goal(
            key_result_ids=[
                (0, 0, {"name": "Tickets", "start_value": 0, "target_value": 10}),
                (0, 0, {"name": "NPS", "start_value": 20, "target_value": 60}),
                (0, 0, {"name": "Docs written", "unit": "boolean", "weight": 2}),
            ]
        )
        tickets, nps, docs = goal.key_result_ids
        tickets.current_value = 5  # 50 %
        nps.current_value = 70  # beyond target: 100 %
        docs.is_done = True  # 100 %, weight 2
        self.assertEqual(tickets.progress, 50)
        self.assertEqual(nps.progress, 100)
        self.assertEqual(docs.current_value, 1)
        self.assertEqual(goal.progress, (50 + 100 + 2 * 100) / 4)

    def test_decreasing_target(self):
        goal = self._goal(
            key_result_ids=[
                (0, 0, {"name": "Days", "start_value": 30, "target_value": 10}),
            ]
        )
        goal.key_result_ids.current_value = 25
        self.assertEqual(goal.progress, 25)

    def test_progress_rolls_up_the_tree(self):
        company = self._goal(
            name="Grow", scope="company", employee_id=False, progress_mode="children"
        )
        dept = self._goal(
            name="Sell more",
            scope="department",
            employee_id=False,
            department_id=self.env["hr.department"].create({"name": "Sales"}).id,
            parent_id=company.id,
            progress_mode="children",
        )
        mine = self._goal(parent_id=dept.id, progress_mode="manual", weight=3)
        other = self._goal(parent_id=dept.id, progress_mode="manual")
        mine.progress = 40
        other.progress = 80
        self.assertEqual(dept.progress, (3 * 40 + 80) / 4)
        self.assertEqual(company.progress, dept.progress)
        other.action_cancel()
        self.assertEqual(dept.progress, 40, "cancelled goals do not count")

    def test_cycles_are_refused(self):
        top = self._goal(name="Top")
        middle = self._goal(name="Middle", parent_id=top.id)
        bottom = self._goal(name="Bottom", parent_id=middle.id)
        with self.assertRaisesRegex(ValidationError, "cannot contribute to itself"):
            top.parent_id = bottom

    def test_scope_needs_its_owner(self):
        with self.assertRaises(ValidationError):
            self._goal(employee_id=False)
        with self.assertRaises(ValidationError):
            self._goal(scope="department", employee_id=False)

    def test_smart_check(self):
        goal = self._goal(description="<p>short</p>")
        self.assertIn("key result", goal.smart_missing)
        self.assertIn("description", goal.smart_missing)
        goal.write(
            {
                "description": "<p>Every new hire productive within two weeks.</p>",
                "key_result_ids": [(0, 0, {"name": "Days to first PR"})],
            }
        )
        self.assertFalse(goal.smart_missing)
        parent = self._goal(name="Parent", date_deadline=date(2026, 6, 30))
        goal.parent_id = parent
        self.assertIn("within the goal it supports", goal.smart_missing)

    @freeze_time("2026-07-02")
    def test_late_and_at_risk(self):
        late = self._goal(date_deadline=date(2026, 6, 30), progress_mode="manual")
        risky = self._goal(progress_mode="manual")
        fine = self._goal(progress_mode="manual")
        (late | risky | fine).write({"state": "active"})
        risky.progress = 10  # half the year elapsed
        fine.progress = 45
        self.assertTrue(late.is_late)
        self.assertFalse(late.is_at_risk)
        self.assertTrue(risky.is_at_risk)
        self.assertFalse(fine.is_at_risk or fine.is_late)
        goals = late | risky | fine
        self.assertEqual(
            self.Goal.search([("id", "in", goals.ids), ("is_late", "=", True)]), late
        )
        self.assertEqual(
            self.Goal.search([("id", "in", goals.ids), ("is_at_risk", "=", True)]),
            risky,
        )

    def test_inverted_dates_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._goal(date_start=date(2026, 5, 1), date_deadline=date(2026, 4, 1))
