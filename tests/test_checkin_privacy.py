# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HrPerformanceCase

NOTE = "<p>Considering her for the lead role.</p>"


@tagged("post_install", "-at_install", "access_rights")
class TestCheckinPrivacy(HrPerformanceCase):
    """Private manager notes: the manager chain reads them, the employee never."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The employee manages someone too: Manager group, yet not above themself.
        cls.users["employee"].groups_id |= cls.env.ref(
            "hr_performance.group_hr_performance_manager"
        )
        cls.intern_user = new_test_user(cls.env, login="hrp_intern")
        cls.env["hr.employee"].create(
            {
                "name": "Intern",
                "user_id": cls.intern_user.id,
                "parent_id": cls.employees["employee"].id,
            }
        )
        # manager -> reports to officer: the officer is the indirect manager
        cls.employees["manager"].parent_id = cls.employees["officer"]
        cls.checkin = cls.env["hr.performance.checkin"].create(
            {"employee_id": cls.employees["employee"].id, "date": datetime(2026, 12, 1)}
        )
        cls.note = (
            cls.env["hr.performance.checkin.note"]
            .with_user(cls.users["manager"])
            .create({"checkin_id": cls.checkin.id, "body": NOTE})
        )
        cls.Note = cls.env["hr.performance.checkin.note"]

    def setUp(self):
        super().setUp()
        # one cache per transaction: read as each user from the database
        self.env.invalidate_all()

    def test_manager_chain_reads_the_note(self):
        for role in ("manager", "officer"):
            with self.subTest(role=role):
                self.env.invalidate_all()
                notes = self.checkin.with_user(self.users[role]).note_ids
                self.assertEqual(notes, self.note)
                self.assertEqual(notes.body, NOTE)

    def test_employee_never_reads_notes_about_themself(self):
        user = self.users["employee"]
        self.assertTrue(user.has_group("hr_performance.group_hr_performance_manager"))
        Note = self.Note.with_user(user)
        self.assertFalse(Note.search([]))
        self.assertFalse(Note.search_count([("checkin_id", "=", self.checkin.id)]))
        self.assertFalse(Note._read_group([], ["checkin_id"], ["__count"]))
        self.assertFalse(Note.search_read([], ["body"]))
        self.assertFalse(self.checkin.with_user(user).note_ids)
        with self.assertRaises(AccessError):
            self.note.with_user(user).read(["body"])
        with self.assertRaises(AccessError):
            Note.create({"checkin_id": self.checkin.id, "body": "<p>About me</p>"})

    def test_plain_employee_has_no_access_at_all(self):
        user = self.intern_user
        with self.assertRaises(AccessError):
            self.Note.with_user(user).search([])
        fields = self.env["hr.performance.checkin"].with_user(user).fields_get()
        self.assertNotIn("note_ids", fields)

    def test_outsiders_read_nothing(self):
        hr_manager = self.users["hr_manager"]
        self.assertTrue(hr_manager.has_group("hr.group_hr_manager"))
        for role in ("admin", "hr_manager", "payroll", "portal", "public"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.note.with_user(self.users[role]).read(["body"])

    def test_plain_user_reads_every_employee_field(self):
        """Fields this addon adds to hr.employee carry groups=: nothing breaks."""
        # as core hr's test_employee_fields_groups: must not raise
        self.env["hr.employee"].with_user(self.intern_user).search([]).read([])
        public = self.env["hr.employee.public"].with_user(self.intern_user)
        values = public.browse(self.employees["manager"].id).read([])
        self.assertEqual(values[0]["name"], self.employees["manager"].name)
        self.assertNotIn("performance_checkin_cadence", values[0])
        # a performance manager without Employees rights reads their reports' cadence
        report = self.employees["employee"].with_user(self.users["manager"])
        self.assertEqual(report.performance_checkin_cadence, "none")
