# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The privacy attack matrix: every read path a user has, against every private
record, as the ORM and as the web client or an external script call it.

A private record here is one the attacker must learn nothing about: a 360 response
and its answers (only their author), a check-in or appraisal private note (only the
employee's manager chain), a manager assessment before its release (not the
appraisee).
"""

import base64
import xmlrpc.client
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import HrPerformanceHttpCase, HrPerformanceReviewCase

COMMENTS = ["Always unblocks the team", "Great demos", "Could delegate more"]
RESPONSE = "hr.performance.review.response"
ANSWER = "hr.performance.review.answer"
CHECKIN_NOTE = "hr.performance.checkin.note"
APPRAISAL_NOTE = "hr.performance.appraisal.note"
# the read paths of a client; those given ids must refuse, the others find nothing
BY_IDS = ("read", "browse", "web_read", "export_data")
BY_DOMAIN = (
    "search",
    "search_read",
    "web_search_read",
    "search_count",
    "read_group",
    "name_search",
)


class PrivacyFixture:
    """Three submitted 360 responses about the employee, a check-in and an appraisal
    private note about them, and a submitted lead manager assessment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        export = cls.env.ref("base.group_allow_export")
        readers = cls.users["employee"] | cls.users["manager"] | cls.users["officer"]
        (readers | cls.peers[0] | cls.peers[3]).groups_id = [Command.link(export.id)]
        Request = cls.env["hr.performance.review.request"]
        cls.requests = Request.create(
            [
                {"appraisal_id": cls.appraisal.id, "reviewer_id": peer.id}
                for peer in cls.peers[:3]
            ]
        )
        cls.requests.action_approve()
        cls.responses = cls.env[RESPONSE].search(
            [("request_id", "in", cls.requests.ids)], order="id"
        )
        level = cls.env.ref("hr_performance.rating_scale_five").level_ids[-1]
        for response, comment in zip(cls.responses, COMMENTS, strict=True):
            for answer in response.answer_ids:
                if answer.answer_type == "rating":
                    answer.level_id = level
                else:
                    answer.comment = comment
            response.with_user(response.author_id).action_submit()
        cls.checkin = cls.env["hr.performance.checkin"].create(
            {
                "employee_id": cls.employees["employee"].id,
                "date": datetime(2026, 12, 1, 9),
            }
        )
        cls.checkin_note = cls.env[CHECKIN_NOTE].create(
            {"checkin_id": cls.checkin.id, "body": "<p>Flight risk</p>"}
        )
        cls.appraisal_note = cls.env[APPRAISAL_NOTE].create(
            {"appraisal_id": cls.appraisal.id, "body": "<p>Underpaid</p>"}
        )
        cls.private = {
            RESPONSE: cls.responses,
            ANSWER: cls.responses.answer_ids,
            CHECKIN_NOTE: cls.checkin_note,
            APPRAISAL_NOTE: cls.appraisal_note,
        }


@tagged("post_install", "-at_install", "access_rights")
class TestPrivacyOrm(PrivacyFixture, HrPerformanceReviewCase):
    def _attempt(self, user, records, method):
        """What ``method`` of a client gives ``user`` about ``records``."""
        Model = self.as_user(user, records.browse())
        mine = self.as_user(user, records)
        domain = [("id", "in", records.ids)]
        calls = {
            "read": lambda: mine.read(["display_name"]),
            "browse": lambda: [rec.display_name for rec in mine],
            "web_read": lambda: mine.web_read({"display_name": {}}),
            "export_data": lambda: mine.export_data(["display_name", "create_uid"]),
            "search": lambda: Model.search(domain).ids,
            "search_read": lambda: Model.search_read(domain, ["display_name"]),
            "web_search_read": lambda: Model.web_search_read(
                domain, {"display_name": {}}
            )["records"],
            "search_count": lambda: Model.search_count(domain),
            "read_group": lambda: Model.read_group(domain, ["id:count"], []),
            "name_search": lambda: [
                pair for pair in Model.name_search("") if pair[0] in records.ids
            ],
        }
        return calls[method]()

    def assertBrowsesNothing(self, user, records):
        """Browsing refuses, or names the records without a word of their content
        (the fallback ``model,id`` of a model without a name)."""
        try:
            names = self._attempt(user, records, "browse")
        except AccessError:
            return
        self.assertEqual(names, [f"{records._name},{rec.id}" for rec in records])

    def assertLearnsNothing(self, user, records):
        for method in BY_IDS + BY_DOMAIN:
            with self.subTest(user=user.login, model=records._name, method=method):
                if method == "browse":
                    self.assertBrowsesNothing(user, records)
                    continue
                if method in BY_IDS:
                    with self.assertRaises(AccessError, msg=f"{user.login} {method}"):
                        self._attempt(user, records, method)
                    continue
                try:
                    found = self._attempt(user, records, method)
                except AccessError:
                    continue  # no access right to the model at all
                if method == "read_group":
                    found = [group for group in found if group["__count"]]
                self.assertFalse(found)

    def test_a_no_read_path_reaches_private_records(self):
        outsiders = {
            RESPONSE: ("employee", "manager", "officer", "peer"),
            ANSWER: ("employee", "manager", "officer", "peer"),
            CHECKIN_NOTE: ("employee", "peer"),
            APPRAISAL_NOTE: ("employee", "peer"),
        }
        for model, roles in outsiders.items():
            for role in roles:
                user = self.peers[3] if role == "peer" else self.users[role]
                self.assertLearnsNothing(user, self.private[model])
        # a peer who wrote a response does not read the others'
        self.assertLearnsNothing(self.peers[0], self.responses[1:])
        self.assertLearnsNothing(self.peers[0], self.responses[1:].answer_ids)

    def test_a_the_allowed_readers_do_read(self):
        """The matrix above would pass on an empty database: here the same calls
        give the author and the manager chain their records."""
        own = self.as_user(self.peers[0], self.env[RESPONSE])
        self.assertEqual(own.search([]), self.responses[0])
        self.assertEqual(
            own.search_read([], ["author_id"])[0]["author_id"][0], self.peers[0].id
        )
        for model in (CHECKIN_NOTE, APPRAISAL_NOTE):
            for role in ("manager", "officer"):
                notes = self.as_user(role, self.env[model])
                self.assertEqual(notes.search([]), self.private[model], role)

    def test_b_filtering_on_private_content_finds_nothing(self):
        """Private fields as search criteria, directly and through relations: the
        appraisee learns nothing from which records match."""
        comment = COMMENTS[0]
        employee = self.users["employee"]
        attempts = [
            (RESPONSE, [("answer_ids.comment", "ilike", comment)]),
            (RESPONSE, [("author_id", "=", self.peers[0].id)]),
            (ANSWER, [("rating", ">=", 1)]),
            (ANSWER, [("response_id.author_id", "=", self.peers[0].id)]),
            (
                "hr.performance.review.request",
                [("reviewer_id", "=", self.peers[0].id), ("state", "=", "approved")],
            ),
            (
                "hr.performance.appraisal",
                [("assessment_ids", "any", [("kind", "=", "manager")])],
            ),
            ("hr.performance.appraisal", [("assessment_ids.score", ">", 0)]),
            (
                "hr.performance.assessment",
                [("kind", "=", "manager"), ("released", "=", False)],
            ),
            (
                "hr.performance.assessment.line",
                [("assessment_id.kind", "=", "manager")],
            ),
            ("hr.performance.checkin", [("note_ids.body", "ilike", "Flight")]),
        ]
        lead = self.appraisal.sudo().assessment_ids.filtered("is_lead")
        self.answer(lead, rating=5)
        for model, domain in attempts:
            with self.subTest(model=model, domain=domain):
                Model = self.as_user(employee, self.env[model])
                try:
                    found = Model.search(domain)
                except (AccessError, ValueError):
                    continue
                if model == "hr.performance.review.request":
                    # the nominee list is the appraisee's: it names no answer
                    self.assertFalse(found.filtered(lambda r: r.state != "approved"))
                    continue
                self.assertFalse(found, domain)
        # ordering by a private field ranks only what one may read
        self.assertFalse(
            self.as_user(employee, self.env[ANSWER]).search([], order="rating desc")
        )
        ranked = self.as_user(employee, self.env["hr.performance.assessment"]).search(
            [], order="score desc"
        )
        self.assertEqual(ranked.mapped("kind"), ["self"])

    def test_b_searchable_paths_never_cross_private_models(self):
        """Every non-stored related field of the addon is searched as superuser (a
        related field's default): none may walk through a private model, or its
        search would answer questions about records the caller cannot read."""
        private = {
            RESPONSE,
            ANSWER,
            CHECKIN_NOTE,
            APPRAISAL_NOTE,
            "hr.performance.assessment",
            "hr.performance.assessment.line",
            "hr.performance.feedback",
            "hr.performance.reward",
            "hr.performance.calibration.line",
            "hr.performance.pip",
        }
        # reviewed: the path leaves the private record for configuration only
        reviewed = {
            "hr.performance.assessment.line.rating_scale_id": "the scale of the "
            "line's own assessment, which has the same readers as the line",
        }
        checked = 0
        for name in self.env.registry:
            if not name.startswith("hr.performance") and name not in (
                "hr.employee",
                "hr.employee.public",
            ):
                continue
            Model = self.env[name]
            for field in Model._fields.values():
                if field.store or not field.related or not field.compute_sudo:
                    continue
                checked += 1
                model, crossed = Model, []
                for hop in field.related.split(".")[:-1]:
                    model = self.env[model._fields[hop].comodel_name]
                    crossed.append(model._name)
                if f"{name}.{field.name}" in reviewed:
                    self.assertTrue(set(crossed) & private, "stale allow-list entry")
                    continue
                with self.subTest(field=f"{name}.{field.name}"):
                    self.assertFalse(set(crossed) & private, field.related)
        self.assertGreater(checked, 5)

    def test_c_the_author_of_a_response_leaves_no_trace(self):
        """Nothing around the responses or the appraisal names who answered."""
        employee = self.users["employee"]
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.peers[0])
            .create(
                {
                    "name": "evidence.txt",
                    "raw": b"the appraisee missed the demo",
                    "res_model": RESPONSE,
                    "res_id": self.responses[0].id,
                }
            )
        )
        on_responses = {
            "mail.message": [("model", "=", RESPONSE)],
            "mail.followers": [("res_model", "=", RESPONSE)],
            "mail.activity": [("res_model", "=", RESPONSE)],
            "ir.attachment": [("res_model", "=", RESPONSE)],
            "mail.tracking.value": [("mail_message_id.model", "=", RESPONSE)],
        }
        for model, domain in on_responses.items():
            with self.subTest(model=model):
                try:
                    found = self.as_user(employee, self.env[model]).search(domain)
                except AccessError:
                    continue
                self.assertFalse(found)
        self.assertTrue(attachment.sudo().exists(), "the attack did write one")
        # nor does the appraisal they can read mention a reviewer
        peers = self.peers[0] | self.peers[1] | self.peers[2]
        appraisal = self.as_user(employee, self.appraisal)
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self.appraisal._name),
                    ("res_id", "=", self.appraisal.id),
                ]
            )
        )
        self.assertFalse(messages.filtered(lambda m: m.author_id in peers.partner_id))
        self.assertFalse(messages.create_uid & peers)
        tracked = " ".join(
            str(value)
            for value in messages.sudo().tracking_value_ids.mapped(
                lambda t: (t.old_value_char, t.new_value_char)
            )
        )
        for peer in peers:
            self.assertNotIn(peer.name, tracked)
        self.assertFalse(appraisal.message_partner_ids & peers.partner_id)
        self.assertFalse(appraisal.activity_ids.user_id & peers)
        self.assertFalse(
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", RESPONSE)])
            .user_id
        )


@tagged("post_install", "-at_install", "access_rights")
class TestPrivacyRpc(PrivacyFixture, HrPerformanceHttpCase, HrPerformanceReviewCase):
    """The same matrix as the web client and an external script call it."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _calls(self, records):
        model, ids = records._name, records.ids
        domain = [("id", "in", ids)]
        return {
            "read": (model, "read", [ids, ["display_name"]], {}),
            "browse": (model, "read", [ids, ["create_uid", "write_uid"]], {}),
            "web_read": (model, "web_read", [ids, {"display_name": {}}], {}),
            "export_data": (
                model,
                "export_data",
                [ids, ["display_name", "create_uid"]],
                {},
            ),
            "search": (model, "search", [domain], {}),
            "search_read": (model, "search_read", [domain, ["display_name"]], {}),
            "web_search_read": (
                model,
                "web_search_read",
                [domain, {"display_name": {}}],
                {},
            ),
            "search_count": (model, "search_count", [domain], {}),
            "read_group": (model, "read_group", [domain, ["id:count"], []], {}),
            "name_search": (model, "name_search", [""], {}),
        }

    def _found(self, method, result, records):
        if method == "web_search_read":
            return result["records"]
        if method == "read_group":
            return [group for group in result if group["__count"]]
        if method == "name_search":
            return [pair for pair in result if pair[0] in records.ids]
        return result

    def test_a_json_rpc_matrix(self):
        cases = [
            ("hrp_employee", RESPONSE),
            ("hrp_employee", ANSWER),
            ("hrp_manager", RESPONSE),
            ("hrp_manager", ANSWER),
            ("hrp_peer_3", RESPONSE),
            ("hrp_peer_3", ANSWER),
            ("hrp_employee", CHECKIN_NOTE),
            ("hrp_employee", APPRAISAL_NOTE),
            ("hrp_peer_3", CHECKIN_NOTE),
            ("hrp_peer_3", APPRAISAL_NOTE),
        ]
        for login, model in cases:
            self.authenticate(login, login)
            records = self.private[model]
            for method, (name, call, args, kwargs) in self._calls(records).items():
                with self.subTest(login=login, model=model, method=method):
                    try:
                        result = self._call(name, call, *args, **kwargs)
                    except JsonRpcException as error:
                        self.assertEqual(
                            str(error), "odoo.exceptions.AccessError", method
                        )
                        continue
                    self.assertNotIn(method, ("read", "browse", "web_read"))
                    self.assertFalse(self._found(method, result, records), method)
        # the author does get theirs over the same path
        self.authenticate("hrp_peer_0", "hrp_peer_0")
        [own] = self._call(RESPONSE, "search_read", [], ["author_id"])
        self.assertEqual(own["author_id"][0], self.peers[0].id)

    def test_a_xml_rpc_matrix(self):
        db = self.env.cr.dbname
        uid = self.xmlrpc_common.authenticate(db, "hrp_employee", "hrp_employee", {})
        for model, records in self.private.items():
            for method, (name, call, args, kwargs) in self._calls(records).items():
                if method in ("web_read", "web_search_read"):
                    continue  # the web client's, tested above
                with self.subTest(model=model, method=method):
                    try:
                        result = self.xmlrpc_object.execute_kw(
                            db, uid, "hrp_employee", name, call, args, kwargs
                        )
                    except xmlrpc.client.Fault as fault:
                        self.assertRegex(
                            fault.faultString, "doesn't have|not allowed to access"
                        )
                        continue
                    self.assertNotIn(method, ("read", "browse"))
                    self.assertFalse(self._found(method, result, records), method)

    def test_f_attachments_of_private_records_stay_private(self):
        """A file on a 360 response or a private note: only its readers open it."""
        Attachment = self.env["ir.attachment"]
        files = Attachment.with_user(self.peers[0]).create(
            {
                "name": "peer.txt",
                "raw": b"said in the 360",
                "res_model": RESPONSE,
                "res_id": self.responses[0].id,
            }
        ) | Attachment.with_user(self.users["manager"]).create(
            {
                "name": "note.txt",
                "raw": b"said in the note",
                "res_model": CHECKIN_NOTE,
                "res_id": self.checkin_note.id,
            }
        )
        files = files.sudo()
        for user, attachment in zip(
            (self.peers[0], self.users["manager"]), files, strict=True
        ):
            mine = self.as_user(user, attachment)
            self.assertIn(b"said in", base64.b64decode(mine.datas))
        for user in (self.users["employee"], self.users["manager"], self.peers[3]):
            for attachment in files:
                if user == self.users["manager"] and attachment == files[1]:
                    continue  # the manager wrote the note
                with self.subTest(user=user.login, file=attachment.name):
                    with self.assertRaises(AccessError):
                        self.as_user(user, attachment).read(["datas"])
                    found = self.as_user(user, Attachment).search(
                        [("id", "=", attachment.id)]
                    )
                    self.assertFalse(found)
        self.authenticate("hrp_employee", "hrp_employee")
        for attachment in files:
            with mute_logger("odoo.http"):
                page = self.url_open(f"/web/content/{attachment.id}")
            self.assertIn(page.status_code, (403, 404), attachment.name)
            self.assertNotIn(b"said in", page.content)
        self.authenticate("hrp_peer_0", "hrp_peer_0")
        page = self.url_open(f"/web/content/{files[0].id}")
        self.assertEqual(page.content, b"said in the 360")
