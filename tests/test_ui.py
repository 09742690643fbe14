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

    def test_manager_checkin_updates_employee_progress(self):
        manager = new_test_user(
            self.env,
            login="hrp_tour_manager",
            name="Tour Manager",
            groups="base.group_user,hr_performance.group_hr_performance_manager",
        )
        employee_user = new_test_user(
            self.env, login="hrp_tour_report", groups="base.group_user"
        )
        boss = self.env["hr.employee"].create(
            {"name": "Tour Manager", "user_id": manager.id}
        )
        employee = self.env["hr.employee"].create(
            {"name": "Tour Employee", "user_id": employee_user.id, "parent_id": boss.id}
        )
        goal = self.env["hr.performance.goal"].create(
            {
                "name": "Onboard faster",
                "employee_id": employee.id,
                "date_deadline": date(2030, 12, 31),
                "state": "active",
                "key_result_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Days to first contribution",
                            "start_value": 30,
                            "target_value": 10,
                        },
                    )
                ],
            }
        )
        self.start_tour(
            "/odoo", "hr_performance_checkin_manager_tour", login="hrp_tour_manager"
        )
        checkin = self.env["hr.performance.checkin"].search(
            [("employee_id", "=", employee.id)]
        )
        self.assertEqual(checkin.state, "done")
        self.assertEqual(checkin.manager_user_id, manager, "filled from the employee")
        self.assertEqual(checkin.update_ids.value_after, 20)
        self.assertEqual(goal.key_result_ids.current_value, 20)
        self.assertEqual(goal.progress, 50)
        self.start_tour(
            "/odoo", "hr_performance_checkin_employee_tour", login="hrp_tour_report"
        )
