# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
        return form.record

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
