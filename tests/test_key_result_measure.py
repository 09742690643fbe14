# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestKeyResultMeasure(HrPerformanceCase):
    """Key results measured from the ERP, always as the employee of the goal, on the
    allow-listed documents (here: partners)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.goal = cls.env["hr.performance.goal"].create(
            {
                "name": "Grow the network",
                "employee_id": cls.employees["employee"].id,
                "date_deadline": date(2026, 12, 31),
                "state": "active",
            }
        )
        cls.source = cls.env["hr.performance.measure.source"].create(
            {"name": "HRP partners", "model_name": "res.partner", "sum_fields": "color"}
        )
        cls.result = cls.env["hr.performance.key.result"].create(
            {
                "goal_id": cls.goal.id,
                "name": "Partners tagged HRP",
                "target_value": 4,
                "measure": "erp",
                "measure_source_id": cls.source.id,
                "measure_domain": "[('comment', '=', 'hrp-measure')]",
            }
        )

    def test_only_editors_ask_for_a_measure(self):
        peer = new_test_user(self.env, login="hrp_measure_peer")
        with self.assertRaises(AccessError):
            self.goal.with_user(peer).action_measure()
        self.assertFalse(self.result.measured_at)
        self.goal.with_user(self.users["employee"]).action_measure()
        self.assertTrue(self.result.measured_at)

    def test_measure_button_only_with_measured_results(self):
        self.assertTrue(self.goal.has_measured_results)
        self.result.measure = "manual"
        self.assertFalse(self.goal.has_measured_results)

    def test_count_measured_as_owner(self):
        self.env["res.partner"].create(
            [{"name": f"P{i}", "comment": "hrp-measure"} for i in range(3)]
        )
        self.result.action_measure()
        self.assertEqual(self.result.current_value, 3)
        self.assertEqual(self.result.progress, 75)
        self.assertFalse(self.result.measure_error)
        self.assertEqual(self.goal.progress, 75)

    def test_records_the_owner_cannot_read_do_not_count(self):
        """Evaluated as the owner, never as superuser: hidden records are not seen."""
        self.env["res.partner"].create({"name": "Visible", "comment": "hrp-measure"})
        other = self.env["res.company"].create({"name": "Hidden Co"})
        self.env["res.partner"].create(
            {"name": "Hidden", "comment": "hrp-measure", "company_id": other.id}
        )
        self.result.action_measure()
        self.assertEqual(self.result.current_value, 1)

    def test_forbidden_model_is_an_error_not_a_leak(self):
        # a source listed before its model was forbidden (written past the check)
        self.env.cr.execute(
            "UPDATE hr_performance_measure_source SET model_name = 'res.users.apikeys'"
            " WHERE id = %s",
            [self.source.id],
        )
        self.source.invalidate_recordset()
        self.result.current_value = 2
        self.result.action_measure()
        self.assertTrue(self.result.measure_error)
        self.assertEqual(
            self.result.current_value, 2, "a failed measure changes nothing"
        )

    def test_sum_of_a_field(self):
        self.result.write({"measure_function": "sum", "measure_field": "color"})
        self.env["res.partner"].create(
            [{"name": f"P{i}", "comment": "hrp-measure", "color": i} for i in range(4)]
        )
        self.result.action_measure()
        self.assertEqual(self.result.current_value, 0 + 1 + 2 + 3)

    def test_cron_measures_once_a_day_in_batches(self):
        goal2 = self.goal.copy({"name": "Second"})
        goal2.state = "active"
        second = goal2.key_result_ids
        self.assertEqual(second.measure, "manual", "a copy is not measured")
        second.write(
            {
                "measure": "erp",
                "measure_source_id": self.source.id,
                "measure_domain": self.result.measure_domain,
            }
        )
        self.env["res.partner"].create({"name": "P", "comment": "hrp-measure"})
        KeyResult = self.env["hr.performance.key.result"]
        KeyResult._cron_measure(batch_size=1)
        measured = (self.result | second).filtered("measured_at")
        self.assertEqual(len(measured), 1)
        KeyResult._cron_measure(batch_size=1)
        self.assertTrue(all((self.result | second).mapped("measured_at")))
        stamps = (self.result | second).mapped("measured_at")
        KeyResult._cron_measure(batch_size=1)
        self.assertEqual((self.result | second).mapped("measured_at"), stamps)

    def test_no_user_no_measure(self):
        self.employees["employee"].user_id = False
        self.result.action_measure()
        self.assertIn("has no user", self.result.measure_error)
