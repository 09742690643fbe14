# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""360 feedback: who answered what stays with its author, whatever the channel."""

import hashlib
import hmac
import re
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import HrPerformanceHttpCase, HrPerformanceReviewCase

COMMENTS = ["Always unblocks the team", "Great demos", "Could delegate more"]


@tagged("post_install", "-at_install")
class TestReviewAnonymity(HrPerformanceReviewCase):
    def _nominate(self, users, category="peer"):
        Request = self.env["hr.performance.review.request"].with_user(
            self.users["employee"]
        )
        return Request.create(
            [
                {
                    "appraisal_id": self.appraisal.id,
                    "category": category,
                    "reviewer_id": u.id,
                }
                for u in users
            ]
        )

    def _invite(self, users, category="peer"):
        requests = self._nominate(users, category)
        self.as_user("manager", requests).action_approve()
        return (
            self.env["hr.performance.review.response"]
            .sudo()
            .search([("request_id", "in", requests.ids)], order="id")
        )

    def _answer(self, response, rating, comment):
        mine = self.as_user(response.author_id, response)
        for answer in mine.answer_ids:
            if answer.answer_type == "rating":
                answer.level_id = self.level[rating]
            else:
                answer.comment = comment
        mine.action_submit()

    def test_nomination_and_approval(self):
        requests = self._nominate(self.peers[:2])
        self.assertEqual(set(requests.mapped("state")), {"proposed"})
        with self.assertRaises(AccessError):
            self.as_user("employee", requests).action_approve()
        with self.assertRaisesRegex(AccessError, "You may not change State"):
            self.as_user("employee", requests).write({"state": "approved"})
        other = self.env["hr.performance.appraisal"].create(
            {"cycle_id": self.cycle.id, "employee_id": self.employees["payroll"].id}
        )
        with self.assertRaisesRegex(AccessError, "You may not change Appraisal"):
            self.as_user("employee", requests).write({"appraisal_id": other.id})
        with self.assertRaisesRegex(AccessError, "Nobody nominates themselves"):
            self._nominate(self.users["employee"])
        # the manager edits: one reviewer out, and the template's maximum holds
        self.as_user("manager", requests[1]).action_reject()
        self.template.peer_max = 1
        with self.assertRaisesRegex(UserError, "asks 2 Peers"):
            self.as_user("manager", self._nominate(self.peers[2:3])).action_approve()
        self.as_user("manager", requests[0]).action_approve()
        response = (
            self.env["hr.performance.review.response"]
            .sudo()
            .search([("appraisal_id", "=", self.appraisal.id)])
        )
        self.assertEqual(response.author_id, self.peers[0])
        self.assertEqual(
            [a.question_id.name for a in response.answer_ids],
            ["Delivers results", "What should continue?"],
            "only the questions of 360 sections",
        )
        invitation = (
            self.env["mail.mail"]
            .sudo()
            .search([("recipient_ids", "in", self.peers[0].partner_id.ids)])
        )
        self.assertIn("asks for your feedback", str(invitation.body_html))
        with self.assertRaises(AccessError):
            self.as_user("employee", invitation).read(["body_html"])
        # the minimum is checked when the manager sends the requests
        self.template.write({"peer_min": 3, "peer_max": 6})
        with self.assertRaisesRegex(UserError, "the template wants 3 to"):
            self.as_user("manager", self.appraisal).action_send_review_requests()

    def test_nobody_but_the_author_reads_a_response(self):
        responses = self._invite(self.peers[:3])
        for response, comment in zip(responses, COMMENTS, strict=True):
            self._answer(response, 4, comment)
        self.as_user("manager", self.appraisal).action_close_review()
        Response = self.env["hr.performance.review.response"]
        Answer = self.env["hr.performance.review.answer"]
        outsiders = ("employee", "manager", "officer", "admin", "hr_manager", "payroll")
        export = self.env.ref("base.group_allow_export")
        for role in outsiders:
            self.users[role].groups_id = [Command.link(export.id)]
        self.peers[3].groups_id = [Command.link(export.id)]
        for role in outsiders + ("peer",):
            user = self.peers[3] if role == "peer" else self.users[role]
            with self.subTest(role=role):
                for Model in (Response, Answer):
                    records = self.as_user(user, Model)
                    self.assertFalse(records.search([]))
                    self.assertFalse(records.search_read([], ["display_name"]))
                    self.assertFalse(records.name_search(""))
                    self.assertFalse(records.search_count([]))
                    self.assertEqual(
                        records._read_group([], ["create_uid"], ["__count"]), []
                    )
                with self.assertRaises(AccessError):
                    self.as_user(user, responses).read(["author_id"])
                with self.assertRaises(AccessError):
                    self.as_user(user, responses.answer_ids).export_data(["comment"])
        # the author reads theirs, and no one else's
        own = self.as_user(self.peers[0], Response).search([])
        self.assertEqual(len(own), 1)
        self.assertEqual(own.author_id, self.peers[0])
        # nothing about the responses lands in a chatter, follower list or activity
        for model in ("mail.message", "mail.followers", "mail.activity"):
            self.assertFalse(
                self.env[model]
                .sudo()
                .search(
                    [
                        (
                            "res_model" if model != "mail.message" else "model",
                            "=",
                            Response._name,
                        )
                    ]
                ),
                model,
            )

    def test_summary_waits_for_the_threshold(self):
        responses = self._invite(self.peers[:3])
        reports = self._invite(self.peers[3:], category="report")
        self._answer(responses[0], 5, COMMENTS[0])
        self._answer(responses[1], 3, COMMENTS[1])
        self._answer(reports, 1, "Only one direct report wrote this")
        # collecting: nothing shows, not even to officers
        for role in ("employee", "manager", "officer"):
            summary = str(self.as_user(role, self.appraisal).review_summary)
            self.assertNotIn(COMMENTS[0], summary)
        self.template.merge_small_categories = False
        self.as_user("manager", self.appraisal).action_close_review()
        self.assertEqual(responses[2].state, "cancelled", "unanswered drafts close")
        with self.assertRaisesRegex(UserError, "not possible in the current state"):
            self.as_user(self.peers[2], responses[2]).action_submit()
        # two peers and one direct report: each below the threshold of 3
        summary = str(self.as_user("employee", self.appraisal).review_summary)
        self.assertIn("Not enough answers", summary)
        for text in COMMENTS[:2] + ["Only one direct report wrote this"]:
            self.assertNotIn(text, summary)
        # the rules the feedback was closed with hold: pooling switched on later,
        # or a lower threshold, changes nothing
        self.template.write({"merge_small_categories": True, "anonymity_threshold": 2})
        summary = str(self.as_user("employee", self.appraisal).review_summary)
        self.assertIn("Not enough answers", summary)
        # closed with pooling, they reach it: "Others", without their categories
        self.appraisal.sudo().write({"review_merge": True, "review_threshold": 3})
        summary = str(self.as_user("employee", self.appraisal).review_summary)
        self.assertIn("Others", summary)
        self.assertIn("(3 answers)", summary)
        self.assertNotIn("Peers", summary)
        self.assertNotIn("Direct Reports", summary)

    def test_summary_is_an_aggregate_without_authors(self):
        responses = self._invite(self.peers[:3])
        report = self._invite(self.peers[3:], category="report")
        for response, rating, comment in zip(
            responses, (5, 4, 3), COMMENTS, strict=True
        ):
            self._answer(response, rating, comment)
        self._answer(report, 1, "A lone direct report")
        self.as_user("manager", self.appraisal).action_close_review()
        for role in ("employee", "manager"):
            summary = str(self.as_user(role, self.appraisal).review_summary)
            with self.subTest(role=role):
                self.assertIn("Peers", summary)
                self.assertIn("Average 4.00", summary)
                for comment in COMMENTS:
                    self.assertIn(comment, summary)
                # ordered by a keyed hash of the text, not by submission
                secret = (
                    self.env["ir.config_parameter"].sudo().get_param("database.secret")
                )
                self.assertEqual(
                    sorted(COMMENTS, key=summary.index),
                    sorted(
                        COMMENTS,
                        key=lambda text: hmac.new(
                            secret.encode(), text.encode(), hashlib.sha256
                        ).hexdigest(),
                    ),
                )
                for peer in self.peers:
                    self.assertNotIn(peer.name, summary)
                # exactly one direct report: not shown, nor pooled into "Others"
                self.assertNotIn("A lone direct report", summary)
                self.assertNotIn("Others", summary)

    def test_submitted_feedback_is_final(self):
        response = self._invite(self.peers[:1])
        self._answer(response, 4, "Kind")
        mine = self.as_user(self.peers[0], response)
        with self.assertRaisesRegex(AccessError, "You may not change"):
            mine.answer_ids[0].write({"comment": "Unkind"})
        # nor can a draft change hands, state or appraisal behind the buttons
        draft = self._invite(self.peers[1:2])
        theirs = self.as_user(self.peers[1], draft)
        for vals in (
            {"author_id": self.peers[2].id},
            {"state": "submitted"},
            {"category": "manager"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                theirs.write(vals)
        with self.assertRaises(AccessError):
            theirs.answer_ids[0].write({"response_id": response.id})
        with self.assertRaises(AccessError):
            mine.unlink()
        for role in ("officer", "manager"):
            with self.assertRaises(AccessError):
                self.as_user(role, self.appraisal).action_purge_reviews()
        # one deletion at a time would show in the summary what it removed
        for records in (response, response.answer_ids):
            with self.assertRaises(AccessError):
                self.as_user("admin", records).unlink()
        self.as_user("admin", self.appraisal).action_purge_reviews()
        self.assertFalse(response.exists())
        self.assertIn("purged the 360 feedback", self.appraisal.message_ids[0].body)

    def test_summary_readers_cannot_review(self):
        Request = self.env["hr.performance.review.request"]
        for reviewer in (self.users["manager"], self.users["officer"]):
            with self.subTest(reviewer=reviewer.login):
                with self.assertRaisesRegex(ValidationError, "and so its 360 summary"):
                    Request.create(
                        {"appraisal_id": self.appraisal.id, "reviewer_id": reviewer.id}
                    )
        external = {"appraisal_id": self.appraisal.id, "category": "external"}
        with self.assertRaisesRegex(ValidationError, "and so its 360 summary"):
            Request.create({**external, "email": "HRP_employee@example.com "})
        Request.create({**external, "email": "client@example.com"})
        with self.assertRaisesRegex(ValidationError, "already asked"):
            Request.create({**external, "email": "Client@Example.com"})
        # the nominator is whoever creates the request
        forged = Request.with_user(self.users["employee"]).create(
            {
                "appraisal_id": self.appraisal.id,
                "reviewer_id": self.peers[0].id,
                "nominated_by_id": self.users["manager"].id,
            }
        )
        self.assertEqual(forged.nominated_by_id, self.users["employee"])

    def test_invitation_is_not_the_approvers_message(self):
        request = self.env["hr.performance.review.request"].create(
            {
                "appraisal_id": self.appraisal.id,
                "category": "external",
                "email": "client@example.com",
            }
        )
        self.as_user("manager", request).action_approve()
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("email_to", "=", "client@example.com")])
        )
        self.assertEqual(mail.author_id, self.env.ref("base.partner_root"))
        Message = self.env["mail.message"].with_user(self.users["manager"])
        self.assertFalse(Message.search([("body", "ilike", "/performance/review/")]))

    def test_few_comments_on_a_question_stay_hidden(self):
        responses = self._invite(self.peers[:3])
        self._answer(responses[0], 4, "The only comment")
        for response in responses[1:]:
            mine = self.as_user(response.author_id, response)
            mine.answer_ids.filtered(
                lambda a: a.answer_type == "rating"
            ).level_id = self.level[3]
            mine.action_submit()
        self.as_user("manager", self.appraisal).action_close_review()
        summary = str(self.as_user("employee", self.appraisal).review_summary)
        self.assertIn("(3 answers)", summary)
        self.assertIn("Average 3.33", summary)
        self.assertNotIn("The only comment", summary)

    def test_external_reviewer_token(self):
        requests = (
            self.env["hr.performance.review.request"]
            .with_user(self.users["employee"])
            .create(
                {
                    "appraisal_id": self.appraisal.id,
                    "category": "external",
                    "partner_name": "Client",
                    "email": "client@example.com",
                }
            )
        )
        self.as_user("manager", requests).action_approve()
        response = (
            self.env["hr.performance.review.response"]
            .sudo()
            .search([("appraisal_id", "=", self.appraisal.id)])
        )
        self.assertEqual(len(response.access_token), 43)
        self.assertEqual(response.token_expiry, datetime(2027, 1, 21))
        Response = self.env["hr.performance.review.response"]
        self.assertEqual(Response._get_by_token(response.access_token), response)
        self.assertFalse(Response._get_by_token(response.access_token[:-1] + "x"))
        self.assertFalse(Response._get_by_token(""))
        response._submit_external(
            {response.answer_ids[0].id: (self.level[5].id, "Responsive")}
        )
        self.assertEqual(response.state, "submitted")
        self.assertFalse(response.access_token, "a used link opens nothing")


@tagged("post_install", "-at_install")
class TestReviewLink(HrPerformanceHttpCase, HrPerformanceReviewCase):
    """The external reviewer's page, through HTTP."""

    def _external(self, **vals):
        request = self.env["hr.performance.review.request"].create(
            {
                "appraisal_id": self.appraisal.id,
                "category": "external",
                "partner_name": "Client",
                "email": "client@example.com",
                **vals,
            }
        )
        request.action_approve()
        return self.env["hr.performance.review.response"].search(
            [("request_id", "=", request.id)]
        )

    def test_link_works_once_and_shows_nothing_else(self):
        response = self._external()
        url = f"/performance/review/{response.access_token}"
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.employees["employee"].name, page.text)
        self.assertIn("Delivers results", page.text)
        for secret in (self.users["manager"].name, "Mobility", "Open to a move?"):
            self.assertNotIn(secret, page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        answer = response.answer_ids.filtered(lambda a: a.answer_type == "rating")
        done = self.url_open(
            url,
            data={
                "csrf_token": csrf,
                f"level_{answer.id}": str(self.level[4].id),
                f"comment_{answer.id}": "Fast answers",
            },
        )
        self.assertIn("Thank you", done.text)
        self.assertEqual(response.state, "submitted")
        self.assertEqual(answer.rating, 4)
        again = self.url_open(url)
        self.assertEqual(again.status_code, 404)
        self.assertNotIn(self.employees["employee"].name, again.text)

    def test_expired_link(self):
        response = self._external()
        response.token_expiry = datetime(2020, 1, 1)
        with mute_logger("odoo.http"):
            page = self.url_open(f"/performance/review/{response.access_token}")
        self.assertEqual(page.status_code, 404)
        self.assertIn("does not open any feedback form", page.text)
        self.assertEqual(response.state, "draft")
        self.assertNotIn(self.employees["employee"].name, page.text)

    def test_appraisee_learns_nothing_over_json_rpc(self):
        responses = self.env["hr.performance.review.response"]
        for peer, comment in zip(self.peers[:3], COMMENTS, strict=True):
            request = self.env["hr.performance.review.request"].create(
                {"appraisal_id": self.appraisal.id, "reviewer_id": peer.id}
            )
            request.action_approve()
            response = responses.search([("request_id", "=", request.id)])
            response.answer_ids.filtered(
                lambda a: a.answer_type == "text"
            ).comment = comment
            response._submit()
            responses |= response
        lead = self.appraisal.assessment_ids.filtered("is_lead")
        self.authenticate("hrp_test_employee", "hrp_test_employee")

        def call(model, method, *args, **kwargs):
            return self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
            )

        model = "hr.performance.review.response"
        self.assertEqual(call(model, "search_read", [], ["author_id"]), [])
        self.assertEqual(call(model, "read_group", [], ["category"], ["category"]), [])
        with self.assertRaises(JsonRpcException):
            call(model, "read", responses.ids, ["author_id"])
        with self.assertRaises(JsonRpcException):
            call("hr.performance.assessment", "read", lead.ids, ["score"])
        [record] = call(
            "hr.performance.appraisal",
            "web_read",
            self.appraisal.ids,
            {
                "assessment_ids": {},
                "manager_assessment_ids": {},
                "final_level_id": {},
                "score": {},
                "review_summary": {},
            },
        )
        self.assertEqual(
            record["assessment_ids"], [self.appraisal.self_assessment_id.id]
        )
        self.assertEqual(record["manager_assessment_ids"], [])
        self.assertFalse(record["final_level_id"])
        self.assertFalse(record["score"])
        for comment in COMMENTS:
            self.assertNotIn(comment, record["review_summary"], "still collecting")
