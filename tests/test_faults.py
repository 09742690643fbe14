# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Faults: an interrupted cron resumes without duplicates, a mail server failure
loses no feedback, and a second click on a button changes nothing."""

from datetime import date, datetime
from unittest.mock import MagicMock, patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_mail_server import IrMailServer

from .common import HrPerformanceReviewCase

OVERDUE = "Your part of this appraisal is overdue"
AFTER_SELF_DEADLINE = "2027-01-20"


@tagged("post_install", "-at_install", "faults")
class TestFaults(HrPerformanceReviewCase):
    def _late_cycle(self, count=3):
        """A running cycle whose ``count`` employees are late with their
        self-assessment once the deadline of 2027-01-15 is past."""
        users = [
            new_test_user(self.env, login=f"hrp_late_{n}", name=f"Late {n}")
            for n in range(count)
        ]
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": user.name,
                    "user_id": user.id,
                    "parent_id": self.employees["manager"].id,
                }
                for user in users
            ]
        )
        cycle = self.env["hr.performance.cycle"].create(
            {
                "name": "Late review",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 30),
                "template_id": self.template.id,
                "employee_ids": [Command.set(employees.ids)],
                "deadline_self": date(2027, 1, 15),
                "deadline_manager": date(2027, 1, 31),
                "escalation_days": 30,
            }
        )
        cycle.action_launch()
        return cycle.appraisal_ids

    def _reminders(self, appraisals):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", appraisals._name),
                ("res_id", "in", appraisals.ids),
                ("summary", "=", OVERDUE),
            ]
        )

    @freeze_time(AFTER_SELF_DEADLINE)
    def test_interrupted_reminder_cron_resumes_without_duplicates(self):
        # the fixture's appraisal is late too: four late appraisals in all
        appraisals = self._late_cycle() | self.appraisal
        Appraisal = self.env["hr.performance.appraisal"]
        # other late appraisals of the database (demo data) were dealt with today,
        # so that the batches of one take the test's only
        Appraisal.search(
            [("id", "not in", appraisals.ids), ("date_escalated", "=", False)]
        ).date_escalated = date(2027, 1, 20)
        # the first batch of one appraisal goes through
        Appraisal._cron_remind(limit=1)
        self.assertEqual(len(self._reminders(appraisals)), 1)
        # the second batch fails half-way: its transaction is rolled back
        with (
            patch.object(
                type(Appraisal),
                "_schedule_todos",
                side_effect=RuntimeError("worker killed"),
            ),
            self.assertRaises(RuntimeError),
            self.env.cr.savepoint(),
        ):
            Appraisal._cron_remind(limit=1)
        self.env.invalidate_all()
        self.assertEqual(len(self._reminders(appraisals)), 1)
        # the next runs go on from where it stopped, and then find nothing to do
        for _run in range(5):
            Appraisal._cron_remind(limit=1)
        reminders = self._reminders(appraisals)
        self.assertEqual(len(reminders), 4, "one reminder per late writer")
        self.assertEqual(set(reminders.mapped("res_id")), set(appraisals.ids))
        self.assertEqual(set(appraisals.mapped("date_reminded")), {date(2027, 1, 20)})

    def test_mail_server_failure_keeps_the_feedback(self):
        recipient = self.users["employee"]
        recipient.notification_type = "email"
        Mail = self.env["mail.mail"].sudo()
        with (
            patch.object(IrMailServer, "connect", return_value=MagicMock()),
            patch.object(
                IrMailServer, "send_email", side_effect=ConnectionError("SMTP down")
            ),
            mute_logger("odoo.addons.mail.models.mail_mail"),  # "SMTP down", expected
        ):
            feedback = (
                self.env["hr.performance.feedback"]
                .with_user(self.users["manager"])
                .create(
                    {
                        "employee_id": self.employees["employee"].id,
                        "body": "<p>Great demo</p>",
                    }
                )
            )
            feedback.action_send()
            self.env.flush_all()
            mails = Mail.search([("recipient_ids", "in", recipient.partner_id.ids)])
            self.assertTrue(mails, "the recipient is told by e-mail")
            mails.send(raise_exception=False)
        self.env.invalidate_all()
        self.assertTrue(feedback.exists())
        self.assertEqual(feedback.sudo().body, "<p>Great demo</p>")
        self.assertEqual(set(mails.mapped("state")), {"exception"})
        self.assertIn("SMTP down", mails[0].failure_reason)
        # once the server is back, the same e-mails go out
        mails.mark_outgoing()
        with (
            patch.object(IrMailServer, "connect", return_value=MagicMock()),
            patch.object(IrMailServer, "send_email", return_value="<sent@test>"),
        ):
            mails.send(raise_exception=False)
        self.assertFalse(
            mails.exists().filtered(lambda m: m.state != "sent"),
            mails.exists().mapped(lambda m: (m.state, m.failure_reason)),
        )

    @freeze_time("2026-11-01")
    def test_a_second_click_changes_nothing(self):
        """Every button checks the state it starts from: a second call (a double
        click, a retried request) raises a clear error and creates nothing."""
        self.answer(self.assessment_of("employee", "self"))
        checkin = self.env["hr.performance.checkin"].create(
            {
                "employee_id": self.employees["employee"].id,
                "date": datetime(2026, 11, 2, 9),
            }
        )
        goal = self.env["hr.performance.goal"].create(
            {
                "name": "Draft goal",
                "employee_id": self.employees["employee"].id,
                "date_deadline": date(2026, 12, 31),
                "smart_override": True,
            }
        )
        request = self.env["hr.performance.review.request"].create(
            {
                "appraisal_id": self.appraisal.id,
                "category": "peer",
                "reviewer_id": self.peers[0].id,
            }
        )
        clicks = [
            ("launch", self.cycle, "action_launch", "hr.performance.appraisal"),
            (
                "submit",
                self.assessment_of("employee", "self"),
                "action_submit",
                "hr.performance.assessment",
            ),
            ("hold", checkin, "action_done", "mail.activity"),
            ("approve goal", goal, "action_approve", "hr.performance.goal"),
            (
                "approve reviewer",
                request,
                "action_approve",
                "hr.performance.review.response",
            ),
        ]
        for label, records, method, counted in clicks:
            with self.subTest(click=label):
                if label != "launch":  # the fixture launched the cycle already
                    getattr(records, method)()
                self.env.flush_all()
                before = self.env[counted].sudo().search_count([])
                states = records.sudo().mapped("state")
                with self.assertRaisesRegex(
                    UserError, "not possible in the current state"
                ):
                    getattr(records, method)()
                self.env.invalidate_all()
                self.assertEqual(self.env[counted].sudo().search_count([]), before)
                self.assertEqual(records.sudo().mapped("state"), states)
