# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The privacy attack matrix: every read path a user has, against every private
record, as the ORM and as the web client or an external script call it.

A private record here is one the attacker must learn nothing about: a 360 response
and its answers (only their author), a check-in or appraisal private note (only the
employee's manager chain), a manager assessment before its release (not the
appraisee).
"""

import base64
import inspect
import xmlrpc.client
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import HrPerformanceHttpCase, HrPerformanceReviewCase

COMMENTS = ["Always unblocks the team", "Great demos", "Could delegate more"]
RESPONSE = "hr.performance.review.response"
ANSWER = "hr.performance.review.answer"
CHECKIN_NOTE = "hr.performance.checkin.note"
APPRAISAL_NOTE = "hr.performance.appraisal.note"
ACTION = "ir.actions.client"
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
        requests = self.as_user(employee, self.requests)
        for record in (appraisal, *requests):
            self.assertFalse((record.create_uid | record.write_uid) & peers, record)
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
            ("hrp_test_employee", RESPONSE),
            ("hrp_test_employee", ANSWER),
            ("hrp_test_manager", RESPONSE),
            ("hrp_test_manager", ANSWER),
            ("hrp_peer_3", RESPONSE),
            ("hrp_peer_3", ANSWER),
            ("hrp_test_employee", CHECKIN_NOTE),
            ("hrp_test_employee", APPRAISAL_NOTE),
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
        uid = self.xmlrpc_common.authenticate(
            db, "hrp_test_employee", "hrp_test_employee", {}
        )
        for model, records in self.private.items():
            for method, (name, call, args, kwargs) in self._calls(records).items():
                if method in ("web_read", "web_search_read"):
                    continue  # the web client's, tested above
                with self.subTest(model=model, method=method):
                    try:
                        result = self.xmlrpc_object.execute_kw(
                            db, uid, "hrp_test_employee", name, call, args, kwargs
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
        self.authenticate("hrp_test_employee", "hrp_test_employee")
        for attachment in files:
            with mute_logger("odoo.http"):
                page = self.url_open(f"/web/content/{attachment.id}")
            self.assertIn(page.status_code, (403, 404), attachment.name)
            self.assertNotIn(b"said in", page.content)
        self.authenticate("hrp_peer_0", "hrp_peer_0")
        page = self.url_open(f"/web/content/{files[0].id}")
        self.assertEqual(page.content, b"said in the 360")


@tagged("post_install", "-at_install", "access_rights")
class TestPrivacyScope(PrivacyFixture, HrPerformanceReviewCase):
    """Whose records a manager, an officer and a plain employee reach: the manager
    chain, the allowed companies, and the buttons."""

    def _team(self, name, manager_user=None, parent=None, company=None):
        """An employee with a check-in, its private note and an appraisal note."""
        employee = self.env["hr.employee"].create(
            {
                "name": name,
                "parent_id": parent.id if parent else False,
                "user_id": manager_user.id if manager_user else False,
                "company_id": (company or self.company).id,
            }
        )
        return employee

    def _private_of(self, employee, appraisal):
        checkin = self.env["hr.performance.checkin"].create(
            {"employee_id": employee.id, "date": datetime(2026, 12, 2, 9)}
        )
        return {
            "hr.performance.appraisal": appraisal,
            "hr.performance.checkin": checkin,
            CHECKIN_NOTE: self.env[CHECKIN_NOTE].create(
                {"checkin_id": checkin.id, "body": "<p>Note</p>"}
            ),
            APPRAISAL_NOTE: self.env[APPRAISAL_NOTE].create(
                {"appraisal_id": appraisal.id, "body": "<p>Note</p>"}
            ),
            "hr.performance.goal": self.env["hr.performance.goal"].create(
                {
                    "name": "Private goal",
                    "employee_id": employee.id,
                    "date_deadline": date(2026, 12, 31),
                    "private": True,
                }
            ),
        }

    def assertReads(self, user, records, expected):
        for model, record in records.items():
            with self.subTest(user=user.login, model=model, expected=expected):
                found = self.as_user(user, self.env[model]).search(
                    [("id", "=", record.id)]
                )
                self.assertEqual(bool(found), expected, model)

    def test_d_managers_follow_the_reporting_line_at_once(self):
        manager_group = "base.group_user,hr_performance.group_hr_performance_manager"
        director, rival = (
            new_test_user(self.env, login=login, groups=manager_group, name=login)
            for login in ("hrp_director", "hrp_rival")
        )
        director_emp = self._team("Director", director)
        rival_emp = self._team("Rival", rival)
        self.employees["manager"].parent_id = director_emp
        report = self._team("Rival's report", parent=rival_emp)
        theirs = self._private_of(
            report,
            self.env["hr.performance.appraisal"].create(
                {"cycle_id": self.cycle.id, "employee_id": report.id}
            ),
        )
        ours = self._private_of(self.employees["employee"], self.appraisal)
        manager = self.users["manager"]
        self.assertReads(manager, ours, True)  # direct report
        self.assertReads(director, ours, True)  # indirect report
        self.assertReads(manager, theirs, False)  # a peer manager's team
        self.assertReads(rival, ours, False)
        self.assertReads(rival, theirs, True)
        # the employee moves to the rival's team: access follows, no cache to
        # clear, but for the private notes, read by the chain they were written to
        self.employees["employee"].parent_id = rival_emp
        appraisal = ours.pop("hr.performance.appraisal")
        notes = {name: ours.pop(name) for name in (CHECKIN_NOTE, APPRAISAL_NOTE)}
        self.assertReads(manager, ours, False)
        self.assertReads(director, ours, False)
        self.assertReads(rival, ours, True)
        self.assertReads(manager, notes, True)
        self.assertReads(director, notes, True)
        self.assertReads(rival, notes, False)
        self.assertReads(rival, {appraisal._name: appraisal}, True)
        self.assertReads(director, {appraisal._name: appraisal}, False)
        # the former manager still writes this cycle's assessment, as its appraiser,
        # until an officer hands it over
        self.assertEqual(appraisal.appraiser_ids, manager)
        self.assertReads(manager, {appraisal._name: appraisal}, True)
        appraisal.appraiser_ids = rival
        self.assertReads(manager, {appraisal._name: appraisal}, False)

    def test_e_nothing_of_another_company(self):
        other = self.env["res.company"].create({"name": "HRP Other Company"})
        officer = self.users["officer"]
        officer.company_ids = [Command.link(other.id)]
        boss = self._team("Other boss", company=other)
        worker = self._team("Other worker", parent=boss, company=other)
        cycle = self.env["hr.performance.cycle"].create(
            {
                "name": "Other review",
                "company_id": other.id,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "template_id": self.template.id,
            }
        )
        appraisal = self.env["hr.performance.appraisal"].create(
            {"cycle_id": cycle.id, "employee_id": worker.id}
        )
        theirs = {
            "hr.performance.cycle": cycle,
            **self._private_of(worker, appraisal),
        }
        self.assertEqual(appraisal.company_id, other)
        only_here = [self.company.id]
        for model, record in theirs.items():
            with self.subTest(model=model):
                mine = self.as_user(officer, record).with_context(
                    allowed_company_ids=only_here
                )
                self.assertFalse(mine.search([("id", "=", record.id)]))
                with self.assertRaises(AccessError):
                    mine.read(["display_name", "create_uid"])
                if model in (CHECKIN_NOTE, APPRAISAL_NOTE, "hr.performance.goal"):
                    continue  # private: the manager chain's only, not officers'
                both = mine.with_context(
                    allowed_company_ids=[self.company.id, other.id]
                )
                self.assertTrue(both.search([("id", "=", record.id)]))
        Report = self.env["ir.actions.report"].with_user(officer)
        for xmlid, record in (
            ("hr_performance.action_report_appraisal", appraisal),
            ("hr_performance.action_report_cycle", cycle),
        ):
            with self.subTest(report=xmlid):
                with self.assertRaises(AccessError):
                    Report.with_context(
                        allowed_company_ids=only_here
                    )._render_qweb_html(xmlid, record.ids)
        # with the company allowed, the cycle report renders
        html, __ = Report.with_context(
            allowed_company_ids=[self.company.id, other.id]
        )._render_qweb_html("hr_performance.action_report_cycle", cycle.ids)
        self.assertIn("Other review", str(html))
        # nor do the officer's buttons reach it
        with self.assertRaises(AccessError):
            self.as_user(officer, appraisal).with_context(
                allowed_company_ids=only_here
            ).action_remind_late()

    def _foreign_records(self):
        """One record per model with buttons, none of them the peer's business."""
        goal = self.env["hr.performance.goal"].create(
            {
                "name": "Private goal",
                "employee_id": self.employees["employee"].id,
                "date_deadline": date(2026, 12, 31),
                "private": True,
            }
        )
        lead = self.appraisal.assessment_ids.filtered("is_lead")
        return {
            "hr.performance.appraisal": self.appraisal,
            "hr.performance.assessment": lead,
            "hr.performance.calibration": self.env["hr.performance.calibration"].create(
                {
                    "name": "Calibration",
                    "cycle_id": self.cycle.id,
                    "participant_ids": [Command.set(self.users["manager"].ids)],
                }
            ),
            "hr.performance.checkin": self.checkin,
            "hr.performance.cycle": self.cycle,
            "hr.performance.dashboard": self.env["hr.performance.dashboard"],
            "hr.performance.goal": goal,
            # sent a moment ago by the manager: only they may withdraw it
            "hr.performance.feedback": self.env["hr.performance.feedback"].create(
                {
                    "author_id": self.users["manager"].id,
                    "employee_id": self.employees["employee"].id,
                    "visibility": "private",
                    "body": "<p>HRP private words</p>",
                }
            ),
            "hr.performance.key.result": self.env["hr.performance.key.result"].create(
                {"goal_id": goal.id, "name": "Secret result"}
            ),
            "hr.performance.pip": self.env["hr.performance.pip"].create(
                {
                    "employee_id": self.employees["employee"].id,
                    "date_review": date(2027, 6, 1),
                }
            ),
            "hr.performance.review.request": self.requests[0],
            RESPONSE: self.responses[0],
            "hr.performance.reward": self.env["hr.performance.reward"].create(
                {
                    "employee_id": self.employees["employee"].id,
                    "kind": "other",
                    "description": "A conference",
                    "effective_date": date(2027, 2, 1),
                }
            ),
            "hr.performance.appraisal.sign": self.env[
                "hr.performance.appraisal.sign"
            ].create({"appraisal_id": self.appraisal.id}),
            "hr.performance.appraisal.release": self.env[
                "hr.performance.appraisal.release"
            ].create({"appraisal_id": self.appraisal.id}),
            "hr.performance.cycle.launch": self.env[
                "hr.performance.cycle.launch"
            ].create({"cycle_id": self.cycle.id}),
            "hr.performance.reward.apply": self.env[
                "hr.performance.reward.apply"
            ].create({}),
            "hr.performance.reward.export": self.env[
                "hr.performance.reward.export"
            ].create({}),
            "hr.performance.reward.pay": self.env["hr.performance.reward.pay"].create(
                {"payslip_ref": "HRP/1"}
            ),
            "hr.performance.checkin.cadence": self.env[
                "hr.performance.checkin.cadence"
            ].create(
                {
                    "employee_ids": [(6, 0, self.employees["employee"].ids)],
                    "cadence": "weekly",
                }
            ),
        }

    def test_g_every_button_checks_its_caller(self):
        """Every public ``action_*`` method of the addon, called by a plain employee
        on a record that is none of their business, refuses."""
        records = self._foreign_records()
        actions = {
            (name, attr)
            for name in self.env.registry
            if name.startswith("hr.performance")
            for attr in dir(type(self.env[name]))
            if attr.startswith("action_")
            and getattr(
                getattr(type(self.env[name]), attr), "__module__", ""
            ).startswith("odoo.addons.hr_performance.")
        }
        self.assertEqual(
            {name for name, __ in actions} - set(records),
            set(),
            "a model with buttons needs a record here",
        )
        # reviewed: these only return a window action, the records it opens are
        # then searched and read as the caller
        harmless = {
            ("hr.performance.appraisal", "action_open_sign"): "a wizard, which "
            "refuses foreign appraisals itself",
            ("hr.performance.cycle", "action_view_rewards"): "a list of rewards the "
            "caller may read",
            ("hr.performance.cycle", "action_view_appraisals"): "a list of "
            "appraisals the caller may read",
            ("hr.performance.cycle", "action_view_blocked"): "a list of "
            "appraisals the caller may read",
            ("hr.performance.goal", "action_view_children"): "a list of goals the "
            "caller may read",
            ("hr.performance.calibration", "action_view_lines"): "a list of lines "
            "the caller may read",
            ("hr.performance.calibration", "action_open_grid"): "a grid of lines "
            "the caller may read",
        }
        self.assertEqual(self._press_all(self.peers[3], records, actions, harmless), [])
        # the appraisee, on the same records about them: only their own goal and
        # 1:1, and opening their own self-assessment
        employee_may = {
            "hr.performance.appraisal.action_open_assessment": "their own "
            "self-assessment, which they write",
            "hr.performance.checkin.action_cancel": "a 1:1 belongs to both sides",
            "hr.performance.checkin.action_done": "a 1:1 belongs to both sides",
            "hr.performance.goal.action_cancel": "their own goal",
            "hr.performance.goal.action_propose": "their own goal",
            "hr.performance.goal.action_measure": "their own goal",
            "hr.performance.key.result.action_measure": "their own goal's result",
        }
        self.assertEqual(
            self._press_all(self.users["employee"], records, actions, harmless),
            sorted(employee_may),
        )

    def _press_all(self, user, records, actions, harmless):
        """The ``actions`` that ``user`` pressed on ``records`` without a refusal."""
        accepted = []
        for name, attr in sorted(actions):
            record = records[name]
            method = getattr(type(record), attr)
            params = [
                p
                for p in inspect.signature(method).parameters.values()
                if p.name != "self" and p.default is inspect.Parameter.empty
            ]
            args = ["X"] * len(params)
            caller = getattr(self.as_user(user, record), attr)
            with self.env.cr.savepoint() as savepoint:
                try:
                    result = caller(*args)
                except (AccessError, UserError):
                    continue
                finally:
                    savepoint.rollback()  # each button on the untouched record
            if (name, attr) in harmless:
                self.assertIn(result["type"], ("ir.actions.act_window", ACTION))
                continue
            accepted.append(f"{name}.{attr}")
        return accepted

    def test_g_wizards_take_no_foreign_records(self):
        manager_group = "base.group_user,hr_performance.group_hr_performance_manager"
        rival = new_test_user(self.env, login="hrp_rival", groups=manager_group)
        report = self._team("Rival's report", parent=self._team("Rival", rival))
        foreign = self.env["hr.performance.appraisal"].create(
            {"cycle_id": self.cycle.id, "employee_id": report.id}
        )
        Sign = self.env["hr.performance.appraisal.sign"]
        manager = self.users["manager"]
        # another team's appraisal, and even one's own report's: only the
        # appraised employee signs, so only they open the wizard
        for appraisal in (foreign, self.appraisal):
            with self.subTest(appraisal=appraisal.employee_id.name):
                with self.assertRaises(AccessError):
                    Sign.with_user(manager).create({"appraisal_id": appraisal.id})
        with self.assertRaises(AccessError):
            Sign.with_user(self.peers[3]).create({"appraisal_id": foreign.id})
        wizard = Sign.with_user(self.users["employee"]).create(
            {"appraisal_id": self.appraisal.id}
        )
        self.assertEqual(wizard.appraisal_id, self.appraisal)
        # the officers' wizards are not the manager's to open
        for model, vals in (
            ("hr.performance.cycle.launch", {"cycle_id": self.cycle.id}),
            ("hr.performance.reward.apply", {}),
            ("hr.performance.reward.export", {}),
            ("hr.performance.reward.pay", {"payslip_ref": "HRP/1"}),
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(manager).create(vals)
        # nor an officer's, for a cycle of a company they did not select
        other = self.env["res.company"].create({"name": "HRP Other Company"})
        self.users["officer"].company_ids = [Command.link(other.id)]
        cycle = self.env["hr.performance.cycle"].create(
            {
                "name": "Other review",
                "company_id": other.id,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "template_id": self.template.id,
            }
        )
        Launch = (
            self.env["hr.performance.cycle.launch"]
            .with_user(self.users["officer"])
            .with_context(allowed_company_ids=self.company.ids)
        )
        with self.assertRaises(AccessError):
            Launch.create({"cycle_id": cycle.id}).read(["eligible_count"])

    def test_h_mails_sent_as_superuser_carry_nothing_private(self):
        """Invitations, reminders, escalations and nudges are written as superuser:
        none carries an answer, a score, a note or a reviewer's name."""
        lead = self.appraisal.assessment_ids.filtered("is_lead")
        self.answer(lead, rating=2)
        lead.line_ids.filtered(
            lambda line: line.answer_type == "text"
        ).comment = "Needs a stretch assignment"
        secrets_ = [
            *COMMENTS,
            "Needs a stretch assignment",
            "Flight risk",
            "Underpaid",
            *(peer.name for peer in self.peers[:3]),
        ]
        last = {
            model: self.env[model].sudo().search([], order="id desc", limit=1).id
            for model in ("mail.mail", "mail.message", "mail.activity")
        }
        # a late invitation, once the others answered
        late = self.env["hr.performance.review.request"].create(
            {"appraisal_id": self.appraisal.id, "reviewer_id": self.peers[3].id}
        )
        late.with_user(self.users["manager"]).action_approve()
        Appraisal = self.env["hr.performance.appraisal"]
        with freeze_time("2027-02-01"):
            Appraisal._cron_remind()
        with freeze_time("2027-03-15"):
            Appraisal._cron_remind()
        self.appraisal.date_reminded = False
        with freeze_time("2027-03-16"):
            self.env["hr.performance.dashboard"].with_user(
                self.users["officer"]
            ).action_nudge_late_reviewers()
        sent = []
        for model, field_names in (
            ("mail.mail", ("subject", "body_html")),
            ("mail.message", ("subject", "body")),
            ("mail.activity", ("summary", "note")),
        ):
            records = self.env[model].sudo().search([("id", ">", last[model])])
            sent += [
                str(record[name] or "") for record in records for name in field_names
            ]
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("id", ">", last["mail.activity"])])
        )
        self.assertTrue(activities, "the reminders did go out")
        self.assertTrue(
            self.env["mail.mail"]
            .sudo()
            .search([("recipient_ids", "in", self.peers[3].partner_id.ids)]),
            "the invitation did go out",
        )
        text = "\n".join(sent)
        for secret in secrets_:
            self.assertNotIn(secret, text)
        self.assertNotIn("2.00", text)
        reviewers = self.env["res.users"].concat(*self.peers)
        self.assertFalse(activities.user_id & reviewers, "no 360 reviewer is named")

    def test_g_other_public_methods_check_their_caller(self):
        """The public methods besides the buttons, which RPC reaches as well."""
        session = self.env["hr.performance.calibration"].create(
            {
                "name": "Calibration",
                "cycle_id": self.cycle.id,
                "participant_ids": [Command.set(self.users["manager"].ids)],
            }
        )
        line = self.env["hr.performance.calibration.line"].create(
            {
                "session_id": session.id,
                "appraisal_id": self.appraisal.id,
                "level_id": self.level[3].id,
            }
        )
        for user in (self.peers[3], self.users["employee"]):
            with self.subTest(user=user.login):
                Line = self.env["hr.performance.calibration.line"].with_user(user)
                with self.assertRaises(AccessError):
                    Line.move_to_box(line.id, "high", "high", "Forged")
                with self.assertRaises(AccessError):
                    self.env[RESPONSE].with_user(user).purge(self.appraisal)
        self.assertTrue(self.responses.exists())
        self.assertEqual(line.level_id, self.level[3])
        self.assertNotEqual(line.potential, "high")

    def test_a_names_of_unreadable_records_say_nothing(self):
        """A computed display name reads related fields as superuser: browsing a
        record one cannot read must still refuse, for every model with buttons and
        the private ones."""
        records = {
            name: record
            for name, record in self._foreign_records().items()
            if record
            and not record._transient
            and name not in ("hr.performance.cycle",)  # every employee reads cycles
        }
        records.update(
            {
                "hr.performance.assessment.line": records[
                    "hr.performance.assessment"
                ].line_ids[:1],
                "hr.performance.feedback": self.env["hr.performance.feedback"].create(
                    {
                        "employee_id": self.employees["employee"].id,
                        "author_id": self.users["manager"].id,
                        "visibility": "private",
                        "body": "<p>Private words</p>",
                    }
                ),
                ANSWER: self.responses[0].answer_ids[:1],
                CHECKIN_NOTE: self.checkin_note,
                APPRAISAL_NOTE: self.appraisal_note,
            }
        )
        names = []
        for name, record in sorted(records.items()):
            try:
                names.append((name, self.as_user(self.peers[3], record).display_name))
            except AccessError:
                continue
        self.assertEqual(
            names, [(name, f"{name},{records[name].id}") for name, __ in names]
        )
        self.assertLess(len(names), len(records) - 5, "most refuse outright")


@tagged("post_install", "-at_install", "privacy")
class TestPrivateGoalsInAppraisals(HrPerformanceReviewCase):
    def test_officers_do_not_read_the_answer_on_a_private_goal(self):
        """A private goal is for its owner and the manager chain: it is not rated
        in appraisals, whose answers and scores officers read."""
        owner = self.env["hr.employee"].create(
            {"name": "Goal owner", "parent_id": self.employees["manager"].id}
        )
        self.env["hr.performance.goal"].create(
            {
                "name": "Private goal",
                "employee_id": owner.id,
                "date_start": date(2026, 1, 1),
                "date_deadline": date(2026, 6, 30),
                "state": "active",
                "private": True,
            }
        )
        cycle = self.env["hr.performance.cycle"].create(
            {
                "name": "Second review",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 30),
                "template_id": self.template.id,
                "employee_ids": [Command.set(owner.ids)],
            }
        )
        cycle.with_user(self.users["officer"]).action_launch()
        lead = cycle.appraisal_ids.assessment_ids.filtered("is_lead")
        self.assertTrue(lead, cycle.appraisal_ids.assessment_ids)
        # a private goal stays between the employee and their chain: it is not
        # rated in the appraisal, which officers read, and so in no score
        self.assertFalse(lead.line_ids.goal_id.filtered("private"))
        for role in ("manager", "officer", "admin"):
            with self.subTest(role=role):
                lines = self.as_user(role, lead).line_ids
                self.assertFalse(lines.filtered(lambda line: line.goal_id.private))
