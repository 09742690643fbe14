# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HrPerformanceReviewCase

HISTORY = (
    "performance_goal_ids",
    "performance_checkin_ids",
    "performance_appraisal_ids",
)


@tagged("post_install", "-at_install")
class TestEmployeeHistory(HrPerformanceReviewCase):
    """The Performance tab of an employee: for the employee, their manager chain and
    officers; the records listed are those the reader's record rules allow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkin = cls.env["hr.performance.checkin"].create(
            {
                "employee_id": cls.employees["employee"].id,
                "date": datetime(2026, 3, 2, 9),
                "state": "done",
            }
        )
        cls.reward = cls.env["hr.performance.reward"].create(
            {
                "employee_id": cls.employees["employee"].id,
                "kind": "other",
                "description": "A conference of their choice",
                "effective_date": date(2027, 2, 1),
            }
        )
        cls.own_reward = cls.env["hr.performance.reward"].create(
            {
                "employee_id": cls.employees["manager"].id,
                "kind": "other",
                "description": "Extra days off",
                "effective_date": date(2027, 2, 1),
            }
        )
        cls.other_manager = new_test_user(
            cls.env,
            login="hrp_other_manager",
            groups="base.group_user,hr_performance.group_hr_performance_manager",
            name="HRP Other Manager",
        )
        cls.env["hr.employee"].create(
            {"name": "HRP Other Manager", "user_id": cls.other_manager.id}
        )

    def history(self, reader, model="hr.employee"):
        employee = self.env[model].browse(self.employees["employee"].id)
        return self.as_user(reader, employee)

    def test_employee_sees_ratings_once_released(self):
        mine = self.history("employee")
        self.assertTrue(mine.performance_history_visible)
        self.assertEqual(mine.performance_goal_ids, self.goal)
        self.assertEqual(mine.performance_checkin_ids, self.checkin)
        self.assertEqual(mine.performance_appraisal_ids, self.appraisal)
        self.answer(self.assessment_of("employee", "self"))
        self.assessment_of("employee", "self").action_submit()
        lead = self.assessment_of("manager", "manager")
        self.answer(lead, rating=5)
        lead.action_submit()
        # before the release: the manager reads the rating, the employee does not
        self.assertEqual(
            self.history("manager").performance_appraisal_ids.final_level_id,
            self.level[5],
        )
        self.assertFalse(
            self.history("employee").performance_appraisal_ids.final_level_id
        )
        self.as_user("manager", self.appraisal).action_release()
        self.assertEqual(
            self.history("employee").performance_appraisal_ids.final_level_id,
            self.level[5],
        )

    def test_manager_chain_and_officers(self):
        for reader in ("manager", "officer"):
            for model in ("hr.employee", "hr.employee.public"):
                history = self.history(reader, model)
                self.assertTrue(history.performance_history_visible, reader)
                self.assertEqual(history.performance_goal_ids, self.goal)
                self.assertEqual(history.performance_checkin_ids, self.checkin)
                self.assertEqual(history.performance_appraisal_ids, self.appraisal)
                self.assertEqual(history.performance_reward_ids, self.reward)

    def test_coworkers_and_other_managers_see_nothing(self):
        for reader in (self.peers[0], self.other_manager):
            for model in ("hr.employee", "hr.employee.public"):
                history = self.history(reader, model)
                self.assertFalse(history.performance_history_visible)
                for field in HISTORY:
                    self.assertFalse(history[field], f"{reader.name} reads {field}")
        # the goal itself is not private: the tab hides it, not the rules
        self.assertTrue(self.as_user(self.peers[0], self.goal).name)

    def test_rewards_never_to_their_employee(self):
        self.assertNotIn(
            "performance_reward_ids",
            self.env["hr.employee"].with_user(self.users["employee"]).fields_get(),
        )
        with self.assertRaises(AccessError):
            self.history("employee").performance_reward_ids  # noqa: B018
        # a manager reads their report's rewards, never their own
        own = self.as_user("manager", self.employees["manager"])
        self.assertTrue(own.performance_history_visible)
        self.assertFalse(own.performance_reward_ids)
        self.assertEqual(self.history("manager").performance_reward_ids, self.reward)

    def test_plain_user_reads_every_employee_field(self):
        """As Odoo's own test_employee_fields_groups: a plain user reads every field
        they may read of every employee without an error; the history of others
        reads empty."""
        for user in (self.peers[0], self.users["employee"]):
            for model in ("hr.employee", "hr.employee.public"):
                records = self.env[model].with_user(user).search([])
                records.read([])
                self.env.invalidate_all()
                rows = {
                    row["id"]: row
                    for row in records.browse(records.ids).read(
                        ["performance_history_visible", *HISTORY]
                    )
                }
                self.assertEqual(set(rows), set(records.ids))
                self.assertEqual(
                    rows[self.employees["manager"].id]["performance_goal_ids"], []
                )
        mine = rows[self.employees["employee"].id]
        self.assertEqual(mine["performance_goal_ids"], self.goal.ids)
        self.assertEqual(mine["performance_appraisal_ids"], self.appraisal.ids)
