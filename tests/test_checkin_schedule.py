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

    def test_empty_cadence_is_none(self):
        """hr's own inserts, without this addon's code loaded, leave the cadence
        empty: the column takes it, and an empty cadence plans nothing."""
        employee = self._team(1, "empty")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hr_employee SET performance_checkin_cadence = NULL WHERE id = %s",
            [employee.id],
        )
        self.env.invalidate_all()
        self.assertFalse(employee.performance_checkin_cadence)
        self.assertFalse(employee._schedule_next_checkins())
        self.Checkin._cron_schedule()
        self.assertFalse(self.Checkin.search([("employee_id", "=", employee.id)]))

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
    def test_scheduling_queries_flat_for_10_and_100(self):
        """Scheduling costs the same queries for 10 employees as for 50, and 100 cost
        only what Odoo's 100-rows-per-INSERT batches add for their 200 followers and
        200 activities: one create each of check-ins, followers and activities, and
        of the 100 calendar events with their attendees and followers."""
        warm, small, mid = self._team(2, tag="w"), self._team(10), self._team(50)
        large = self._team(100)
        # creating users clears Odoo's caches: warm them after, as in production
        warm._schedule_next_checkins()
        Employee = self.env["hr.employee"]
        counts = [
            self._count_queries(Employee.browse(team.ids)._schedule_next_checkins)
            for team in (small, mid)
        ]
        # the meetings' followers and attendees are inserted by Odoo 100 rows at a
        # time: 50 meetings may take one more INSERT than 10
        self.assertLessEqual(counts[1], counts[0] + 1, "scheduling grows with the team")
        team = Employee.browse(large.ids)
        self.env.flush_all()
        self.env.invalidate_all()
        # + the INSERT chunks of 200 followers and 200 activities of the check-ins,
        # and of the 200 attendees and followers of their meetings
        with self.assertQueryCount(counts[1] + 6):
            checkins = team._schedule_next_checkins()
        self.assertEqual(len(checkins), 100)
        self.assertEqual(len(checkins.activity_ids), 200)
        self.assertEqual(
            checkins[0].message_partner_ids,
            checkins[0].employee_id.user_id.partner_id
            | checkins[0].manager_user_id.partner_id,
        )
        # a dozen of them create the calendar events (attendees, followers, alarms)
        self.assertLessEqual(counts[1], 35)
