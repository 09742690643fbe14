# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install", "access_rights")
class TestFeedback(HrPerformanceCase):
    """Feedback and praise: the giver decides who reads it; the server enforces it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Feedback = cls.env["hr.performance.feedback"]
        cls.employees["manager"].parent_id = cls.employees["officer"]
        cls.peer = new_test_user(cls.env, login="hrp_peer", groups="base.group_user")
        cls.env["hr.employee"].create({"name": "Peer", "user_id": cls.peer.id})
        cls.value = cls.env["hr.performance.value"].create({"name": "HRP Ownership"})

    def _give(self, author, visibility, kind="continuous"):
        with Form(self.Feedback.with_user(self.users[author])) as form:
            form.kind = kind
            form.employee_id = self.employees["employee"]
            form.visibility = visibility
            form.body = "<p>Great demo, slow down on pricing.</p>"
            form.value_ids.add(self.value)
        feedback = form.record
        self.assertEqual(feedback.state, "draft")
        feedback.with_user(self.users[author]).action_send()
        return feedback

    def _readers(self, feedback):
        self.env.invalidate_all()
        roles = ("employee", "manager", "officer", "admin", "payroll", "hr_manager")
        return {
            role
            for role in roles
            if self.Feedback.with_user(self.users[role]).search(
                [("id", "=", feedback.id)]
            )
        } | (
            {"peer"}
            if self.Feedback.with_user(self.peer).search_count(
                [("id", "=", feedback.id)]
            )
            else set()
        )

    def test_visibility(self):
        private = self._give("payroll", "private")
        self.assertEqual(private.author_id, self.users["payroll"])
        self.assertEqual(self._readers(private), {"payroll", "employee"})
        shared = self._give("payroll", "manager")
        self.assertEqual(
            self._readers(shared),
            {"payroll", "employee", "manager", "officer", "admin"},
        )
        praise = self._give("payroll", "public", kind="praise")
        self.assertEqual(
            self._readers(praise),
            {
                "payroll",
                "employee",
                "manager",
                "officer",
                "admin",
                "hr_manager",
                "peer",
            },
        )

    def test_praise_is_public_by_default(self):
        Feedback = self.Feedback.with_user(self.peer)
        praise = Feedback.create(
            {
                "kind": "praise",
                "employee_id": self.employees["employee"].id,
                "body": "<p>Thanks!</p>",
            }
        )
        self.assertEqual(praise.visibility, "public")
        feedback = Feedback.create(
            {"employee_id": self.employees["employee"].id, "body": "<p>Tip</p>"}
        )
        self.assertEqual(feedback.visibility, "private")

    def test_name_search_by_recipient(self):
        """Feedback has no name: it is found by its recipient, and a term that
        matches no recipient finds nothing, not every feedback one may read."""
        praise = self._give("manager", "public", kind="praise")
        Feedback = self.Feedback.with_user(self.peer)
        found = [pair[0] for pair in Feedback.name_search("HRP Employee")]
        self.assertIn(praise.id, found)
        self.assertFalse(Feedback.name_search("No such colleague"))

    def test_a_peer_learns_nothing_of_private_feedback(self):
        feedback = self._give("manager", "private")
        self.env.invalidate_all()
        Feedback = self.Feedback.with_user(self.peer)
        domain = [("employee_id", "=", self.employees["employee"].id)]
        self.assertFalse(Feedback.search(domain))
        self.assertEqual(Feedback.search_count(domain), 0)
        self.assertFalse(Feedback.search_read(domain, ["body", "author_id"]))
        self.assertFalse(Feedback.web_search_read(domain, {"body": {}})["records"])
        self.assertFalse(Feedback._read_group(domain, ["author_id"], ["__count"]))
        self.assertFalse(Feedback.read_group(domain, ["kind"], ["kind"]))
        self.assertFalse(Feedback.name_search("Feedback"))
        with self.assertRaises(AccessError):
            feedback.with_user(self.peer).read(["body"])
        self.peer.groups_id |= self.env.ref("base.group_allow_export")
        with self.assertRaises(AccessError):
            feedback.with_user(self.peer).export_data(["body", "author_id"])
        messages = (
            self.env["mail.message"]
            .with_user(self.peer)
            .search([("model", "=", feedback._name), ("res_id", "=", feedback.id)])
        )
        self.assertFalse(messages)

    def test_recipient_is_notified_and_nobody_follows(self):
        feedback = self._give("manager", "private")
        self.assertFalse(feedback.message_follower_ids)
        message = self.env["mail.message"].search(
            [("model", "=", feedback._name), ("res_id", "=", feedback.id)]
        )
        self.assertEqual(message.message_type, "user_notification")
        self.assertEqual(
            message.notified_partner_ids, self.users["employee"].partner_id
        )
        self.assertEqual(message.author_id, self.users["manager"].partner_id)
        self.env.invalidate_all()
        mine = (
            self.env["mail.message"]
            .with_user(self.users["employee"])
            .search([("model", "=", feedback._name), ("res_id", "=", feedback.id)])
        )
        self.assertEqual(mine, message)

    def test_given_feedback_is_immutable(self):
        feedback = self._give("manager", "manager")
        for role in ("manager", "employee", "officer", "admin"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                feedback.with_user(self.users[role]).write({"body": "<p>edited</p>"})
        for role in ("manager", "employee", "officer"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                feedback.with_user(self.users[role]).unlink()
        private = self._give("manager", "private")
        private.with_user(self.users["admin"]).unlink()
        self.assertFalse(private.exists(), "an administrator purges any feedback")

    def test_no_feedback_to_oneself(self):
        with self.assertRaisesRegex(ValidationError, "not to you"):
            self.Feedback.with_user(self.users["employee"]).create(
                {
                    "kind": "praise",
                    "employee_id": self.employees["employee"].id,
                    "body": "<p>Well done, me</p>",
                }
            )

    def test_no_feedback_in_someone_elses_name(self):
        with self.assertRaises(AccessError):
            self.Feedback.with_user(self.peer).create(
                {
                    "author_id": self.users["manager"].id,
                    "employee_id": self.employees["employee"].id,
                    "body": "<p>Forged</p>",
                }
            )

    def test_public_praise_stays_in_its_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        stranger = new_test_user(
            self.env,
            login="hrp_stranger",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        praise = self._give("manager", "public", kind="praise")
        self.assertFalse(
            self.Feedback.with_user(stranger).search([("id", "=", praise.id)])
        )

    def test_outsiders_read_nothing(self):
        praise = self._give("manager", "public", kind="praise")
        for role in ("portal", "public"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                praise.with_user(self.users[role]).read(["body"])


@tagged("post_install", "-at_install")
class TestFeedbackSend(HrPerformanceCase):
    """Feedback is written as a draft, sent on purpose, and withdrawn by its author
    in the first minutes only (then it is given for good)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Feedback = cls.env["hr.performance.feedback"]
        cls.peer = new_test_user(
            cls.env, login="hrp_send_peer", groups="base.group_user"
        )
        cls.env["hr.employee"].create({"name": "HRP Send Peer", "user_id": cls.peer.id})

    def _draft(self, kind="praise", visibility=None):
        vals = {
            "kind": kind,
            "employee_id": self.employees["employee"].id,
            "body": "<p>HRP thanks for the demo</p>",
        }
        if visibility:
            vals["visibility"] = visibility
        return self.Feedback.with_user(self.users["manager"]).create(vals)

    def _reads(self, role, feedback):
        self.env.invalidate_all()
        user = self.peer if role == "peer" else self.users[role]
        return bool(self.Feedback.with_user(user).search([("id", "=", feedback.id)]))

    def _messages(self, feedback):
        return self.env["mail.message"].search(
            [("model", "=", feedback._name), ("res_id", "=", feedback.id)]
        )

    def test_a_draft_is_its_authors_only(self):
        draft = self._draft()
        self.assertEqual(draft.state, "draft")
        self.assertFalse(self._messages(draft), "nobody is told of a draft")
        for role in ("employee", "officer", "admin", "peer"):
            with self.subTest(role=role):
                self.assertFalse(self._reads(role, draft))
        self.assertTrue(self._reads("manager", draft))
        # the author changes it and discards it
        draft.with_user(self.users["manager"]).write({"body": "<p>HRP better</p>"})
        draft.with_user(self.users["manager"]).unlink()
        self.assertFalse(draft.exists())

    def test_send_tells_the_recipient_and_freezes(self):
        draft = self._draft()
        for role in ("employee", "officer"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                draft.with_user(self.users[role]).action_send()
        with self.assertRaises(AccessError):
            draft.with_user(self.users["manager"]).write({"state": "sent"})
        action = draft.with_user(self.users["manager"]).action_send()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("HRP Employee", action["params"]["message"])
        self.assertEqual(draft.state, "sent")
        self.assertTrue(draft.date_sent)
        for role in ("employee", "officer", "peer"):
            with self.subTest(role=role):
                self.assertTrue(self._reads(role, draft))
        notification = self._messages(draft).filtered(
            lambda m: m.message_type == "user_notification"
        )
        self.assertEqual(
            notification.notified_partner_ids, self.users["employee"].partner_id
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.users["manager"]).write({"body": "<p>HRP late</p>"})
        with self.assertRaises(AccessError):
            draft.with_user(self.users["manager"]).unlink()

    def test_withdraw_window(self):
        praise = self._draft()
        with freeze_time("2026-12-01 09:00:00"):
            praise.with_user(self.users["manager"]).action_send()
        with freeze_time("2026-12-01 09:09:00"):
            self.env.invalidate_all()
            self.assertIn(
                "withdraw",
                praise.with_user(self.users["manager"]).workflow_steps.split(),
            )
            with self.assertRaises(AccessError):
                praise.with_user(self.users["employee"]).action_withdraw()
            praise.with_user(self.users["manager"]).action_withdraw()
        self.assertEqual(praise.state, "draft")
        self.assertFalse(praise.date_sent)
        self.assertFalse(self._messages(praise), "the recipient's notice is gone")
        self.assertFalse(self._reads("employee", praise))
        # sent again, then past the window: given for good
        with freeze_time("2026-12-01 10:00:00"):
            praise.with_user(self.users["manager"]).action_send()
        with freeze_time("2026-12-01 10:11:00"):
            self.env.invalidate_all()
            self.assertNotIn(
                "withdraw",
                (praise.with_user(self.users["manager"]).workflow_steps or "").split(),
            )
            with self.assertRaises(AccessError):
                praise.with_user(self.users["manager"]).action_withdraw()
        self.assertEqual(praise.state, "sent")

    def test_server_and_data_files_give_at_once(self):
        """Demo data and imports run as superuser: sent, with their date."""
        given = self.Feedback.create(
            {
                "author_id": self.users["manager"].id,
                "employee_id": self.employees["employee"].id,
                "body": "<p>HRP as the server</p>",
            }
        )
        self.assertEqual(given.state, "sent")
        self.assertTrue(given.date_sent)

    def test_praise_reactions_for_its_readers_only(self):
        praise = self._draft()
        praise.with_user(self.users["manager"]).action_send()
        post = self._messages(praise).filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(post), 1, "sent praise carries one post to react to")
        peer = self.peer.partner_id
        guest = self.env["mail.guest"]
        # as the reaction controller does: the message as superuser, the user kept
        post.with_user(self.peer).sudo()._message_reaction("👍", "add", peer, guest)
        self.assertEqual(post.reaction_ids.partner_id, peer)
        private = self._draft(kind="continuous", visibility="private")
        private.with_user(self.users["manager"]).action_send()
        self.assertFalse(
            self._messages(private).filtered(lambda m: m.message_type == "comment"),
            "private feedback gets no post to react to",
        )
        notice = self._messages(private)
        with self.assertRaises(AccessError):
            notice.with_user(self.peer).sudo()._message_reaction(
                "👍", "add", peer, guest
            )
        self.assertFalse(notice.reaction_ids)
