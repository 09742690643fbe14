# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestCheckinSchedule(HrPerformanceCase):
    """Cadence: the next check-in is planned, reminded, and nudged when missed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Checkin = cls.env["hr.performance.checkin"]
        cls.employees["employee"].performance_checkin_cadence = "weekly"

    def _team(self, size, tag=""):
        users = [
            new_test_user(self.env, login=f"hrp_team{tag}_{size}_{i}")
            for i in range(size)
        ]
        return self.env["hr.employee"].create(
            [
                {
                    "name": user.login,
                    "user_id": user.id,
                    "parent_id": self.employees["manager"].id,
                    "performance_checkin_cadence": "biweekly",
                }
                for user in users
            ]
        )

    @freeze_time("2026-12-10 12:00:00")
    def test_next_checkin_after_the_last_one(self):
        employee = self.employees["employee"]
        self.Checkin.create(
            {"employee_id": employee.id, "date": "2026-12-07 10:00:00", "state": "done"}
        )
        checkin = employee._schedule_next_checkins()
        self.assertEqual(checkin.date, datetime(2026, 12, 14, 10, 0))
        self.assertEqual(checkin.manager_user_id, self.users["manager"])
        activities = checkin.activity_ids
        self.assertEqual(
            activities.user_id, self.users["employee"] | self.users["manager"]
        )
        self.assertEqual(set(activities.mapped("date_deadline")), {checkin.date.date()})
        # already planned: nothing more
        self.assertFalse(employee._schedule_next_checkins())
        checkin.action_done()
        self.env.invalidate_all()
        self.assertFalse(
            checkin.activity_ids.filtered("active"), "held: the reminders are done"
        )

    @freeze_time("2026-12-10 12:00:00")
    def test_first_checkin_is_tomorrow(self):
        checkin = self.employees["employee"]._schedule_next_checkins()
        self.assertEqual(checkin.date, datetime(2026, 12, 11, 9, 0))

    def test_no_cadence_or_no_manager_no_checkin(self):
        self.employees["payroll"].performance_checkin_cadence = "weekly"  # no manager
        self.employees["officer"].performance_checkin_cadence = "none"
        employees = self.employees["payroll"] | self.employees["officer"]
        self.assertFalse(employees._schedule_next_checkins())

    def test_nudge_once(self):
        with freeze_time("2026-12-01 09:00:00"):
            checkin = self.employees["employee"]._schedule_next_checkins()
        with freeze_time("2026-12-03 09:00:00"):
            self.Checkin._nudge_overdue()
            self.assertFalse(checkin.nudged, "not yet two days late")
        with freeze_time("2026-12-05 09:00:00"):
            before = len(checkin.activity_ids)
            self.Checkin._cron_schedule()
            self.assertTrue(checkin.nudged)
            nudges = checkin.activity_ids.filtered(
                lambda a: a.summary == "Hold or reschedule this check-in"
            )
            self.assertEqual(nudges.user_id, self.users["manager"])
            self.Checkin._cron_schedule()
            self.assertEqual(len(checkin.activity_ids), before + 1, "nudged once")

    @freeze_time("2026-12-10 12:00:00")
    def test_scheduling_queries_for_10_and_100(self):
        """Scheduling is batched: one create of the check-ins, one of the activities.

        What still grows with the team is Odoo's own follower subscription inside
        ``mail.activity.create``, done once per distinct assignee: at most 5 queries
        an employee, and 526 in all for 100 employees.
        """
        small, large = self._team(10), self._team(100)
        counts = []
        for team in (small, large):
            self.env.flush_all()
            self.env.invalidate_all()
            team = self.env["hr.employee"].browse(team.ids)
            before = self.cr.sql_log_count
            checkins = team._schedule_next_checkins()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(len(checkins), len(team))
            self.assertEqual(len(checkins.activity_ids), 2 * len(team))
        self.assertLessEqual(counts[1] - counts[0], 5 * 90)
        team = self._team(100, tag="b")
        self.env.flush_all()
        self.env.invalidate_all()
        team = self.env["hr.employee"].browse(team.ids)
        with self.assertQueryCount(526):
            team._schedule_next_checkins()
