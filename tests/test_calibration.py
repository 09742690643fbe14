# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import HrPerformanceReviewCase


class CalibrationMixin:
    def _to_calibration(self, rating=3):
        for role, kind in (("employee", "self"), ("manager", "manager")):
            assessment = self.assessment_of(role, kind)
            self.answer(assessment, rating)
            assessment.action_submit()
        self.assertEqual(self.appraisal.state, "calibration")

    def _session(self):
        session = (
            self.env["hr.performance.calibration"]
            .with_user(self.users["officer"])
            .create(
                {
                    "name": "R&D calibration",
                    "cycle_id": self.cycle.id,
                    "participant_ids": [Command.set(self.users["manager"].ids)],
                }
            )
        )
        session.action_start()
        return session


@tagged("post_install", "-at_install")
class TestCalibration(CalibrationMixin, HrPerformanceReviewCase):
    def test_session_changes_are_logged_then_frozen(self):
        self._to_calibration(rating=3)
        session = self._session()
        line = session.line_ids
        self.assertEqual(line.level_id, self.level[3])
        self.assertEqual(
            (line.performance, line.potential, line.box), ("medium", "medium", 5)
        )
        # a participant moves it; a rating change needs a reason
        mine = self.as_user("manager", line)
        for vals in (
            {"session_id": session.id},
            {"proposed_level_id": self.level[5].id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                mine.write(vals)
        with self.assertRaisesRegex(UserError, "Say why"):
            mine.write({"level_id": self.level[4].id})
        mine.write({"level_id": self.level[4].id, "change_reason": "Led the migration"})
        mine.write({"potential": "high"})
        self.assertEqual(line.box, 9)
        changes = session.change_ids.sorted("id")
        self.assertEqual(
            [(c.level_from_id.value, c.level_to_id.value, c.reason) for c in changes],
            [(3, 4, "Led the migration"), (4, 4, False)],
        )
        self.assertEqual(changes.user_id, self.users["manager"])
        # the 9-box grid: dropping on the low-performance column picks a low level
        result = mine.move_to_box(line.id, "low", "low", "Missed two releases")
        self.assertEqual(result["box"], 1)
        self.assertEqual(line.level_id, self.level[2])
        # the employee and outsiders read nothing of the session
        for role in ("employee", "payroll", "hr_manager"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.as_user(role, line).read(["level_id"])
        outsider = new_test_user(
            self.env,
            login="hrp_other_manager",
            groups="base.group_user,hr_performance.group_hr_performance_manager",
        )
        Line = self.env["hr.performance.calibration.line"]
        self.assertFalse(self.as_user(outsider, Line).search([]), "not a participant")
        # the distribution shows the share against the guideline
        self.assertIn("Partially meets expectations", str(session.distribution))
        session.with_user(self.users["officer"]).action_close()
        lead = self.appraisal.assessment_ids.filtered("is_lead")
        self.assertEqual(lead.final_level_id, self.level[2])
        self.assertTrue(self.appraisal.rating_frozen)
        with self.assertRaisesRegex(AccessError, "You may not change"):
            self.as_user("manager", line).write({"potential": "high"})
        with self.assertRaisesRegex(UserError, "froze"):
            lead.write({"final_level_id": self.level[5].id})

    def test_only_officers_run_sessions(self):
        self._to_calibration()
        with self.assertRaises(AccessError):
            self.env["hr.performance.calibration"].with_user(
                self.users["manager"]
            ).create({"name": "Mine", "cycle_id": self.cycle.id})
        session = self._session()
        with self.assertRaises(AccessError):
            self.as_user("manager", session).action_close()
        with self.assertRaisesRegex(UserError, "No appraisal"):
            self.env["hr.performance.calibration"].with_user(
                self.users["officer"]
            ).create({"name": "Again", "cycle_id": self.cycle.id}).action_start()
