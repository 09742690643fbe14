# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HrPerformanceCase

MANAGER = "hr_performance.group_hr_performance_manager"


@tagged("post_install", "-at_install", "access_rights")
class TestOrgChartRights(HrPerformanceCase):
    """Rights follow the reporting line: a user with reports is a performance
    manager, and stops being one with the last report, unless granted by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_user = new_test_user(
            cls.env, login="hrp_chart_lead", groups="base.group_user", name="HRP Lead"
        )
        cls.report_user = new_test_user(
            cls.env,
            login="hrp_chart_report",
            groups="base.group_user",
            name="HRP Report",
        )
        cls.lead, cls.report = cls.env["hr.employee"].create(
            [
                {"name": "HRP Lead", "user_id": cls.lead_user.id},
                {"name": "HRP Report", "user_id": cls.report_user.id},
            ]
        )
        cls.hr_officer = new_test_user(
            cls.env,
            login="hrp_chart_hr",
            groups="base.group_user,hr.group_hr_user",
            name="HRP HR Officer",
        )

    def is_manager(self, user):
        self.env.invalidate_all()
        return user.has_group(MANAGER)

    def test_a_report_makes_a_manager_and_the_last_one_leaving_undoes_it(self):
        self.assertFalse(self.is_manager(self.lead_user))
        # an Employees officer edits the org chart: no performance step needed
        self.report.with_user(self.hr_officer).parent_id = self.lead
        self.assertTrue(self.is_manager(self.lead_user))
        self.assertTrue(self.lead_user.hr_performance_manager_auto)
        second = self.env["hr.employee"].create(
            {"name": "HRP Second", "parent_id": self.lead.id}
        )
        self.report.with_user(self.hr_officer).parent_id = False
        self.assertTrue(self.is_manager(self.lead_user), "a report is left")
        second.with_user(self.hr_officer).action_archive()
        self.assertFalse(self.is_manager(self.lead_user))
        self.assertFalse(self.lead_user.hr_performance_manager_auto)
        self.assertTrue(self.lead_user.has_group("base.group_user"))

    def test_created_with_a_manager_and_deleted(self):
        reports = self.env["hr.employee"].create(
            [{"name": f"HRP New {i}", "parent_id": self.lead.id} for i in range(3)]
        )
        self.assertTrue(self.is_manager(self.lead_user))
        reports.unlink()
        self.assertFalse(self.is_manager(self.lead_user))

    def test_the_manager_changes_user(self):
        self.report.parent_id = self.lead
        other = new_test_user(self.env, login="hrp_chart_other", name="HRP Other")
        self.lead.user_id = other
        self.assertTrue(self.is_manager(other))
        self.assertFalse(self.is_manager(self.lead_user))

    def test_granted_by_hand_is_kept(self):
        self.lead_user.write({"groups_id": [Command.link(self.env.ref(MANAGER).id)]})
        self.report.parent_id = self.lead
        self.assertFalse(self.lead_user.hr_performance_manager_auto)
        self.report.parent_id = False
        self.assertTrue(self.is_manager(self.lead_user), "granted by hand")

    def test_granted_by_hand_after_the_org_chart_is_kept(self):
        self.report.parent_id = self.lead
        self.assertTrue(self.lead_user.hr_performance_manager_auto)
        self.lead_user.write({"groups_id": [Command.link(self.env.ref(MANAGER).id)]})
        self.assertFalse(self.lead_user.hr_performance_manager_auto)
        self.report.parent_id = False
        self.assertTrue(self.is_manager(self.lead_user))

    def test_unticked_the_org_chart_flag_keeps_the_group(self):
        self.report.parent_id = self.lead
        self.lead_user.hr_performance_manager_auto = False
        self.report.parent_id = False
        self.assertTrue(self.is_manager(self.lead_user))

    def test_officers_keep_their_groups(self):
        self.report.parent_id = self.employees["officer"]
        self.report.parent_id = False
        self.assertTrue(self.is_manager(self.users["officer"]))

    def test_removed_by_hand_follows_the_chart_again(self):
        self.report.parent_id = self.lead
        self.lead_user.write({"groups_id": [Command.unlink(self.env.ref(MANAGER).id)]})
        self.assertFalse(self.lead_user.hr_performance_manager_auto)


@tagged("post_install", "-at_install", "access_rights")
class TestCadenceByManager(HrPerformanceCase):
    """A manager sets their own reports' cadence, without the Employees app."""

    def test_the_manager_sets_the_cadence(self):
        manager = self.users["manager"]
        self.assertFalse(manager.has_group("hr.group_hr_user"))
        employee = self.employees["employee"].with_user(manager)
        employee.action_set_checkin_cadence("weekly")
        self.assertEqual(
            self.employees["employee"].performance_checkin_cadence, "weekly"
        )
        wizard = (
            self.env["hr.performance.checkin.cadence"]
            .with_user(manager)
            .with_context(
                active_model="hr.employee", active_ids=self.employees["employee"].ids
            )
            .create({"cadence": "monthly"})
        )
        wizard.action_apply()
        self.assertEqual(
            self.employees["employee"].performance_checkin_cadence, "monthly"
        )

    def test_others_are_refused(self):
        employee = self.employees["employee"]
        for role in ("employee", "payroll", "hr_manager"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                employee.with_user(self.users[role]).action_set_checkin_cadence(
                    "weekly"
                )
        # a manager, but not of this one (and never of themselves)
        with self.assertRaises(AccessError):
            self.employees["officer"].with_user(
                self.users["manager"]
            ).action_set_checkin_cadence("weekly")
        with self.assertRaises(AccessError):
            self.employees["manager"].with_user(
                self.users["manager"]
            ).action_set_checkin_cadence("weekly")
        self.assertNotEqual(employee.performance_checkin_cadence, "weekly")

    def test_an_officer_sets_it(self):
        self.employees["employee"].with_user(
            self.users["officer"]
        ).action_set_checkin_cadence("biweekly")
        self.assertEqual(
            self.employees["employee"].performance_checkin_cadence, "biweekly"
        )


@tagged("post_install", "-at_install", "access_rights")
class TestOrgChartRightsOnUpdate(HrPerformanceCase):
    def test_the_update_follows_the_org_chart(self):
        """Reports given while the addon's code was not loaded (raw SQL here)."""
        lead = new_test_user(self.env, login="hrp_chart_sql", name="HRP SQL Lead")
        lead_employee, report = self.env["hr.employee"].create(
            [{"name": "HRP SQL Lead", "user_id": lead.id}, {"name": "HRP SQL Report"}]
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hr_employee SET parent_id = %s WHERE id = %s",
            (lead_employee.id, report.id),
        )
        self.env.invalidate_all()
        self.env["hr.employee"]._hrp_sync_all_managers()
        self.assertTrue(lead.has_group(MANAGER))
        self.assertTrue(self.users["manager"].has_group(MANAGER), "by hand: kept")
