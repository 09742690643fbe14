# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import HrPerformanceReviewCase


@tagged("post_install", "-at_install")
class TestAppraisalFlow(HrPerformanceReviewCase):
    """Self-assessment, manager assessment, release, sign-off, as each role."""

    def test_launch_prepares_both_assessments(self):
        assessments = self.appraisal.sudo().assessment_ids
        self.assertEqual(
            sorted(assessments.mapped("kind")), ["manager", "self"], assessments
        )
        lead = assessments.filtered("is_lead")
        self.assertEqual(lead.author_id, self.users["manager"])
        self.assertEqual(self.appraisal.appraiser_ids, self.users["manager"])
        lines = lead.line_ids
        self.assertEqual(
            lines.filtered(lambda ln: ln.line_type == "goal").goal_id, self.goal
        )
        self.assertEqual(
            lines.filtered(lambda ln: ln.line_type == "question").mapped("answer_type"),
            ["rating", "text", "yesno"],
        )

    def test_whole_flow(self):
        # the employee writes and submits the self-assessment
        mine = self.as_user("employee", self.appraisal).my_assessment_id
        self.assertEqual(mine.kind, "self")
        with self.assertRaisesRegex(UserError, "Answer these before submitting"):
            mine.action_submit()
        self.answer(mine, rating=4)
        mine.action_submit()
        self.assertEqual(self.appraisal.state, "manager_review")
        self.assertAlmostEqual(mine.score, 4.0)
        with self.assertRaisesRegex(AccessError, "You may not change"):
            mine.line_ids[0].write({"comment": "second thoughts"})
        # the manager now reads it, and writes their own
        managed = self.as_user("manager", self.appraisal)
        self.assertEqual(managed.self_assessment_id, mine)
        lead = managed.my_assessment_id
        self.answer(lead, rating=2)
        lead.action_submit()
        self.assertEqual(self.appraisal.state, "calibration")
        self.assertEqual(lead.final_level_id, self.level[2], "suggested from the score")
        # before the release the employee sees neither the assessment nor the rating
        before = self.as_user("employee", self.appraisal)
        self.assertFalse(before.manager_assessment_ids)
        self.assertFalse(before.final_level_id)
        self.assertFalse(before.score)
        with self.assertRaises(AccessError):
            self.as_user("employee", lead).read(["score", "final_level_id"])
        with self.assertRaises(AccessError):
            self.as_user("employee", self.appraisal).action_release()
        self.as_user("manager", self.appraisal).action_release()
        after = self.as_user("employee", self.appraisal)
        self.assertEqual(after.state, "to_sign")
        self.assertEqual(after.final_level_id, self.level[2])
        self.assertEqual(after.manager_assessment_ids, lead)
        self.assertEqual(after.activity_ids.user_id, self.users["employee"])
        with self.assertRaisesRegex(AccessError, "Only the appraised employee signs"):
            self.as_user("manager", self.appraisal).action_sign()
        action = after.action_open_sign()
        with Form(
            self.env[action["res_model"]]
            .with_user(self.users["employee"])
            .with_context(**action["context"])
        ) as wizard:
            wizard.comment = "I disagree on the second goal."
        wizard.record.action_sign()
        self.assertEqual(self.appraisal.state, "done")
        self.assertEqual(
            self.appraisal.signoff_comment, "I disagree on the second goal."
        )
        self.assertTrue(self.appraisal.date_signed)
        self.assertFalse(self.appraisal.activity_ids)

    def test_assessments_belong_to_their_author(self):
        lead = self.assessment_of("manager", "manager")
        with self.assertRaisesRegex(AccessError, "Only its author"):
            self.as_user("officer", lead).action_submit()
        # the employee is in no rule that lets them write the manager's answers
        with self.assertRaises(AccessError):
            self.as_user("employee", lead.line_ids).write({"comment": "nice"})
        # an unsubmitted self-assessment stays with its author
        draft = self.assessment_of("employee", "self")
        with self.assertRaises(AccessError):
            self.as_user("manager", draft).read(["score"])
        self.assertFalse(
            self.env["hr.performance.assessment.line"]
            .with_user(self.users["manager"])
            .search([("assessment_id", "=", draft.id)])
        )

    def test_workflow_fields_are_not_writable(self):
        mine = self.as_user("employee", self.assessment_of("employee", "self"))
        for vals in (
            {"is_lead": True},
            {"state": "submitted"},
            {"final_level_id": self.level[5].id},
            {"author_id": self.users["manager"].id},
            {"appraisal_id": self.appraisal.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                mine.write(vals)
        other = self.assessment_of("manager", "manager")
        with self.assertRaises(AccessError):
            mine.line_ids[0].write({"assessment_id": other.id})
        self.assertFalse(self.appraisal.assessment_ids.filtered("is_lead") - other)
        # the lead may set the rating they propose, on their own assessment only
        self.as_user("manager", other).write({"final_level_id": self.level[3].id})
        self.assertEqual(other.final_level_id, self.level[3])

    def test_officers_neither_push_nor_read_their_own(self):
        own = self.env["hr.performance.appraisal"].create(
            {
                "cycle_id": self.cycle.id,
                "employee_id": self.employees["officer"].id,
                "manager_id": self.employees["manager"].id,
                "state": "calibration",
            }
        )
        lead = own.assessment_ids.filtered("is_lead")
        lead.final_level_id = self.level[2]
        officer = self.as_user("officer", own)
        self.assertFalse(officer.final_level_id)
        self.assertFalse(
            self.as_user("officer", self.env["hr.performance.assessment"]).search(
                [("employee_id", "=", self.employees["officer"].id)]
            )
            - officer.self_assessment_id
        )
        for vals in (
            {"state": "to_sign", "released": True},
            {"review_state": "closed"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                officer.write(vals)
        for action in ("action_release", "action_cancel", "action_close_review"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(self.as_user("officer", own), action)()
        # on others' appraisals too, states move through the buttons only
        with self.assertRaises(AccessError):
            self.as_user("officer", self.appraisal).write({"review_state": "closed"})

    def test_employees_cannot_push_their_own_appraisal(self):
        # a manager-group employee reads their own appraisal but cannot edit it
        own = self.env["hr.performance.appraisal"].create(
            {
                "cycle_id": self.cycle.id,
                "employee_id": self.employees["manager"].id,
                "manager_id": self.employees["officer"].id,
                "state": "calibration",
            }
        )
        as_manager = self.as_user("manager", own)
        self.assertEqual(as_manager.state, "calibration")
        with self.assertRaises(AccessError):
            as_manager.write({"state": "done"})
        with self.assertRaises(AccessError):
            as_manager.write({"appraiser_ids": [Command.set([])]})
        with self.assertRaises(AccessError):
            as_manager.action_release()
        with self.assertRaises(AccessError):
            self.as_user("manager", self.appraisal).write({"released": True})

    def test_private_note_never_reaches_the_employee(self):
        managed = self.as_user("manager", self.appraisal)
        managed.write({"note_ids": [Command.create({"body": "<p>Flight risk</p>"})]})
        note = self.appraisal.sudo().note_ids
        self.assertEqual(self.as_user("officer", self.appraisal).note_ids, note)
        Note = self.env["hr.performance.appraisal.note"]
        for role in ("employee", "payroll", "hr_manager"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.as_user(role, note).read(["body"])
        # an employee who manages others still never reads notes about themself
        own = self.env["hr.performance.appraisal"].create(
            {"cycle_id": self.cycle.id, "employee_id": self.employees["manager"].id}
        )
        Note.create({"appraisal_id": own.id, "body": "<p>About the manager</p>"})
        self.assertEqual(Note.with_user(self.users["manager"]).search([]), note)

    def test_appraisers_and_development(self):
        officer_view = self.as_user("officer", self.appraisal)
        officer_view.appraiser_ids = [Command.link(self.peers[0].id)]
        extra = self.appraisal.sudo().assessment_ids.filtered(
            lambda a: a.author_id == self.peers[0]
        )
        self.assertEqual((extra.kind, extra.is_lead), ("manager", False))
        # the co-appraiser reads the appraisal, and only their own assessment
        theirs = self.as_user(self.peers[0], self.appraisal)
        self.assertEqual(theirs.my_assessment_id, extra)
        self.assertEqual(theirs.manager_assessment_ids, extra)
        # development actions: planned by the manager, ticked off by the employee
        self.as_user("manager", self.appraisal).write(
            {"development_action_ids": [Command.create({"name": "Public speaking"})]}
        )
        action = self.as_user("employee", self.appraisal).development_action_ids
        action.done = True
        self.assertTrue(action.done)
        with self.assertRaises(AccessError):
            self.env["hr.performance.development.action"].with_user(
                self.users["employee"]
            ).create({"appraisal_id": self.appraisal.id, "name": "Self-granted bonus"})

    def test_improvement_plan_below_threshold(self):
        self.answer(self.assessment_of("employee", "self"))
        self.assessment_of("employee", "self").action_submit()
        lead = self.assessment_of("manager", "manager")
        self.answer(lead, rating=1)
        lead.action_submit()
        managed = self.as_user("manager", self.appraisal)
        self.assertTrue(managed.below_pip_threshold)
        action = managed.action_create_pip()
        pip = self.env["hr.performance.pip"].browse(action["res_id"])
        self.assertEqual(pip.employee_id, self.employees["employee"])
        # the employee learns of the plan once it starts
        self.assertFalse(
            self.as_user("employee", self.env["hr.performance.pip"]).search([])
        )
        self.as_user("manager", pip).write({"objectives": "<p>Two releases</p>"})
        self.as_user("manager", pip).action_start()
        self.assertEqual(
            self.as_user("employee", self.env["hr.performance.pip"]).search([]), pip
        )
        with self.assertRaises(AccessError):
            self.as_user("employee", pip).write({"outcome": "met"})
        with self.assertRaisesRegex(UserError, "Record the outcome"):
            self.as_user("manager", pip).action_close()
        self.as_user("manager", pip).write({"outcome": "met"})
        self.as_user("manager", pip).action_close()
        self.assertEqual(pip.state, "closed")
        # the manager cannot write a plan about themself
        own = self.env["hr.performance.pip"].create(
            {
                "employee_id": self.employees["manager"].id,
                "date_review": date(2027, 6, 1),
            }
        )
        with self.assertRaises(AccessError):
            self.as_user("manager", own).write({"outcome": "met"})

    def test_reminders_then_escalation(self):
        Appraisal = self.env["hr.performance.appraisal"]
        with freeze_time("2027-01-16"):
            Appraisal._cron_remind()
        todo = self.appraisal.activity_ids.filtered(
            lambda act: act.summary == "Your part of this appraisal is overdue"
        )
        self.assertEqual(todo.user_id, self.users["employee"])
        self.assertEqual(self.appraisal.date_reminded, date(2027, 1, 16))
        with freeze_time("2027-01-17"):
            Appraisal._cron_remind()  # too early to escalate, nothing new
        self.assertEqual(len(self.appraisal.activity_ids), 2)
        with freeze_time("2027-01-18"):
            Appraisal._cron_remind()
        escalation = self.appraisal.activity_ids - todo
        self.assertEqual(
            escalation.filtered(lambda act: "Overdue" in act.summary).user_id,
            self.users["manager"],
        )
        with freeze_time("2027-01-30"):
            Appraisal._cron_remind()  # escalated once only
        self.assertEqual(len(self.appraisal.activity_ids), 3)

    def test_departure_cancels_open_appraisals(self):
        self.employees["employee"].action_archive()
        self.assertEqual(self.appraisal.state, "cancelled")
        self.assertFalse(self.appraisal.activity_ids)

    def test_automatic_cycle_on_anniversary(self):
        employee = self.env["hr.employee"].search([("user_id", "=", self.peers[1].id)])
        employee.parent_id = self.employees["manager"]
        self.env["hr.contract"].create(
            {
                "name": "Peer contract",
                "employee_id": employee.id,
                "wage": 1000,
                "date_start": date(2024, 3, 10),
                "state": "open",
            }
        )
        rolling = self.env["hr.performance.cycle"].create(
            {
                "name": "Anniversaries",
                "kind": "rolling",
                "trigger": "anniversary",
                "trigger_lead_days": 14,
                "date_start": date(2026, 1, 1),
                "date_end": date(2027, 12, 31),
                "template_id": self.template.id,
                "employee_ids": [Command.set(employee.ids)],
            }
        )
        rolling.action_launch()
        self.assertFalse(rolling.appraisal_ids, "automatic cycles wait for the event")
        with freeze_time("2027-02-20"):
            rolling._schedule_rolling(date(2027, 2, 20))
        self.assertFalse(rolling.appraisal_ids)
        with freeze_time("2027-03-01"):
            rolling._schedule_rolling(date(2027, 3, 1))
            rolling._schedule_rolling(date(2027, 3, 2))
        self.assertEqual(rolling.appraisal_ids.employee_id, employee)
        self.assertEqual(rolling.appraisal_ids.date_reference, date(2027, 3, 10))
        self.assertEqual(rolling.appraisal_ids.state, "self_review")
        next_year = date(2028, 3, 1)
        rolling.date_end = next_year + relativedelta(years=1)
        rolling._schedule_rolling(next_year)
        self.assertEqual(
            rolling.appraisal_ids.mapped("date_reference"),
            [date(2027, 3, 10), date(2028, 3, 10)],
        )
