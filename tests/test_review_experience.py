# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 15, the review as people live it: questions per audience, the manager's
evidence read as the manager, calibration that holds, blocked work, the signed PDF."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HrPerformanceReviewCase, sent


@tagged("post_install", "-at_install")
class TestReviewExperience(HrPerformanceReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.impact = cls.template.section_ids.filtered(lambda s: s.name == "Impact")
        cls.Question = cls.env["hr.performance.template.question"]

    def _fresh_appraisal(
        self, employee_role="employee", reference=date(2026, 6, 30), manager="manager"
    ):
        return self.env["hr.performance.appraisal"].create(
            {
                "cycle_id": self.cycle.id,
                "employee_id": self.employees[employee_role].id,
                "manager_id": self.employees[manager].id,
                "date_reference": reference,
                "state": "self_review",
            }
        )

    def _submit_all(self, appraisal, rating=4):
        for assessment in appraisal.assessment_ids.sorted(lambda a: a.kind != "self"):
            mine = assessment.with_user(assessment.author_id)
            self.answer(mine, rating)
            mine.action_submit()

    def test_each_audience_answers_its_own_questions(self):
        self.Question.create(
            [
                {
                    "section_id": self.impact.id,
                    "name": "HRP what support do you need?",
                    "audience": "self",
                    "answer_type": "text",
                },
                {
                    "section_id": self.impact.id,
                    "name": "HRP ready for more?",
                    "audience": "manager",
                    "answer_type": "yesno",
                },
                {
                    "section_id": self.impact.id,
                    "name": "HRP what should they keep doing?",
                    "audience": "review",
                    "answer_type": "text",
                },
            ]
        )
        shared = self.impact.question_ids.filtered(
            lambda q: q.name == "Delivers results"
        )
        shared.manager_name = "HRP does the employee deliver results?"
        appraisal = self._fresh_appraisal()
        by_kind = {
            kind: set(
                appraisal.assessment_ids.filtered(lambda a, k=kind: a.kind == k)
                .line_ids.filtered("question_id")
                .mapped("display_name")
            )
            for kind in ("self", "manager")
        }
        self.assertIn("HRP what support do you need?", by_kind["self"])
        self.assertNotIn("HRP ready for more?", by_kind["self"])
        self.assertIn("Delivers results", by_kind["self"])
        self.assertIn("HRP ready for more?", by_kind["manager"])
        self.assertIn("HRP does the employee deliver results?", by_kind["manager"])
        self.assertNotIn("HRP what should they keep doing?", by_kind["manager"])
        asked = self.template._questions_for("review").mapped("name")
        self.assertIn("HRP what should they keep doing?", asked)
        self.assertIn("Delivers results", asked, "its section is asked in 360")
        self.assertNotIn("HRP ready for more?", asked)
        self.assertIn("HRP ready for more?", self.template.audience_preview)

    def test_release_waits_for_a_closed_calibration_session(self):
        self.cycle.calibration_required = True
        self._submit_all(self.appraisal)
        self.assertEqual(self.appraisal.state, "calibration")
        mine = self.as_user("manager", self.appraisal)
        self.assertNotIn("release", mine.workflow_steps.split())
        with self.assertRaisesRegex(UserError, "Calibration comes first"):
            mine.action_release()
        with self.assertRaisesRegex(UserError, "Calibration comes first"):
            self.env["hr.performance.appraisal.release"].with_user(
                self.users["manager"]
            ).create({"appraisal_id": self.appraisal.id})
        session = (
            self.env["hr.performance.calibration"]
            .with_user(self.users["officer"])
            .create({"name": "HRP session", "cycle_id": self.cycle.id})
        )
        session.action_start()
        # an appraisal reaching calibration later joins the open session
        later = self._fresh_appraisal()
        self._submit_all(later, rating=3)
        self.assertEqual(
            session.line_ids.appraisal_id, self.appraisal | later, "picked up"
        )
        session.action_close()
        self.assertTrue(self.appraisal.rating_frozen)
        mine = self.as_user("manager", self.appraisal)
        self.assertIn("release", mine.workflow_steps.split())
        wizard = (
            self.env["hr.performance.appraisal.release"]
            .with_user(self.users["manager"])
            .create({"appraisal_id": self.appraisal.id, "comment": "HRP well done"})
        )
        wizard.action_release()
        self.assertEqual(self.appraisal.state, "to_sign")
        self.assertEqual(self.appraisal.released_by_id, self.users["manager"])
        self.assertEqual(self.appraisal.release_comment, "HRP well done")
        self.assertEqual(self.appraisal.review_state, "closed", "closed on release")

    def test_nine_box_on_a_two_level_scale(self):
        scale = self.env["hr.performance.rating.scale"].create(
            {
                "name": "HRP two levels",
                "level_ids": [
                    Command.create({"value": 1, "label": "HRP not yet"}),
                    Command.create({"value": 2, "label": "HRP there"}),
                ],
            }
        )
        self.template.rating_scale_id = scale
        appraisal = self._fresh_appraisal(reference=date(2026, 3, 31))
        for assessment in appraisal.assessment_ids:
            assessment.line_ids.filtered(lambda ln: ln.answer_type == "rating").write(
                {"level_id": scale.level_ids[0].id}
            )
        line = self.env["hr.performance.calibration.line"].create(
            {
                "session_id": self.env["hr.performance.calibration"]
                .create({"name": "HRP short", "cycle_id": self.cycle.id})
                .id,
                "appraisal_id": appraisal.id,
                "level_id": scale.level_ids[0].id,
            }
        )
        self.assertFalse(line._level_in_band("medium"), "no middle, no ValueError")
        self.assertEqual(line._level_in_band("high"), scale.level_ids[1])
        line.session_id.state = "open"
        with self.assertRaisesRegex(UserError, "no level in that performance band"):
            line.move_to_box(line.id, "medium", "medium", "HRP why")
        data = line.session_id.nine_box_data()
        self.assertEqual(data["bands"], ["low", "high"])

    def test_evidence_is_read_as_the_manager(self):
        Feedback = self.env["hr.performance.feedback"]
        sent(
            Feedback.with_user(self.peers[0]).create(
                [
                    {
                        "employee_id": self.employees["employee"].id,
                        "body": "<p>HRP shared with managers</p>",
                        "visibility": "manager",
                    },
                    {
                        "employee_id": self.employees["employee"].id,
                        "body": "<p>HRP only for the recipient</p>",
                        "visibility": "private",
                    },
                ]
            )
        )
        lead = self.assessment_of("manager", "manager")
        evidence = lead.review_evidence()
        self.assertFalse(evidence["self_assessment"]["shown"])
        self.assertIn("not shared", evidence["self_assessment"]["reason"])
        bodies = " ".join(item["body"] for item in evidence["feedback"]["items"])
        self.assertIn("HRP shared with managers", bodies)
        self.assertNotIn("HRP only for the recipient", bodies)
        self.assertIn("Ship the new onboarding", [g["name"] for g in evidence["goals"]])
        mine = self.assessment_of("employee", "self")
        self.answer(mine, 4)
        mine.action_submit()
        evidence = self.assessment_of("manager", "manager").review_evidence()
        self.assertTrue(evidence["self_assessment"]["shown"])
        self.assertIn(
            "Clear and kind.",
            [a["comment"] for a in evidence["self_assessment"]["answers"]],
        )

    def test_evidence_counts_documents_as_the_employee(self):
        source = self.env["hr.performance.measure.source"].create(
            {
                "name": "HRP partners",
                "model_name": "res.partner",
                "date_field": "create_date",
                "owner_field": "user_id",
                "evidence_domain": "[('comment', '=', 'hrp-evidence')]",
                "evidence_label": "HRP customers won",
            }
        )
        self.env["res.partner"].create(
            [
                {
                    "name": f"HRP C{i}",
                    "comment": "hrp-evidence",
                    "user_id": user.id,
                }
                for i, user in enumerate(
                    [self.users["employee"], self.users["employee"], self.peers[0]]
                )
            ]
        )
        # created in the period of the cycle, whenever the test runs
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = '2026-05-01' WHERE comment = %s",
            ["hrp-evidence"],
        )
        self.env.invalidate_all()
        evidence = self.assessment_of("manager", "manager").review_evidence()
        counted = {row["name"]: row["count"] for row in evidence["erp"]}
        self.assertEqual(counted.get("HRP customers won"), 2, "the employee's own")
        # a source whose domain reaches a model never measured is left out
        source.evidence_domain = "[('user_ids.groups_id', '!=', False)]"
        evidence = self.assessment_of("manager", "manager").review_evidence()
        self.assertNotIn("HRP customers won", [row["name"] for row in evidence["erp"]])

    def test_blocked_appraisals_and_their_fix(self):
        nobody = self.env["hr.employee"].create(
            {"name": "HRP no user", "parent_id": self.employees["manager"].id}
        )
        appraisal = self.env["hr.performance.appraisal"].create(
            {
                "cycle_id": self.cycle.id,
                "employee_id": nobody.id,
                "state": "self_review",
            }
        )
        self.assertTrue(appraisal.is_blocked)
        cycle = self.cycle.with_user(self.users["officer"])
        self.assertEqual(cycle.blocked_appraisal_count, 1)
        with self.assertRaises(AccessError):
            self.cycle.with_user(self.users["manager"]).action_fix_blocked()
        cycle.action_fix_blocked()
        self.assertEqual(appraisal.appraiser_ids, self.users["manager"])
        self.assertEqual(appraisal.state, "manager_review", "self-assessment skipped")
        self.assertFalse(appraisal.is_blocked)
        self.assertEqual(cycle.blocked_appraisal_count, 0)

    def test_launch_preview_tells_who_is_blocked(self):
        officer = self.users["officer"]
        cycle = (
            self.env["hr.performance.cycle"]
            .with_user(officer)
            .create(
                {
                    "name": "HRP no deadlines",
                    "date_start": date(2027, 1, 1),
                    "date_end": date(2027, 12, 31),
                    "template_id": self.template.id,
                    "employee_ids": [Command.set(self.employees["manager"].ids)],
                }
            )
        )
        nobody = self.env["hr.employee"].create(
            {"name": "HRP userless", "parent_id": self.employees["officer"].id}
        )
        cycle.sudo().employee_ids = [Command.link(nobody.id)]
        wizard = (
            self.env["hr.performance.cycle.launch"]
            .with_user(officer)
            .create({"cycle_id": cycle.id})
        )
        self.assertIn(nobody, wizard.no_user_ids)
        self.assertIn("Self-Assessment", wizard.missing_deadlines)
        with self.assertRaisesRegex(UserError, "no deadline at all"):
            wizard.action_launch()
        self.assertEqual(cycle.state, "draft", "nothing created")
        wizard.confirm_no_deadlines = True
        wizard.action_launch()
        self.assertEqual(cycle.state, "running")

    def test_manager_of_their_own_appraisal_sees_no_review_buttons(self):
        appraisal = self._fresh_appraisal(
            "manager", reference=date(2026, 9, 30), manager="officer"
        )
        mine = self.as_user("manager", appraisal)
        steps = mine.workflow_steps.split()
        for step in ("invite_360", "close_360", "private_notes", "release"):
            self.assertNotIn(step, steps)
        boss = self.as_user("officer", appraisal)
        self.assertIn("close_360", boss.workflow_steps.split())
        self.assertEqual(
            self.as_user("manager", self.appraisal).self_assessment_status, "pending"
        )
        self.assertTrue(
            self.as_user("employee", self.appraisal).manager_assessment_pending
        )

    def test_signed_pdf_has_both_sign_offs_and_comment_rows(self):
        for role, kind in (("employee", "self"), ("manager", "manager")):
            assessment = self.assessment_of(role, kind)
            self.answer(assessment, 4)
            assessment.line_ids.filtered(lambda ln: ln.answer_type == "rating")[
                :1
            ].comment = f"HRP because, {role}"
            assessment.action_submit()
        self.as_user("manager", self.appraisal).action_release("HRP keep it up")
        self.as_user("employee", self.appraisal).action_sign("HRP thanks")
        html = str(
            self.env["ir.actions.report"]
            .with_user(self.users["employee"])
            ._render_qweb_html(
                "hr_performance.action_report_appraisal", self.appraisal.ids
            )[0]
        )
        for text in ("HRP keep it up", "HRP thanks", "Released on", "Signed on"):
            self.assertIn(text, html)
        self.assertIn("Comment:", html, "a comment in its own row")
        self.assertIn("HRP because, manager", html)
        self.assertNotIn("appears when", html)
        self.assertIn("No 360 feedback was asked for.", html)
