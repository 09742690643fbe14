# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import new_test_user, tagged

from .common import HrPerformanceHttpCase


@tagged("post_install", "-at_install")
class TestUi(HrPerformanceHttpCase):
    def test_employee_opens_performance_app(self):
        user = new_test_user(
            self.env, login="hrp_tour_employee", groups="base.group_user"
        )
        employee = self.env["hr.employee"].create(
            {"name": "Tour Employee", "user_id": user.id}
        )
        self.env["hr.performance.goal"].create(
            {
                "name": "Tour Goal",
                "employee_id": employee.id,
                "date_deadline": date(2030, 12, 31),
            }
        )
        self.env["hr.performance.value"].create(
            {"name": "Tour Value", "description": "Seen by every employee."}
        )
        self.start_tour(
            "/odoo", "hr_performance_employee_menu_tour", login="hrp_tour_employee"
        )
