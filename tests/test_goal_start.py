# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import Form, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestGoalsStartRight(HrPerformanceCase):
    """A new goal is one's own, and a key result that goes down starts at 0 %."""

    def test_a_new_goal_is_mine(self):
        Goal = self.env["hr.performance.goal"].with_user(self.users["employee"])
        with Form(Goal) as form:
            self.assertEqual(form.employee_id, self.employees["employee"])
            form.name = "HRP my goal"
            form.date_deadline = date(2030, 12, 31)
        self.assertEqual(form.record.employee_id, self.employees["employee"])
        # a company goal created by an officer gets no employee
        company_goal = (
            self.env["hr.performance.goal"]
            .with_user(self.users["officer"])
            .create(
                {
                    "name": "HRP company goal",
                    "scope": "company",
                    "date_deadline": date(2030, 12, 31),
                }
            )
        )
        self.assertFalse(company_goal.employee_id)

    def test_the_menu_lands_on_my_goals(self):
        action = self.env.ref("hr_performance.hr_performance_goal_action")
        self.assertIn("search_default_mine", action.context)
        alignment = self.env.ref("hr_performance.hr_performance_goal_action_alignment")
        self.assertIn("search_default_company_goals", alignment.context)

    def _goal(self, **result):
        return (
            self.env["hr.performance.goal"]
            .with_user(self.users["employee"])
            .create(
                {
                    "name": "HRP reduce tickets",
                    "employee_id": self.employees["employee"].id,
                    "date_deadline": date(2030, 12, 31),
                    "key_result_ids": [(0, 0, {"name": "HRP tickets", **result})],
                }
            )
        )

    def test_lower_is_better(self):
        goal = self._goal(start_value=30, target_value=14)
        result = goal.key_result_ids
        self.assertTrue(result.lower_is_better)
        self.assertEqual(result.current_value, 30)
        self.assertEqual(result.progress, 0)
        self.assertEqual(goal.progress, 0)
        result.current_value = 22
        self.assertEqual(result.progress, 50)
        result.current_value = 14
        self.assertEqual(result.progress, 100)
        result.current_value = 10
        self.assertEqual(result.progress, 100, "beyond the target is done")
        result.current_value = 35
        self.assertEqual(result.progress, 0)

    def test_higher_is_better_starts_at_its_start(self):
        result = self._goal(start_value=10, target_value=20).key_result_ids
        self.assertFalse(result.lower_is_better)
        self.assertEqual(result.progress, 0)
        result.current_value = 15
        self.assertEqual(result.progress, 50)

    def test_the_form_starts_at_the_start(self):
        goal = self._goal(start_value=0, target_value=1)
        Result = self.env["hr.performance.key.result"].with_user(self.users["employee"])
        with Form(Result.with_context(default_goal_id=goal.id)) as form:
            form.name = "HRP days to onboard"
            form.start_value = 30
            form.target_value = 14
            self.assertEqual(form.current_value, 30)
        self.assertEqual(form.record.progress, 0)

    def test_the_alignment_opens_on_company_objectives_one_level_down(self):
        Goal = self.env["hr.performance.goal"].with_user(self.users["officer"])
        objectives = Goal.create(
            [
                {
                    "name": f"HRP objective {i}",
                    "scope": "company",
                    "date_deadline": date(2030, 12, 31),
                }
                for i in range(2)
            ]
        )
        child = Goal.create(
            {
                "name": "HRP contribution",
                "employee_id": self.employees["employee"].id,
                "parent_id": objectives[0].id,
                "date_deadline": date(2030, 12, 31),
            }
        )
        rows = Goal.with_context(hrp_alignment=True).hierarchy_read(
            [
                ("parent_id", "=", False),
                ("scope", "=", "company"),
                ("id", "in", objectives.ids),
            ],
            ["name", "child_ids"],
            "parent_id",
            "child_ids",
        )
        by_id = {row["id"]: row for row in rows}
        self.assertEqual(set(by_id), set(objectives.ids), "no stray goal beside them")
        self.assertEqual(
            [row["id"] for row in by_id[objectives[0].id]["child_ids"]], child.ids
        )
        self.assertEqual(by_id[objectives[1].id]["child_ids"], [])
