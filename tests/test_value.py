# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestValue(HrPerformanceCase):
    def test_admin_defines_values_employees_read_them(self):
        with Form(self.env["hr.performance.value"].with_user(self.users["admin"])) as f:
            f.name = "HRP Ownership"
            f.description = "We see things through."
        value = f.record
        self.assertEqual(value.company_id, self.company)
        seen = (
            self.env["hr.performance.value"]
            .with_user(self.users["employee"])
            .search([])
        )
        self.assertIn(value, seen)
        self.assertEqual(value.with_user(self.users["employee"]).name, "HRP Ownership")
        with self.assertRaises(AccessError):
            value.with_user(self.users["employee"]).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            value.with_user(self.users["officer"]).unlink()

    def test_other_company_values_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        Value = self.env["hr.performance.value"]
        foreign = Value.create({"name": "Speed", "company_id": other.id})
        shared = Value.create({"name": "Kindness", "company_id": False})
        seen = Value.with_user(self.users["employee"]).search([])
        self.assertIn(shared, seen)
        self.assertNotIn(foreign, seen)

    def test_name_unique_per_company(self):
        Value = self.env["hr.performance.value"]
        Value.create({"name": "HRP Ownership"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                Value.create({"name": "HRP Ownership"})
