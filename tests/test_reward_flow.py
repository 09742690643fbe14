# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import xmlrpc.client
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import get_db_name, tagged

from .common import HrPerformanceHttpCase, HrPerformanceReviewCase
from .test_calibration import CalibrationMixin


class RewardMixin(CalibrationMixin):
    def _setup_pay(self):
        self.job = self.env["hr.job"].create({"name": "Engineer"})
        self.department = self.env["hr.department"].create({"name": "Engineering"})
        self.employees["employee"].department_id = self.department
        self.contract = self._contract(self.employees["employee"], 3000)
        # a colleague on the same job: the average wage is 4000, compa-ratio 0.75
        self._contract(self.employees["peer"], 5000)
        self.matrix = self.env["hr.performance.merit.matrix"].create(
            {
                "name": "2026",
                "line_ids": [
                    Command.create(
                        {
                            "level_id": self.level[3].id,
                            "compa_band": band,
                            "raise_percent": pct,
                        }
                    )
                    for band, pct in (("below", 5.0), ("within", 3.0), ("above", 1.0))
                ],
            }
        )
        self.cycle.write(
            {"merit_matrix_id": self.matrix.id, "bonus_target_percent": 10}
        )

    def _contract(self, employee, wage):
        return self.env["hr.contract"].create(
            {
                "name": f"{employee.name} contract",
                "employee_id": employee.id,
                "job_id": self.job.id,
                "wage": wage,
                "date_start": date(2025, 1, 1),
                "state": "open",
            }
        )

    def _close_cycle(self):
        self._to_calibration(rating=3)
        self.as_user("manager", self.appraisal).action_release()
        self.as_user("employee", self.appraisal).action_sign()
        self.cycle.write({"state": "closed"})

    def _generate(self):
        self.cycle.with_user(self.users["officer"]).action_generate_rewards()
        rewards = self.cycle.reward_ids
        return (
            rewards.filtered(lambda r: r.kind == "raise"),
            rewards.filtered(lambda r: r.kind == "bonus"),
        )


@tagged("post_install", "-at_install")
class TestRewardFlow(RewardMixin, HrPerformanceReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        peer_user = cls.peers[0]
        cls.employees["peer"] = cls.env["hr.employee"].search(
            [("user_id", "=", peer_user.id)]
        )

    def setUp(self):
        super().setUp()
        self._setup_pay()

    def test_from_closed_cycle_to_applied_raise_and_paid_bonus(self):
        with self.assertRaisesRegex(
            UserError, r"step \(Propose Rewards\) is not possible"
        ):
            self.cycle.with_user(self.users["officer"]).action_generate_rewards()
        self._close_cycle()
        raise_, bonus = self._generate()
        self.assertAlmostEqual(raise_.compa_ratio, 0.75)
        self.assertEqual(
            (raise_.percent, raise_.new_wage, raise_.amount), (5.0, 3150, 150)
        )
        self.assertEqual(raise_.annual_cost, 1800)
        self.assertEqual(bonus.amount, 3600, "3000 × 12 × 10% × 1.0")
        self.assertEqual(raise_.effective_date, date(2027, 1, 1))
        # generating again adds nothing
        self._generate()
        self.assertEqual(len(self.cycle.reward_ids), 2)
        rewards = raise_ | bonus
        # the manager proposes, and cannot approve it: the next manager up does
        for vals in (
            {"state": "approved"},
            {"approved_by_id": self.users["officer"].id},
            {"employee_id": self.employees["manager"].id},
            {"budget_override_reason": "Because"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.as_user("manager", raise_).write(vals)
        self.as_user("manager", raise_).write({"percent": 6})
        self.assertEqual(raise_.new_wage, 3180)
        self.as_user("manager", raise_).write({"percent": 5})
        self.as_user("manager", rewards).action_propose()
        with self.assertRaises(AccessError):
            self.as_user("manager", rewards).action_approve()
        with self.assertRaises(AccessError):
            self.as_user("employee", rewards).read(["amount"])
        # a budget of 4000 for the department: the bonus alone fits, both do not
        budget = self.env["hr.performance.reward.budget"].create(
            {
                "cycle_id": self.cycle.id,
                "department_id": self.department.id,
                "amount": 4000,
            }
        )
        with self.assertRaisesRegex(UserError, "goes over the Engineering budget"):
            self.as_user("officer", rewards).action_approve()
        self.as_user("officer", bonus).action_approve()
        budget.invalidate_recordset()
        self.assertEqual(budget.used, 3600)
        with self.assertRaisesRegex(UserError, "goes over the Engineering budget"):
            self.as_user("admin", raise_).action_approve()
        raise_.budget_override_reason = "Retention: counter-offer"
        self.as_user("admin", raise_).action_approve()
        self.assertEqual(raise_.state, "approved")
        budget.invalidate_recordset()
        self.assertEqual(budget.available, 4000 - 3600 - 1800)
        # approved rewards are frozen
        with self.assertRaisesRegex(AccessError, "You may not change"):
            self.as_user("manager", raise_).write({"percent": 10})
        # HR applies the raise: a new contract from the effective date
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance.hr_performance_reward_apply_action"
        )
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.users["officer"])
            .create({"effective_date": date(2027, 1, 1)})
        )
        self.assertEqual(wizard.reward_ids, raise_)
        wizard.action_apply()
        self.assertEqual(raise_.state, "applied")
        new = raise_.new_contract_id
        self.assertEqual((new.wage, new.date_start), (3150, date(2027, 1, 1)))
        self.assertEqual(self.contract.date_end, date(2026, 12, 31))
        self.assertEqual(self.contract.wage, 3000, "the past is not rewritten")
        # payroll pays the bonus; twice is harmless; then it is frozen
        payroll = self.as_user("payroll", bonus)
        payroll.action_mark_paid("SLIP/2027/001")
        payroll.action_mark_paid("SLIP/2027/001")
        self.assertEqual((bonus.state, bonus.payslip_ref), ("paid", "SLIP/2027/001"))
        with self.assertRaisesRegex(UserError, "Only approved bonuses"):
            self.as_user("payroll", raise_).action_mark_paid("SLIP/2027/002")
        with self.assertRaises(AccessError):
            self.as_user("manager", raise_).action_mark_paid("SLIP/X")
        csv = (raise_ | bonus)._payroll_csv()
        self.assertIn("SLIP/2027/001", csv)
        self.assertIn("3150.00", csv)

    def test_payroll_reads_approved_rewards_and_nothing_private(self):
        self._close_cycle()
        raise_, bonus = self._generate()
        Reward = self.env["hr.performance.reward"]
        ours = [("cycle_id", "=", self.cycle.id)]  # demo data has rewards too
        self.assertFalse(
            self.as_user("payroll", Reward).search(ours), "drafts stay hidden"
        )
        bonus.write({"state": "approved"})
        payroll = self.as_user("payroll", Reward)
        self.assertEqual(payroll.search(ours), bonus)
        [row] = payroll.search_read(
            ours, ["employee_id", "amount", "currency_id", "state"]
        )
        self.assertEqual(row["amount"], 3600)
        for field in ("appraisal_id", "level_id", "compa_ratio", "contract_id"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.as_user("payroll", bonus).read([field])
        for model in (
            "hr.performance.appraisal",
            "hr.performance.assessment",
            "hr.performance.feedback",
            "hr.performance.appraisal.note",
            "hr.performance.calibration.line",
        ):
            # the praise wall is everyone's, payroll's too (demo data has some)
            domain = (
                [("visibility", "!=", "public")]
                if model == "hr.performance.feedback"
                else []
            )
            with self.subTest(model=model):
                records = self.as_user("payroll", self.env[model])
                try:
                    found = records.search(domain)
                except AccessError:
                    continue
                self.assertFalse(
                    found.filtered(lambda r: r.employee_id != self.employees["payroll"])
                )
        with self.assertRaises(AccessError):
            self.as_user("payroll", bonus).write({"amount": 1})


@tagged("post_install", "-at_install")
class TestPayrollClient(RewardMixin, HrPerformanceHttpCase, HrPerformanceReviewCase):
    """Payroll as an external client: XML-RPC against the running test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employees["peer"] = cls.env["hr.employee"].search(
            [("user_id", "=", cls.peers[0].id)]
        )

    def setUp(self):
        super().setUp()
        self._setup_pay()

    def test_payroll_reads_and_acknowledges_over_xmlrpc(self):
        self._close_cycle()
        raise_, bonus = self._generate()
        (raise_ | bonus).write({"state": "approved"})
        self.env.flush_all()
        uid = self.xmlrpc_common.authenticate(
            get_db_name(), "hrp_test_payroll", "hrp_test_payroll", {}
        )
        models = self.xmlrpc_object

        def call(model, method, *args, **kwargs):
            return models.execute_kw(
                get_db_name(),
                uid,
                "hrp_test_payroll",
                model,
                method,
                list(args),
                kwargs,
            )

        rows = call(
            "hr.performance.reward",
            "search_read",
            [
                ("kind", "=", "bonus"),
                ("state", "=", "approved"),
                ("cycle_id", "=", self.cycle.id),  # demo data has rewards too
            ],
            fields=["employee_id", "amount", "currency_id", "effective_date", "name"],
        )
        self.assertEqual([row["amount"] for row in rows], [3600.0])
        call("hr.performance.reward", "action_mark_paid", [rows[0]["id"]], "SLIP/42")
        call("hr.performance.reward", "action_mark_paid", [rows[0]["id"]], "SLIP/42")
        bonus.invalidate_recordset()
        self.assertEqual((bonus.state, bonus.payslip_ref), ("paid", "SLIP/42"))
        # the export as the external client calls it: a URL of the CSV, which the
        # payroll session downloads
        action = call("hr.performance.reward", "action_export_payroll", [bonus.id])
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.authenticate("hrp_test_payroll", "hrp_test_payroll")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertIn("SLIP/42", response.text)
        self.assertIn("3600.00", response.text)
        for model, fields_ in (
            ("hr.performance.reward", ["appraisal_id"]),
            ("hr.performance.appraisal", ["state"]),
        ):
            with self.subTest(model=model), self.assertRaises(xmlrpc.client.Fault):
                call(model, "read", [self.appraisal.id], fields_)
