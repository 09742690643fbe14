# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestCheckin(HrPerformanceCase):
    """1:1 check-ins as the employee, the manager and an officer use them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Checkin = cls.env["hr.performance.checkin"]
        cls.employees["manager"].parent_id = cls.employees["officer"]
        cls.peer_manager = new_test_user(
            cls.env,
            login="hrp_peer_manager",
            groups="base.group_user,hr_performance.group_hr_performance_manager",
        )
        cls.env["hr.employee"].create(
            {"name": "Peer Manager", "user_id": cls.peer_manager.id}
        )
        cls.goal = cls.env["hr.performance.goal"].create(
            {
                "name": "Onboard faster",
                "employee_id": cls.employees["employee"].id,
                "date_deadline": date(2030, 12, 31),
                "state": "active",
                "key_result_ids": [
                    (0, 0, {"name": "Days", "start_value": 30, "target_value": 10})
                ],
            }
        )

    def _checkin_as(self, role):
        with Form(self.Checkin.with_user(self.users[role])) as form:
            form.employee_id = self.employees["employee"]
            form.date = datetime(2026, 12, 1, 9, 0)
            with form.topic_ids.new() as topic:
                topic.name = "How is onboarding going?"
            with form.action_ids.new() as action:
                action.name = "Write the onboarding doc"
        return form.record

    def test_manager_holds_a_checkin_and_updates_a_key_result(self):
        checkin = self._checkin_as("manager")
        self.assertEqual(checkin.manager_user_id, self.users["manager"])
        self.assertIn("1:1 HRP Employee / HRP Manager", checkin.display_name)
        self.assertEqual(checkin.topic_ids.author_id, self.users["manager"])
        result = self.goal.key_result_ids
        with Form(checkin.with_user(self.users["manager"])) as form:
            with form.update_ids.new() as line:
                line.key_result_id = result
                line.value_after = 20
        update = checkin.update_ids
        # "30 days down to 10" starts at 30, 0 % (not at 0, "100 %")
        self.assertEqual(
            (update.value_before, update.progress_before, update.progress_after),
            (30.0, 0.0, 50.0),
        )
        self.assertEqual(result.current_value, 20)
        self.assertEqual(self.goal.with_user(self.users["employee"]).progress, 50)
        with self.assertRaises(UserError):
            update.with_user(self.users["manager"]).value_after = 12
        checkin.with_user(self.users["manager"]).action_done()
        self.assertEqual(checkin.state, "done")
        with self.assertRaisesRegex(UserError, "is not possible in the current state"):
            checkin.with_user(self.users["manager"]).action_done()

    def test_employee_adds_topics_and_sees_the_checkin(self):
        checkin = self._checkin_as("manager")
        Topic = self.env["hr.performance.checkin.topic"].with_user(
            self.users["employee"]
        )
        topic = Topic.create({"checkin_id": checkin.id, "name": "Training budget"})
        self.assertEqual(topic.author_id, self.users["employee"])
        self.assertEqual(
            self.Checkin.with_user(self.users["employee"]).search([]), checkin
        )
        with self.assertRaises(AccessError):
            checkin.with_user(self.users["employee"]).unlink()

    def test_employee_cannot_update_someone_elses_key_results(self):
        other_goal = self.goal.copy({"employee_id": self.employees["payroll"].id})
        checkin = self._checkin_as("employee")
        with self.assertRaisesRegex(ValidationError, "its employee's own"):
            self.env["hr.performance.checkin.update"].with_user(
                self.users["employee"]
            ).create(
                {
                    "checkin_id": checkin.id,
                    "key_result_id": other_goal.key_result_ids.id,
                    "value_after": 10,
                }
            )

    def test_nobody_else_sees_the_checkin(self):
        checkin = self._checkin_as("employee")
        self.assertEqual(
            self.Checkin.with_user(self.users["officer"]).search(
                [("id", "=", checkin.id)]
            ),
            checkin,
        )
        for user in (
            self.peer_manager,
            self.users["payroll"],
            self.users["hr_manager"],
        ):
            with self.subTest(user=user.login):
                Checkin = self.Checkin.with_user(user)
                self.assertFalse(Checkin.search([("id", "=", checkin.id)]))
                with self.assertRaises(AccessError):
                    checkin.with_user(user).read(["shared_notes"])
                self.assertFalse(
                    self.env["hr.performance.checkin.topic"]
                    .with_user(user)
                    .search([("checkin_id", "=", checkin.id)])
                )

    def test_a_checkin_stays_with_its_employee(self):
        checkin = self._checkin_as("employee")
        with self.assertRaisesRegex(AccessError, "You may not change Employee"):
            checkin.with_user(self.users["employee"]).write(
                {"employee_id": self.employees["payroll"].id}
            )
        # officers neither: the private notes are read by the employee's chain
        with self.assertRaisesRegex(AccessError, "You may not change Employee"):
            checkin.with_user(self.users["officer"]).write(
                {"employee_id": self.employees["payroll"].id}
            )
        self.assertEqual(checkin.employee_id, self.employees["employee"])

    def test_nobody_makes_themself_the_manager_of_a_colleague(self):
        with self.assertRaises(AccessError):
            self.Checkin.with_user(self.users["payroll"]).create(
                {
                    "employee_id": self.employees["employee"].id,
                    "manager_user_id": self.users["payroll"].id,
                    "date": datetime(2026, 12, 1, 9, 0),
                }
            )

    @freeze_time("2026-12-10 12:00:00")
    def test_overdue(self):
        Checkin = self.Checkin
        late = Checkin.create(
            {
                "employee_id": self.employees["employee"].id,
                "date": "2026-12-01 09:00:00",
            }
        )
        upcoming = late.copy({"date": "2026-12-20 09:00:00"})
        held = late.copy({"date": "2026-12-02 09:00:00"})
        held.action_done()
        self.assertTrue(late.is_overdue)
        self.assertFalse(upcoming.is_overdue or held.is_overdue)
        ids = (late | upcoming | held).ids
        self.assertEqual(
            Checkin.search([("id", "in", ids), ("is_overdue", "=", True)]), late
        )
        counts = dict(
            Checkin._read_group(
                [("id", "in", ids), ("is_overdue", "=", True)],
                ["manager_user_id"],
                ["__count"],
            )
        )
        self.assertEqual(counts, {self.users["manager"]: 1})

    def test_cancel_and_plan_again(self):
        checkin = self._checkin_as("manager")
        checkin.with_user(self.users["manager"]).action_cancel()
        self.assertEqual(checkin.state, "cancelled")
        checkin.with_user(self.users["manager"]).action_reset()
        self.assertEqual(checkin.state, "planned")
