# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged
from odoo.tests.common import users, warmup

from .common import HrPerformanceCase

WALL_SPEC = {
    "author_id": {"fields": {"display_name": {}}},
    "employee_id": {"fields": {"display_name": {}}},
    "body": {},
    "value_ids": {"fields": {"display_name": {}, "color": {}}},
    "create_date": {},
}


@tagged("post_install", "-at_install", "hr_performance_perf")
class TestFeedbackPerformance(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.values = cls.env["hr.performance.value"].create(
            [{"name": f"Value {i}"} for i in range(3)]
        )
        colleagues = [
            new_test_user(cls.env, login=f"hrp_colleague_{i}") for i in range(80)
        ]
        cls.colleagues = cls.env["hr.employee"].create(
            [{"name": user.login, "user_id": user.id} for user in colleagues]
        )
        cls.env["hr.performance.feedback"].create(
            [
                {
                    "kind": "praise",
                    "employee_id": employee.id,
                    "body": f"<p>Thanks {employee.name}</p>",
                    "value_ids": [(6, 0, cls.values.ids)],
                }
                for employee in cls.colleagues
            ]
        )

    @users("hrp_test_employee")
    @warmup
    def test_praise_wall_80(self):
        """The praise wall as an employee: the same queries for 10 cards as for 80."""
        Feedback = self.env["hr.performance.feedback"]
        domain = [("kind", "=", "praise"), ("visibility", "=", "public")]
        Feedback.web_search_read(domain, WALL_SPEC, limit=10)  # warm the rule caches
        counts = [
            self._count_queries(
                lambda size=size: Feedback.web_search_read(
                    domain, WALL_SPEC, limit=size
                )
            )
            for size in (10, 80)
        ]
        self.assertEqual(counts[0], counts[1], "the wall's queries grow with its cards")
        self.env.invalidate_all()
        with self.assertQueryCount(hrp_test_employee=counts[1]):
            result = Feedback.web_search_read(domain, WALL_SPEC, limit=80)
        self.assertEqual(len(result["records"]), 80)
        self.assertLessEqual(counts[1], 10)
