# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestCheckinCalendar(HrPerformanceCase):
    """A planned 1:1 is a meeting in both people's calendars."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Checkin = cls.env["hr.performance.checkin"].with_user(cls.users["manager"])
        cls.both = (cls.users["employee"] | cls.users["manager"]).partner_id

    def test_planned_moved_cancelled(self):
        checkin = self.Checkin.create(
            {
                "employee_id": self.employees["employee"].id,
                "date": datetime(2026, 12, 1, 9, 0),
            }
        )
        event = checkin.sudo().calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.partner_ids, self.both)
        self.assertEqual(event.start, datetime(2026, 12, 1, 9, 0))
        self.assertEqual(event.stop, datetime(2026, 12, 1, 9, 30))
        self.assertEqual(event.user_id, self.users["manager"])
        self.assertEqual(event.attendee_ids.partner_id, self.both)
        # the employee moves it: the meeting follows
        checkin.with_user(self.users["employee"]).date = datetime(2026, 12, 2, 14, 0)
        self.assertEqual(event.start, datetime(2026, 12, 2, 14, 0))
        self.assertEqual(event.stop, datetime(2026, 12, 2, 14, 30))
        checkin.action_cancel()
        self.assertFalse(event.exists())
        self.assertFalse(checkin.sudo().calendar_event_id)
        checkin.action_reset()
        self.assertEqual(checkin.sudo().calendar_event_id.partner_ids, self.both)
        # held: the meeting stays where it was
        checkin.action_done()
        self.assertTrue(checkin.sudo().calendar_event_id)

    def test_nobody_links_an_event_by_hand(self):
        other = self.env["calendar.event"].create(
            {
                "name": "HRP other meeting",
                "start": datetime(2026, 12, 1, 9, 0),
                "stop": datetime(2026, 12, 1, 10, 0),
            }
        )
        checkin = self.Checkin.create(
            {
                "employee_id": self.employees["employee"].id,
                "date": datetime(2026, 12, 1, 9, 0),
                "calendar_event_id": other.id,
            }
        )
        self.assertNotEqual(checkin.sudo().calendar_event_id, other)

    def test_batch_and_delete(self):
        checkins = self.Checkin.sudo().create(
            [
                {
                    "employee_id": self.employees["employee"].id,
                    "date": datetime(2026, 12, day, 9, 0),
                }
                for day in (1, 2, 3)
            ]
        )
        events = checkins.calendar_event_id
        self.assertEqual(len(events), 3)
        checkins.unlink()
        self.assertFalse(events.exists())

    @freeze_time("2026-12-11 12:00:00")  # a Friday
    def test_scheduled_on_a_working_day(self):
        employee = self.employees["employee"]
        employee.performance_checkin_cadence = "weekly"
        self.assertTrue(employee.resource_calendar_id)
        checkin = employee._schedule_next_checkins()
        # tomorrow is a Saturday: the next working day of a Monday-Friday calendar
        self.assertEqual(checkin.date, datetime(2026, 12, 14, 9, 0))
        self.assertEqual(checkin.calendar_event_id.start, checkin.date)

    def test_the_name_uses_the_users_date_format(self):
        checkin = self.Checkin.create(
            {
                "employee_id": self.employees["employee"].id,
                "date": datetime(2026, 12, 1, 9, 0),
            }
        )
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        lang.date_format = "%d.%m.%Y"
        self.env.invalidate_all()
        name = checkin.with_context(tz="UTC").display_name
        self.assertIn("01.12.2026", name)
        self.assertNotIn("2026-12-01", name)
