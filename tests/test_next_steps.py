# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Everyone's next step: the to-dos the addon gives close themselves when their
step is done (marked done) or no longer applies (removed), and the dashboard's
tiles count what opens behind them."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import HrPerformanceReviewCase
from .test_dashboard import NOW, DashboardCase

APPROVE = "Approve this goal"


class ActivityMixin:
    def activities(self, records, user=None):
        found = self.env["mail.activity"].search(
            [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        )
        return found.filtered(lambda act: not user or act.user_id == user)

    def done_messages(self, records, summary):
        """The chatter's trace of the to-dos marked done (not merely removed)."""
        return self.env["mail.message"].search(
            [
                ("model", "=", records._name),
                ("res_id", "in", records.ids),
                ("mail_activity_type_id", "!=", False),
                ("body", "ilike", summary),
            ]
        )


@tagged("post_install", "-at_install")
class TestActivitiesCloseThemselves(ActivityMixin, HrPerformanceReviewCase):
    def test_each_writer_s_to_do_is_done_when_they_submit(self):
        employee, manager = self.users["employee"], self.users["manager"]
        self.assertEqual(
            self.activities(self.appraisal).mapped("summary"),
            ["Write your self-assessment"],
        )
        mine = self.as_user("employee", self.appraisal).my_assessment_id
        self.answer(mine)
        mine.action_submit()
        self.assertFalse(self.activities(self.appraisal, employee))
        self.assertTrue(self.done_messages(self.appraisal, "self-assessment"))
        self.assertEqual(
            self.activities(self.appraisal, manager).summary, "Write your assessment"
        )
        lead = self.as_user("manager", self.appraisal).my_assessment_id
        self.answer(lead, rating=3)
        lead.action_submit()
        self.assertFalse(
            self.activities(self.appraisal),
            "the manager's to-do is done once their assessment is submitted",
        )
        self.assertTrue(self.done_messages(self.appraisal, "Write your assessment"))
        self.as_user("manager", self.appraisal).action_release()
        self.assertEqual(self.activities(self.appraisal).user_id, employee)
        self.as_user("employee", self.appraisal).action_sign()
        self.assertFalse(self.activities(self.appraisal))
        self.assertTrue(self.done_messages(self.appraisal, "sign"))

    def test_a_cancelled_appraisal_drops_its_to_dos(self):
        self.assertTrue(self.activities(self.appraisal))
        self.as_user("officer", self.appraisal).action_cancel()
        self.assertFalse(self.activities(self.appraisal))
        self.assertFalse(self.done_messages(self.appraisal, "self-assessment"))

    def _checkin(self):
        Checkin = self.env["hr.performance.checkin"]
        checkin = Checkin.create(
            {
                "employee_id": self.employees["employee"].id,
                "date": datetime(2026, 12, 1, 9),
            }
        )
        self.env["mail.activity"].create(checkin._activity_vals())
        self.assertEqual(
            self.activities(checkin).user_id,
            self.users["employee"] | self.users["manager"],
        )
        return checkin

    def test_check_in_held_or_cancelled(self):
        held = self._checkin()
        self.as_user("manager", held).action_done()
        self.assertFalse(self.activities(held))
        cancelled = self._checkin()
        self.as_user("manager", cancelled).action_cancel()
        self.assertFalse(self.activities(cancelled))

    def _proposed(self, name):
        goal = self.env["hr.performance.goal"].create(
            {
                "name": name,
                "employee_id": self.employees["employee"].id,
                "date_start": date(2026, 1, 1),
                "date_deadline": date(2026, 12, 31),
                "smart_override": True,
            }
        )
        self.as_user("employee", goal).action_propose()
        return goal

    def test_a_goal_proposed_asks_its_approver(self):
        goal = self._proposed("HRP approve me")
        todo = self.activities(goal)
        self.assertEqual(todo.user_id, self.users["manager"], "the nearest approver")
        self.assertEqual(todo.summary, APPROVE)
        self.as_user("manager", goal).action_approve()
        self.assertFalse(self.activities(goal))
        self.assertTrue(self.done_messages(goal, APPROVE))
        # proposed, then cancelled or reset: the to-do is gone, not done
        for step in ("action_cancel", "action_draft"):
            with self.subTest(step=step):
                other = self._proposed(f"HRP {step}")
                getattr(self.as_user("employee", other), step)()
                self.assertFalse(self.activities(other))
                self.assertFalse(self.done_messages(other, APPROVE))

    def test_the_approver_is_derived_from_access(self):
        """Nobody approves their own goal: the manager's goal asks the officer
        (their manager); a goal of someone without a manager asks nobody."""
        goal = self.env["hr.performance.goal"].create(
            {
                "name": "HRP manager's goal",
                "employee_id": self.employees["manager"].id,
                "date_deadline": date(2026, 12, 31),
            }
        )
        self.as_user("manager", goal).action_propose()
        self.assertEqual(self.activities(goal).user_id, self.users["officer"])
        lonely = self.env["hr.performance.goal"].create(
            {
                "name": "HRP peer's goal",
                "employee_id": self.peers[0].employee_ids.id,
                "date_deadline": date(2026, 12, 31),
            }
        )
        self.as_user(self.peers[0], lonely).action_propose()
        self.assertFalse(self.activities(lonely))

    def test_a_batch_of_goals(self):
        goals = self._proposed("HRP one") | self._proposed("HRP two")
        self.assertEqual(len(self.activities(goals)), 2)
        self.as_user("manager", goals).action_approve()
        self.assertFalse(self.activities(goals))
        self.assertEqual(len(self.done_messages(goals, APPROVE)), 2)

    def test_feedback_to_give_tile(self):
        request = self.env["hr.performance.review.request"].create(
            {"appraisal_id": self.appraisal.id, "reviewer_id": self.peers[2].id}
        )
        request.action_approve()
        self.env.invalidate_all()
        data = (
            self.env["hr.performance.dashboard"]
            .with_user(self.peers[2])
            .get_dashboard_data()
        )
        section = data["employee"]["feedback_to_give"]
        responses = (
            self.env[section["res_model"]]
            .with_user(self.peers[2])
            .search(section["domain"])
        )
        self.assertEqual(len(responses), 1)
        self.assertEqual(responses.sudo().request_id, request)
        self.assertEqual(section["count"], 1)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestNextStepTiles(ActivityMixin, DashboardCase):
    def assertOpens(self, role, section, records):
        found = (
            self.env[section["res_model"]]
            .with_user(self.users[role])
            .search(section["domain"])
        )
        self.assertEqual(found, records)
        self.assertEqual(section["count"], len(records))

    def test_goals_to_approve(self):
        self.goal_draft.smart_override = True
        self.goal_draft.with_user(self.users["employee"]).action_propose()
        section = self.dashboard("manager")["manager"]["goals_to_approve"]
        self.assertOpens("manager", section, self.goal_draft)
        self.assertEqual(
            self.activities(self.goal_draft).user_id, self.users["manager"]
        )
        peer = self.dashboard("peer_manager")["manager"]["goals_to_approve"]
        self.assertOpens("peer_manager", peer, self.goal_draft.browse())
        self.goal_draft.with_user(self.users["manager"]).action_approve()
        section = self.dashboard("manager")["manager"]["goals_to_approve"]
        self.assertOpens("manager", section, self.goal_draft.browse())

    def test_appraisals_to_sign(self):
        appraisal = self.appraisal[self.employees["employee"]]
        section = self.dashboard("employee")["employee"]["to_sign"]
        self.assertOpens("employee", section, appraisal.browse())
        appraisal.write({"state": "to_sign", "released": True})
        section = self.dashboard("employee")["employee"]["to_sign"]
        self.assertOpens("employee", section, appraisal)
        other = self.dashboard("employee2")["employee"]["to_sign"]
        self.assertOpens("employee2", other, appraisal.browse())

    def test_no_feedback_to_give(self):
        section = self.dashboard("employee")["employee"]["feedback_to_give"]
        self.assertOpens(
            "employee", section, self.env["hr.performance.review.response"]
        )


@tagged("post_install", "-at_install")
class TestReviewerTodos(ActivityMixin, HrPerformanceReviewCase):
    def lead_todos(self):
        return self.activities(self.appraisal).filtered(
            lambda act: act.activity_type_id
            == self.env.ref("hr_performance.mail_activity_type_reviewers")
        )

    def _nominate(self, peer):
        return (
            self.env["hr.performance.review.request"]
            .with_user(self.users["employee"])
            .create({"appraisal_id": self.appraisal.id, "reviewer_id": peer.id})
        )

    def test_reviewers_proposed_ask_the_lead_until_approved(self):
        first, second = self._nominate(self.peers[0]), self._nominate(self.peers[1])
        todo = self.lead_todos()
        self.assertEqual(todo.user_id, self.users["manager"], "one, for the lead")
        self.as_user("manager", first).action_approve()
        self.assertEqual(self.lead_todos(), todo, "one reviewer is still proposed")
        self.as_user("manager", second).action_reject()
        self.assertFalse(self.lead_todos())
        self.assertTrue(self.done_messages(self.appraisal, "360 reviewers"))

    def test_the_last_proposed_reviewer_removed(self):
        request = self._nominate(self.peers[0])
        self.assertTrue(self.lead_todos())
        self.as_user("employee", request).unlink()
        self.assertFalse(self.lead_todos())
        self.assertFalse(self.done_messages(self.appraisal, "360 reviewers"))

    def test_the_lead_nominating_asks_nobody(self):
        self.env["hr.performance.review.request"].with_user(
            self.users["manager"]
        ).create({"appraisal_id": self.appraisal.id, "reviewer_id": self.peers[0].id})
        self.assertFalse(self.lead_todos())
