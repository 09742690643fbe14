# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestCycleFlow(HrPerformanceCase):
    """An officer plans and launches a review cycle; appraisals follow the rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env["hr.department"].create({"name": "Reviewed"})
        cls.team = cls.employees["employee"] | cls.employees["manager"]
        cls.team.department_id = cls.department
        cls.employees["manager"].parent_id = cls.employees["officer"]
        cls.archived = cls.env["hr.employee"].create(
            {"name": "Gone", "department_id": cls.department.id, "active": False}
        )
        cls.orphan = cls.env["hr.employee"].create(
            {"name": "No Manager", "department_id": cls.department.id}
        )
        cls.template = cls.env["hr.performance.template"].create({"name": "Annual"})
        cls.peer = new_test_user(cls.env, login="hrp_cycle_peer")
        cls.env["hr.employee"].create({"name": "Peer", "user_id": cls.peer.id})

    def _cycle(self, user="officer", **vals):
        with Form(self.env["hr.performance.cycle"].with_user(self.users[user])) as form:
            form.name = "2026 review"
            form.date_start = date(2026, 1, 1)
            form.date_end = date(2026, 12, 31)
            form.template_id = self.template
            form.department_ids.add(self.department)
            form.deadline_self = date(2027, 1, 15)
            form.deadline_manager = date(2027, 1, 31)
            for name, value in vals.items():
                setattr(form, name, value)
        return form.record

    def _launch(self, cycle, user="officer"):
        action = cycle.with_user(self.users[user]).action_open_launch()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.users[user])
            .with_context(**action["context"])
            .create({})
        )
        return wizard, wizard.action_launch

    def test_launch_previews_then_creates_appraisals(self):
        cycle = self._cycle()
        wizard, launch = self._launch(cycle)
        self.assertEqual(wizard.eligible_ids, self.team)
        self.assertEqual(
            (wizard.archived_count, wizard.no_manager_count, wizard.busy_count),
            (1, 1, 0),
        )
        launch()
        self.assertEqual(cycle.state, "running")
        appraisals = cycle.appraisal_ids
        self.assertEqual(appraisals.employee_id, self.team)
        self.assertEqual(set(appraisals.mapped("state")), {"self_review"})
        mine = appraisals.filtered(
            lambda a: a.employee_id == self.employees["employee"]
        )
        self.assertEqual(mine.manager_id, self.employees["manager"])
        self.assertEqual(mine.activity_ids.user_id, self.users["employee"])
        self.assertEqual(mine.activity_ids.date_deadline, date(2027, 1, 15))
        with self.assertRaisesRegex(UserError, r"step \(launch\) is not possible"):
            cycle.with_user(self.users["officer"]).action_open_launch()
        # a second cycle leaves out who is already in a running one
        other = self._cycle(name="Mid-year")
        wizard, _launch = self._launch(other)
        self.assertEqual(wizard.busy_count, 2)
        self.assertFalse(wizard.eligible_ids)

    def test_who_reads_which_appraisal(self):
        cycle = self._cycle()
        self._launch(cycle)[1]()
        Appraisal = self.env["hr.performance.appraisal"]
        mine = Appraisal.with_user(self.users["employee"]).search([])
        self.assertEqual(mine.employee_id, self.employees["employee"])
        managed = Appraisal.with_user(self.users["manager"]).search([])
        self.assertEqual(managed.employee_id, self.team)
        # the officer reads every appraisal of the cycle (demo data may hold others)
        self.assertEqual(
            Appraisal.with_user(self.users["officer"]).search(
                [("cycle_id", "=", cycle.id)]
            ),
            cycle.appraisal_ids,
        )
        for user in (self.peer, self.users["payroll"], self.users["hr_manager"]):
            with self.subTest(user=user.login):
                self.assertFalse(Appraisal.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    cycle.appraisal_ids.with_user(user).read(["state"])

    def test_only_officers_run_cycles(self):
        with self.assertRaises(AccessError):
            self._cycle(user="manager")
        cycle = self._cycle()
        with self.assertRaises(AccessError):
            self.env["hr.performance.cycle.launch"].with_user(
                self.users["manager"]
            ).create({"cycle_id": cycle.id})
        other = self.env["res.company"].create({"name": "Other Co"})
        foreign = cycle.sudo().copy({"company_id": other.id, "department_ids": False})
        wizard = self.env["hr.performance.cycle.launch"].with_user(
            self.users["officer"]
        )
        with self.assertRaises(AccessError):
            wizard.create({"cycle_id": foreign.id}).action_launch()
        self.assertEqual(foreign.state, "draft")

    def test_deadlines_follow_each_other(self):
        with self.assertRaisesRegex(ValidationError, "comes before"):
            self._cycle(deadline_manager=date(2027, 1, 10))
        with self.assertRaisesRegex(ValidationError, "comes before"):
            self._cycle(deadline_goal_setting=date(2025, 12, 1))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["hr.performance.cycle"].create(
                    {
                        "name": "Backwards",
                        "date_start": date(2026, 12, 31),
                        "date_end": date(2026, 1, 1),
                        "template_id": self.template.id,
                    }
                )

    def test_calibrate_close_and_cancel(self):
        cycle = self._cycle()
        self._launch(cycle)[1]()
        officer_cycle = cycle.with_user(self.users["officer"])
        with self.assertRaisesRegex(UserError, r"step \(close\) is not possible"):
            officer_cycle.action_close()
        officer_cycle.action_calibrate()
        officer_cycle.action_close()
        self.assertEqual(cycle.state, "closed")
        self.employees["payroll"].parent_id = self.employees["officer"]
        other = cycle.copy({"name": "Cancelled one", "department_ids": False})
        other.employee_ids = self.orphan | self.employees["payroll"]
        self._launch(other)[1]()
        other.with_user(self.users["officer"]).action_cancel()
        self.assertEqual(set(other.appraisal_ids.mapped("state")), {"cancelled"})

    def _department_of(self, size):
        users = [
            new_test_user(self.env, login=f"hrp_launch_{size}_{i}") for i in range(size)
        ]
        department = self.env["hr.department"].create({"name": f"Team {size}"})
        self.env["hr.employee"].create(
            [
                {
                    "name": user.login,
                    "user_id": user.id,
                    "department_id": department.id,
                    "parent_id": self.employees["manager"].id,
                }
                for user in users
            ]
        )
        return self.env["hr.performance.cycle"].create(
            {
                "name": f"Batch {size}",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "template_id": self.template.id,
                "department_ids": [(6, 0, department.ids)],
            }
        )

    def test_launch_queries_flat_for_10_and_100(self):
        """A launch creates appraisals, their appraisers, assessments and answers,
        followers and to-dos in one batch each: the same queries for 10 employees as
        for 100 but for the INSERT chunks (100 rows each), what the commit writes: no
        tracking note per appraisal (their department and template are not
        tracked)."""
        warm, small, mid = (self._department_of(size) for size in (2, 10, 100))
        # creating users clears Odoo's caches: warm them after, as in production
        warm.action_launch()
        counts = [self._count_committed(cycle.action_launch) for cycle in (small, mid)]
        # flat but for Odoo's INSERT chunks of 100 rows (two assessments each)
        self.assertLessEqual((counts[1] - counts[0]) / 90, 0.05, counts)
        self.assertLessEqual(counts[1], 40)
        for cycle, size in ((small, 10), (mid, 100)):
            self.assertEqual(len(cycle.appraisal_ids), size)
            self.assertEqual(len(cycle.appraisal_ids.activity_ids), size)
        self.assertFalse(
            self.env["mail.message"].search(
                [
                    ("model", "=", "hr.performance.appraisal"),
                    ("res_id", "in", mid.appraisal_ids.ids),
                ]
            )
        )
        appraisal = mid.appraisal_ids[0]
        self.assertIn(
            appraisal.employee_id.user_id.partner_id, appraisal.message_partner_ids
        )
