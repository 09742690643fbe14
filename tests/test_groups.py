# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import HrPerformanceCase

PREFIX = "hr_performance.group_hr_performance_"


@tagged("post_install", "-at_install", "access_rights")
class TestGroups(HrPerformanceCase):
    def assertGroups(self, role, expected):
        user = self.users[role]
        for name in ("employee", "manager", "officer", "admin", "payroll"):
            with self.subTest(role=role, group=name):
                self.assertEqual(user.has_group(PREFIX + name), name in expected)

    def test_chain(self):
        self.assertGroups("employee", {"employee"})
        self.assertGroups("manager", {"employee", "manager"})
        self.assertGroups("officer", {"employee", "manager", "officer"})
        self.assertGroups("admin", {"employee", "manager", "officer", "admin"})
        self.assertGroups("payroll", {"employee", "payroll"})

    def test_hr_managers_get_no_private_access(self):
        """An Employees administrator is only a performance employee."""
        self.assertTrue(self.users["hr_manager"].has_group("hr.group_hr_manager"))
        self.assertGroups("hr_manager", {"employee"})

    def test_outsiders_are_not_employees(self):
        self.assertGroups("portal", set())
        self.assertGroups("public", set())

    def test_menu_visibility(self):
        root = self.env.ref("hr_performance.hr_performance_menu_root")
        menus = self.env["ir.ui.menu"]
        for role in ("employee", "manager", "officer", "admin", "payroll"):
            with self.subTest(role=role):
                visible = menus.with_user(self.users[role])._visible_menu_ids()
                self.assertIn(root.id, visible)
        for role in ("portal", "public"):
            with self.subTest(role=role):
                self.assertFalse(root.groups_id & self.users[role].groups_id)
