# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Payroll's work in the UI (export, mark paid, its dashboard, its menus) and the
rewards on the truth (the running contract's wage, the review behind a reward, the
apply wizard's date and preview)."""

import base64
import csv
import io
from datetime import date, timedelta

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import HrPerformanceHttpCase, HrPerformanceReviewCase
from .test_reward_flow import RewardMixin

PRIVATE = ("bonus_target_percent", "bonus_multiplier", "reason", "budget_override")
PRIVATE += ("appraisal", "level", "compa_ratio", "contract")


class PayrollMixin(RewardMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employees["peer"] = cls.env["hr.employee"].search(
            [("user_id", "=", cls.peers[0].id)]
        )

    def _approved(self):
        """An approved raise (3000 → 3150 on 2027-01-01) and an approved bonus (3600)
        of the closed cycle, and a second approved bonus of the peer."""
        self._close_cycle()
        raise_, bonus = self._generate()
        other = self.env["hr.performance.reward"].create(
            {
                "cycle_id": self.cycle.id,
                "employee_id": self.employees["peer"].id,
                "kind": "bonus",
                "amount": 500,
                "effective_date": date(2027, 1, 1),
            }
        )
        (raise_ | bonus | other).write({"state": "approved"})
        return raise_, bonus, other


@tagged("post_install", "-at_install")
class TestRewardPayroll(PayrollMixin, HrPerformanceReviewCase):
    def setUp(self):
        super().setUp()
        self._setup_pay()

    def _export(self, rewards, file_format):
        Export = self.env["hr.performance.reward.export"].with_user(
            self.users["payroll"]
        )
        wizard = Export.with_context(
            active_model="hr.performance.reward", active_ids=rewards.ids
        ).create({"file_format": file_format})
        self.assertEqual(wizard.reward_ids, rewards)
        action = wizard.action_export()
        self.assertEqual(action["res_id"], wizard.id)
        self.assertEqual(wizard.filename, f"payroll_rewards.{file_format}")
        return base64.b64decode(wizard.data)

    def test_payroll_exports_csv_and_xlsx_without_writing(self):
        raise_, bonus, other = self._approved()
        rewards = raise_ | bonus | other
        self.env.flush_all()
        written = {reward: reward.write_date for reward in rewards}
        content = self._export(rewards, "csv").decode()
        rows = list(csv.DictReader(io.StringIO(content)))
        self.assertEqual(len(rows), 3)
        by_id = {int(row["reward_id"]): row for row in rows}
        self.assertEqual(by_id[raise_.id]["new_monthly_wage"], "3150.00")
        self.assertEqual(by_id[raise_.id]["amount"], "150.00")
        self.assertEqual(by_id[bonus.id]["amount"], "3600.00")
        self.assertEqual(by_id[bonus.id]["new_monthly_wage"], "")
        self.assertEqual(by_id[bonus.id]["effective_date"], "2027-01-01")
        self.assertEqual(by_id[bonus.id]["employee"], self.employees["employee"].name)
        header = ",".join(rows[0])
        for private in PRIVATE:
            self.assertNotIn(private, header)
        book = openpyxl.load_workbook(io.BytesIO(self._export(rewards, "xlsx")))
        sheet = book.active
        values = list(sheet.values)
        self.assertEqual(list(values[0]), list(rows[0]))
        self.assertEqual(len(values), 4)
        amounts = {row[1]: row[8] for row in values[1:]}
        self.assertEqual(amounts[bonus.id], 3600)
        self.env.flush_all()
        rewards.invalidate_recordset()
        self.assertEqual({r: r.write_date for r in rewards}, written, "read-only")

    def test_export_takes_only_what_payroll_reads(self):
        raise_, bonus, _other = self._approved()
        draft = self.env["hr.performance.reward"].create(
            {
                "employee_id": self.employees["employee"].id,
                "kind": "bonus",
                "amount": 1,
                "effective_date": date(2027, 1, 1),
            }
        )
        payroll = self.env["hr.performance.reward.export"].with_user(
            self.users["payroll"]
        )
        # a draft is none of payroll's business: not taken, and refused if forced
        wizard = payroll.with_context(
            active_model="hr.performance.reward", active_ids=(bonus | draft).ids
        ).create({})
        self.assertEqual(wizard.reward_ids, bonus)
        with self.assertRaises(AccessError):
            payroll.create({"reward_ids": [Command.set(draft.ids)]})
        # an employee exports nothing
        with self.assertRaises(AccessError):
            self.env["hr.performance.reward.export"].with_user(
                self.users["employee"]
            ).create({})
        with self.assertRaises(AccessError):
            self.as_user("employee", raise_).action_export_payroll()

    def test_external_client_export_method_still_answers(self):
        """``action_export_payroll`` as the external client called it: a URL of a
        CSV of the rewards, made as payroll without writing on them."""
        _raise, bonus, _other = self._approved()
        action = self.as_user("payroll", bonus).action_export_payroll()
        self.assertEqual(action["type"], "ir.actions.act_url")
        wizard = self.env["hr.performance.reward.export"].search(
            [("reward_ids", "in", bonus.ids)], order="id desc", limit=1
        )
        self.assertIn(f"id={wizard.id}", action["url"])
        self.assertIn("3600.00", base64.b64decode(wizard.data).decode())

    def test_mark_paid_many_bonuses_with_a_payslip(self):
        raise_, bonus, other = self._approved()
        Pay = self.env["hr.performance.reward.pay"].with_user(self.users["payroll"])
        wizard = Pay.with_context(
            active_model="hr.performance.reward",
            active_ids=(raise_ | bonus | other).ids,
        ).create({"payslip_ref": "SLIP/2027/01"})
        self.assertEqual(wizard.reward_ids, bonus | other, "raises are not paid")
        self.assertEqual((wizard.reward_count, wizard.total), (2, 4100))
        wizard.action_pay()
        self.assertEqual(set((bonus | other).mapped("state")), {"paid"})
        self.assertEqual(set((bonus | other).mapped("payslip_ref")), {"SLIP/2027/01"})
        # again: nothing changes (the RPC method is idempotent)
        Pay.create(
            {"reward_ids": [Command.set(bonus.ids)], "payslip_ref": "SLIP/2027/01"}
        ).action_pay()
        self.assertEqual(bonus.payslip_ref, "SLIP/2027/01")
        with self.assertRaisesRegex(UserError, "Only approved bonuses"):
            Pay.create(
                {"reward_ids": [Command.set(raise_.ids)], "payslip_ref": "X"}
            ).action_pay()
        with self.assertRaisesRegex(UserError, "Select the approved bonuses"):
            Pay.create({"payslip_ref": "X"}).action_pay()
        with self.assertRaises(AccessError):
            self.env["hr.performance.reward.pay"].with_user(
                self.users["manager"]
            ).create({"payslip_ref": "X"})

    def test_every_menu_payroll_sees_opens(self):
        """Each menu of the app payroll sees loads its views and its records."""
        payroll = self.users["payroll"]
        env = self.env(user=payroll)
        menus = env["ir.ui.menu"].load_menus(False)
        opened = []
        for menu in menus.values():
            if not (menu.get("xmlid") or "").startswith("hr_performance."):
                continue
            if not menu.get("action"):
                continue
            model, action_id = menu["action"].split(",")
            action = env[model].browse(int(action_id)).sudo().read()[0]
            opened.append(menu["xmlid"])
            if model != "ir.actions.act_window":
                continue
            eval_context = {"uid": payroll.id, "context_today": date.today}
            Model = env[action["res_model"]].with_context(
                **safe_eval(action["context"] or "{}", eval_context)
            )
            views = Model.get_views(
                [(False, kind) for kind in action["view_mode"].split(",")],
                {"toolbar": True},
            )
            names = list(views["models"][action["res_model"]]["fields"])
            with self.subTest(menu=menu["xmlid"]):
                Model.search_read(
                    safe_eval(action["domain"] or "[]", eval_context), names, limit=5
                )
        self.assertIn("hr_performance.hr_performance_reward_menu", opened)
        self.assertNotIn("hr_performance.hr_performance_reward_budget_menu", opened)

    def test_payroll_dashboard(self):
        raise_, bonus, other = self._approved()
        Dashboard = self.env["hr.performance.dashboard"]
        with freeze_time("2026-12-15"):
            data = Dashboard.with_user(self.users["payroll"]).get_dashboard_data()
        section = data["payroll"]
        bonuses = section["bonuses_to_pay"]
        found = self.env["hr.performance.reward"].search(bonuses["domain"])
        self.assertLessEqual(bonus | other, found)
        self.assertIn(bonus.id, [row["id"] for row in bonuses["records"]])
        soon = section["raises_soon"]
        self.assertIn(raise_.id, [row["id"] for row in soon["records"]])
        [row] = [row for row in soon["records"] if row["id"] == raise_.id]
        self.assertEqual(row["new_wage"], 3150)
        self.assertFalse(
            Dashboard.with_user(self.users["officer"]).get_dashboard_data()["payroll"]
        )


@tagged("post_install", "-at_install")
class TestRewardTruth(PayrollMixin, HrPerformanceReviewCase):
    def setUp(self):
        super().setUp()
        self._setup_pay()

    def test_current_wage_is_the_running_contracts_on_the_effective_date(self):
        employee = self.employees["employee"]
        # the 2025 contract (3000) ends in 2026; a new one at 3200 runs from 2027
        self.contract.date_end = date(2026, 12, 31)
        self.env["hr.contract"].create(
            {
                "name": "Second contract",
                "employee_id": employee.id,
                "job_id": self.job.id,
                "wage": 3200,
                "date_start": date(2027, 1, 1),
                "state": "open",
            }
        )
        reward = self.as_user("manager", self.env["hr.performance.reward"]).create(
            {
                "employee_id": employee.id,
                "kind": "raise",
                "percent": 10,
                "effective_date": date(2026, 6, 1),
            }
        )
        self.assertEqual((reward.current_wage, reward.new_wage), (3000, 3300))
        self.contract.state = "close"
        reward.effective_date = date(2027, 2, 1)
        self.assertEqual((reward.current_wage, reward.new_wage), (3200, 3520))
        self.assertAlmostEqual(reward.sudo().compa_ratio, 3200 / 4100, places=2)
        # nobody writes the wage by hand
        with self.assertRaises(AccessError):
            reward.write({"current_wage": 9999})

    def test_a_hand_made_raise_shows_its_review(self):
        self._close_cycle()
        reward = self.as_user("manager", self.env["hr.performance.reward"]).create(
            {
                "cycle_id": self.cycle.id,
                "employee_id": self.employees["employee"].id,
                "kind": "raise",
                "percent": 3,
                "effective_date": date(2027, 1, 1),
            }
        )
        officer = self.as_user("officer", reward)
        self.assertEqual(officer.appraisal_id, self.appraisal)
        self.assertEqual(officer.level_id, self.level[3])
        self.assertAlmostEqual(officer.compa_ratio, 0.75)
        self.assertEqual(officer.current_wage, 3000)

    def test_apply_defaults_to_the_next_effective_date_and_explains(self):
        raise_, _bonus, _other = self._approved()
        Apply = self.env["hr.performance.reward.apply"].with_user(self.users["officer"])
        with freeze_time("2026-12-06"):
            wizard = Apply.create({})
            self.assertEqual(wizard.effective_date, date(2027, 1, 1))
            self.assertIn(raise_, wizard.reward_ids)
            self.assertFalse(wizard.explanation)
            early = Apply.create({"effective_date": date(2026, 12, 6)})
        self.assertNotIn(raise_, early.reward_ids)
        if not early.reward_ids:
            self.assertIn("the first taking effect on", early.explanation)
            with self.assertRaisesRegex(UserError, "Nothing is due by"):
                early.action_apply()
        with freeze_time("2027-01-10"):
            late = Apply.create({})
        self.assertEqual(late.effective_date, date(2027, 1, 10), "due: today")
        self.assertIn(raise_, late.reward_ids)
        # applied later than planned: the approved wages stay, the contract moves
        late.action_apply()
        self.assertEqual(raise_.effective_date, date(2027, 1, 10))
        self.assertEqual((raise_.current_wage, raise_.new_wage), (3000, 3150))
        self.assertEqual(raise_.sudo().new_contract_id.wage, 3150)


@tagged("post_install", "-at_install")
class TestPayrollTour(PayrollMixin, HrPerformanceHttpCase, HrPerformanceReviewCase):
    def setUp(self):
        super().setUp()
        self._setup_pay()

    def test_payroll_exports_and_marks_paid(self):
        raise_, bonus, other = self._approved()
        # what takes effect soon is on payroll's dashboard, whenever the test runs
        raise_.effective_date = date.today() + timedelta(days=10)
        self.start_tour(
            "/odoo", "hr_performance_payroll_tour", login="hrp_test_payroll"
        )
        wizard = self.env["hr.performance.reward.export"].search(
            [("create_uid", "=", self.users["payroll"].id)], order="id desc", limit=1
        )
        self.assertEqual(wizard.file_format, "csv")
        self.assertIn("3600.00", base64.b64decode(wizard.data).decode())
        self.assertEqual((bonus | other).mapped("state"), ["paid", "paid"])
        self.assertEqual(set((bonus | other).mapped("payslip_ref")), {"SLIP/TOUR/1"})
        self.assertEqual(raise_.state, "approved")
