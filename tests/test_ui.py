# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo import Command
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

    def _manager_and_report(self):
        """Tour Manager (Manager group) and their report Tour Employee, with users."""
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
        return manager, employee

    def _launched(self, template, employee):
        """A running cycle of ``template`` and the appraisal of ``employee`` in it."""
        year = date.today().year  # what happens today falls in the period
        cycle = self.env["hr.performance.cycle"].create(
            {
                "name": "Tour cycle",
                "date_start": date(year, 1, 1),
                "date_end": date(year, 12, 31),
                "template_id": template.id,
                "employee_ids": [Command.set(employee.ids)],
            }
        )
        cycle.action_launch()
        return cycle, cycle.appraisal_ids

    def test_manager_checkin_updates_employee_progress(self):
        manager, employee = self._manager_and_report()
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

    def test_self_assessment_manager_review_and_signoff(self):
        """The review as people live it: the employee answers the questionnaire,
        the manager writes theirs with the evidence beside it and cannot release
        before calibration, HR calibrates on the 9-box and releases, the employee
        signs."""
        officer = new_test_user(
            self.env,
            login="hrp_tour_officer",
            groups="base.group_user,hr_performance.group_hr_performance_officer",
        )
        manager, employee = self._manager_and_report()
        template = self.env["hr.performance.template"].create(
            {
                "name": "Tour template",
                "section_ids": [
                    Command.create(
                        {
                            "name": "Impact",
                            "question_ids": [
                                Command.create(
                                    {
                                        "name": "How much did you move the goals?",
                                        "manager_name": "How much did the employee "
                                        "move the goals?",
                                        "help": "Think of the goals of the period.",
                                    }
                                ),
                                Command.create(
                                    {
                                        "name": "Anything else?",
                                        "answer_type": "text",
                                        "required": False,
                                    }
                                ),
                            ],
                        }
                    )
                ],
            }
        )
        cycle, appraisal = self._launched(template, employee)
        self.assertTrue(cycle.calibration_required, "on by default")
        self.env["hr.performance.feedback"].with_user(officer).create(
            {
                "employee_id": employee.id,
                "kind": "praise",
                "body": "<p>Great demo of the onboarding.</p>",
                "visibility": "manager",
            }
        ).action_send()
        self.start_tour(
            "/odoo", "hr_performance_self_assessment_tour", login="hrp_tour_report"
        )
        self.assertEqual(appraisal.state, "manager_review")
        self.assertEqual(
            appraisal.self_assessment_id.line_ids.filtered("comment").comment,
            "The onboarding, shipped early.",
            "saved as it was typed",
        )
        self.start_tour(
            "/odoo", "hr_performance_manager_review_tour", login="hrp_tour_manager"
        )
        self.assertEqual(appraisal.state, "calibration")
        self.assertEqual(appraisal.final_level_id.value, 5)
        self.env["hr.performance.calibration"].create(
            {
                "name": "Tour calibration",
                "cycle_id": cycle.id,
                "participant_ids": [Command.set((officer | manager).ids)],
            }
        ).action_start()
        self.start_tour(
            "/odoo", "hr_performance_calibrate_release_tour", login="hrp_tour_officer"
        )
        self.assertEqual(appraisal.state, "to_sign")
        self.assertTrue(appraisal.rating_frozen)
        self.assertEqual(appraisal.released_by_id, officer)
        self.assertEqual(appraisal.release_comment, "Well done this year.")
        self.start_tour("/odoo", "hr_performance_signoff_tour", login="hrp_tour_report")
        self.assertEqual(appraisal.state, "done")
        self.assertEqual(appraisal.signoff_comment, "Thanks for the review.")

    def test_calibrate_in_nine_box_and_approve_reward(self):
        officer = new_test_user(
            self.env,
            login="hrp_tour_officer",
            groups="base.group_user,hr_performance.group_hr_performance_officer",
        )
        manager, employee = self._manager_and_report()
        template = self.env["hr.performance.template"].create({"name": "Tour"})
        cycle, appraisal = self._launched(template, employee)
        meets = self.env.ref("hr_performance.rating_scale_five").level_ids.filtered(
            lambda level: level.value == 3
        )
        appraisal.assessment_ids.write({"state": "submitted"})
        appraisal.assessment_ids.filtered("is_lead").final_level_id = meets
        appraisal.state = "calibration"
        session = self.env["hr.performance.calibration"].create(
            {
                "name": "Tour calibration",
                "cycle_id": cycle.id,
                "participant_ids": [Command.set(officer.ids)],
            }
        )
        session.action_start()
        reward = self.env["hr.performance.reward"].create(
            {
                "employee_id": employee.id,
                "kind": "raise",
                "current_wage": 3000,
                "percent": 4,
                "effective_date": date(2027, 1, 1),
                "state": "proposed",
                "proposed_by_id": manager.id,
            }
        )
        self.start_tour(
            "/odoo", "hr_performance_calibrate_reward_tour", login="hrp_tour_officer"
        )
        line = session.line_ids
        self.assertEqual((line.box, line.level_id.value), (9, 4))
        self.assertEqual(session.change_ids[:1].reason, "Led the launch")
        self.assertEqual(reward.state, "approved")
        self.assertEqual(reward.approved_by_id, officer)

    def test_dashboards_for_each_role(self):
        """Each role opens the app on its dashboard; the officer nudges the late."""
        new_test_user(
            self.env,
            login="hrp_tour_officer",
            groups="base.group_user,hr_performance.group_hr_performance_officer",
        )
        _manager, employee = self._manager_and_report()
        today, now = date.today(), datetime.now()
        self.env["hr.performance.goal"].create(
            {
                "name": "Tour Goal",
                "employee_id": employee.id,
                "date_start": today - timedelta(days=60),
                "date_deadline": today + timedelta(days=30),
                "progress_mode": "manual",
                "state": "active",
            }
        )
        self.env["hr.performance.checkin"].create(
            [
                {"employee_id": employee.id, "date": now - timedelta(days=3)},
                {"employee_id": employee.id, "date": now + timedelta(days=7)},
            ]
        )
        template = self.env["hr.performance.template"].create({"name": "Tour"})
        cycle, appraisal = self._launched(template, employee)
        cycle.deadline_self = today - timedelta(days=1)
        self.start_tour(
            "/odoo", "hr_performance_dashboard_employee_tour", login="hrp_tour_report"
        )
        self.start_tour(
            "/odoo", "hr_performance_dashboard_manager_tour", login="hrp_tour_manager"
        )
        self.start_tour(
            "/odoo", "hr_performance_dashboard_officer_tour", login="hrp_tour_officer"
        )
        self.assertEqual(appraisal.date_reminded, today)
        self.assertIn(
            employee.user_id,
            appraisal.activity_ids.filtered(
                lambda act: act.summary == "Your part of this appraisal is overdue"
            ).user_id,
        )

    def test_praise_is_sent_with_send(self):
        user = new_test_user(
            self.env, login="hrp_tour_praiser", groups="base.group_user"
        )
        colleague = new_test_user(
            self.env, login="hrp_tour_colleague", groups="base.group_user"
        )
        self.env["hr.employee"].create(
            [
                {"name": "Tour Praiser", "user_id": user.id},
                {"name": "Tour Colleague", "user_id": colleague.id},
            ]
        )
        self.start_tour(
            "/odoo/action-hr_performance.hr_performance_feedback_action_wall",
            "hr_performance_praise_send_tour",
            login="hrp_tour_praiser",
        )
        praise = self.env["hr.performance.feedback"].search(
            [("author_id", "=", user.id)]
        )
        self.assertEqual(praise.state, "sent")
        self.assertEqual(praise.employee_id.user_id, colleague)
        self.assertEqual(praise.kind, "praise")

    def test_manager_approves_a_goal_from_its_activity(self):
        manager, employee = self._manager_and_report()
        goal = self.env["hr.performance.goal"].create(
            {
                "name": "Tour Proposed Goal",
                "employee_id": employee.id,
                "date_start": date.today(),
                "date_deadline": date.today() + timedelta(days=90),
                "smart_override": True,
            }
        )
        goal.with_user(employee.user_id).action_propose()
        self.start_tour(
            "/odoo", "hr_performance_goal_approve_tour", login=manager.login
        )
        self.assertEqual(goal.state, "active")
        self.assertFalse(goal.activity_ids)
