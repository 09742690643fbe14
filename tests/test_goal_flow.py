# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import HrPerformanceCase

DESCRIPTION = "<p>Every new hire is productive within two weeks of arrival.</p>"


@tagged("post_install", "-at_install")
class TestGoalFlow(HrPerformanceCase):
    """Goals as each role uses them, refused actions included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Goal = cls.env["hr.performance.goal"]
        # a second team: a peer manager and their report
        cls.peer_manager = new_test_user(
            cls.env,
            login="hrp_peer_manager",
            groups="base.group_user,hr_performance.group_hr_performance_manager",
        )
        cls.peer = new_test_user(cls.env, login="hrp_peer", groups="base.group_user")
        peer_manager_emp = cls.env["hr.employee"].create(
            {"name": "Peer Manager", "user_id": cls.peer_manager.id}
        )
        cls.env["hr.employee"].create(
            {"name": "Peer", "user_id": cls.peer.id, "parent_id": peer_manager_emp.id}
        )
        # the manager reports to the officer: indirect reports for the officer chain
        cls.employees["manager"].parent_id = cls.employees["officer"]

    def _new_goal_as(self, role, private=False):
        with Form(self.Goal.with_user(self.users[role])) as form:
            form.name = "Onboard faster"
            form.employee_id = self.employees["employee"]
            form.date_start = date(2026, 1, 1)
            form.date_deadline = date(2026, 12, 31)
            form.description = DESCRIPTION
            form.private = private
            with form.key_result_ids.new() as line:
                line.name = "Days to first contribution"
                line.start_value = 30
                line.target_value = 10
        return form.record

    def test_employee_proposes_manager_approves(self):
        goal = self._new_goal_as("employee")
        self.assertEqual(goal.user_id, self.users["employee"])
        self.assertEqual(goal.company_id, self.company)
        goal.with_user(self.users["employee"]).action_propose()
        self.assertEqual(goal.state, "proposed")
        with self.assertRaises(AccessError):
            goal.with_user(self.users["employee"]).action_approve()
        with self.assertRaises(AccessError):
            goal.with_user(self.users["employee"]).write({"state": "active"})
        with self.assertRaises(AccessError):
            goal.with_user(self.peer_manager).action_approve()
        goal.with_user(self.users["manager"]).action_approve()
        self.assertEqual(goal.state, "active")
        # the employee updates a key result and closes the goal
        goal.key_result_ids.with_user(self.users["employee"]).current_value = 10
        self.assertEqual(goal.progress, 100)
        goal.with_user(self.users["employee"]).action_done()
        self.assertEqual(goal.state, "done")
        with self.assertRaises(UserError):
            goal.with_user(self.users["employee"]).unlink()

    def test_employee_cannot_create_an_approved_goal(self):
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.users["employee"]).create(
                {
                    "name": "Self-approved",
                    "employee_id": self.employees["employee"].id,
                    "date_deadline": date(2026, 12, 31),
                    "state": "active",
                }
            )

    def test_smart_warning_overridden_by_manager(self):
        goal = self.Goal.with_user(self.users["manager"]).create(
            {
                "name": "Be better",
                "employee_id": self.employees["employee"].id,
                "date_deadline": date(2026, 12, 31),
            }
        )
        with self.assertRaisesRegex(UserError, "not SMART"):
            goal.with_user(self.users["manager"]).action_approve()
        goal.with_user(self.users["manager"]).smart_override = True
        goal.with_user(self.users["manager"]).action_approve()
        self.assertEqual(goal.state, "active")

    def test_wrong_state_refused(self):
        goal = self._new_goal_as("employee")
        with self.assertRaisesRegex(UserError, r"step \(done\) is not possible"):
            goal.with_user(self.users["employee"]).action_done()

    def test_employee_cannot_set_goals_for_others(self):
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.users["employee"]).create(
                {
                    "name": "Their goal",
                    "employee_id": self.employees["manager"].id,
                    "date_deadline": date(2026, 12, 31),
                }
            )
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.users["employee"]).create(
                {
                    "name": "A company objective",
                    "scope": "company",
                    "date_deadline": date(2026, 12, 31),
                }
            )

    def test_private_goal_visibility(self):
        goal = self._new_goal_as("employee", private=True)
        # the officer is the manager's manager here: in the chain
        readers = ("employee", "manager", "officer")
        for role in readers:
            with self.subTest(role=role):
                self.assertEqual(
                    self.Goal.with_user(self.users[role]).search(
                        [("id", "=", goal.id)]
                    ),
                    goal,
                )
        outsiders = (self.peer, self.peer_manager, self.users["payroll"])
        # an administrator outside the chain does not read private goals either
        for user in (*outsiders, self.users["admin"], self.users["hr_manager"]):
            with self.subTest(user=user.login):
                Goal = self.Goal.with_user(user)
                self.assertFalse(Goal.search([("id", "=", goal.id)]))
                self.assertFalse(Goal.search_count([("id", "=", goal.id)]))
                with self.assertRaises(AccessError):
                    goal.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    goal.key_result_ids.with_user(user).read(["current_value"])
        public = self._new_goal_as("employee")
        self.assertEqual(
            self.Goal.with_user(self.peer).search([("id", "=", public.id)]), public
        )
        with self.assertRaises(AccessError):
            public.with_user(self.peer).write({"name": "Hijacked"})
        with self.assertRaises(AccessError):
            public.key_result_ids.with_user(self.peer).write({"current_value": 10})

    def test_indirect_manager_and_reorg(self):
        goal = self._new_goal_as("employee", private=True)
        self.assertTrue(goal.with_user(self.users["officer"]).has_access("write"))
        # reorg: the employee moves to the peer manager's team
        self.employees["employee"].parent_id = self.env["hr.employee"].search(
            [("user_id", "=", self.peer_manager.id)]
        )
        self.env.invalidate_all()
        self.assertTrue(goal.with_user(self.peer_manager).has_access("read"))
        self.assertFalse(goal.with_user(self.users["manager"]).has_access("read"))

    def test_other_company_goals_hidden(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        self.users["officer"].company_ids |= other
        foreign_emp = self.env["hr.employee"].create(
            {"name": "Abroad", "company_id": other.id}
        )
        goal = self.Goal.create(
            {
                "name": "Foreign goal",
                "employee_id": foreign_emp.id,
                "date_deadline": date(2026, 12, 31),
            }
        )
        self.assertEqual(goal.company_id, other)
        officer = self.users["officer"]
        Goal = self.Goal.with_user(officer).with_context(
            allowed_company_ids=[self.company.id]
        )
        self.assertFalse(Goal.search([("id", "=", goal.id)]))
        Goal = Goal.with_context(allowed_company_ids=[other.id])
        self.assertEqual(Goal.search([("id", "=", goal.id)]), goal)
        self.assertFalse(
            self.Goal.with_user(self.users["employee"]).search([("id", "=", goal.id)])
        )

    def test_only_officers_configure_erp_measures(self):
        goal = self._new_goal_as("employee")
        source = self.env["hr.performance.measure.source"].create(
            {"name": "HRP partners", "model_name": "res.partner"}
        )
        with self.assertRaises(AccessError):
            goal.key_result_ids.with_user(self.users["manager"]).write(
                {"measure": "erp"}
            )
        with self.assertRaises(AccessError):
            goal.key_result_ids.with_user(self.users["employee"]).read(
                ["measure_domain"]
            )
        goal.key_result_ids.with_user(self.users["officer"]).write(
            {"measure": "erp", "measure_source_id": source.id}
        )
        self.assertEqual(goal.key_result_ids.measure, "erp")
