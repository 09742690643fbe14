# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The attack matrix of the privacy promises (issue 7, "Hardening").

Each case runs as the named user, through the ORM and, where a client could take
another path, over RPC (JSON-RPC as the web client, HTTP for files and reports).
Already covered elsewhere, and not repeated here:

* the model x role x operation table, portal and public included:
  ``test_access_rights.TestAccessRights.test_access_matrix``;
* 360 responses against every outsider role (search, search_read, name_search,
  search_count, _read_group, read, export_data) and the 360 summary thresholds:
  ``test_review_anonymity.TestReviewAnonymity``;
* the external reviewer's token (expiry, single use, other pages):
  ``test_review_anonymity.TestReviewAnonymity.test_external_reviewer_token`` and
  ``test_review_anonymity.TestReviewLink``;
* private feedback by a manager over JSON-RPC and XML-RPC: ``test_rpc_privacy``;
* private check-in notes, and a plain user reading every ``hr.employee`` and
  ``hr.employee.public`` field: ``test_checkin_privacy``.
"""

import json
import urllib.parse
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.models import BaseModel
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import HrPerformanceHttpCase, HrPerformanceReviewCase, sent

SECRET = "Keeps missing the point in design reviews"
ATTACHMENT = b"the private attachment"

# Every non-stored related field (read and searched as superuser) and why it is safe;
# a new one fails test_related_fields_never_search_private_content until added here.
SAFE_RELATED = {
    "hr.performance.appraisal.date_start": "cycles are read by every employee",
    "hr.performance.appraisal.date_end": "cycles are read by every employee",
    "hr.performance.appraisal.date_deadline": "cycles are read by every employee",
    "hr.performance.assessment.rating_scale_id": "configuration",
    "hr.performance.assessment.line.rating_scale_id": "configuration",
    "hr.performance.assessment.line.question_help": "the template's text",
    "hr.performance.assessment.line.section_name": "the template's text",
    "hr.performance.calibration.line.rating_scale_id": "configuration",
    "hr.performance.calibration.line.currency_id": "configuration",
    "hr.performance.cycle.rating_scale_id": "configuration",
    "hr.performance.review.answer.answer_type": "configuration",
    "hr.performance.review.answer.rating_scale_id": "configuration",
    "hr.performance.review.answer.question_help": "the template's text",
    "hr.performance.review.answer.section_id": "the template's section",
    "hr.performance.review.answer.section_name": "the template's text",
    "hr.performance.review.response.rating_scale_id": "configuration",
    "hr.performance.review.response.employee_id": "responses are read by their "
    "author only, who knows whom they review",
    "hr.performance.review.response.date_deadline": "cycles are read by everyone",
    "hr.performance.reward.currency_id": "configuration",
    "hr.performance.reward.budget.currency_id": "configuration",
}

# How a client reads a model without knowing its ids (must return nothing) ...
ORM_EMPTY = {
    "search": lambda Model, domain: Model.search(domain).ids,
    "search_count": lambda Model, domain: Model.search_count(domain),
    "search_read": lambda Model, domain: Model.search_read(domain, ["display_name"]),
    "web_search_read": lambda Model, domain: Model.web_search_read(
        domain, {"display_name": {}}
    )["records"],
    "read_group": lambda Model, domain: Model.read_group(
        domain, ["create_uid"], ["create_uid"]
    ),
    "name_search": lambda Model, domain: Model.name_search("", domain),
}
# ... and with their ids (must be refused).
ORM_REFUSED = {
    "browse": lambda records: records.mapped("create_uid"),
    "read": lambda records: records.read(["display_name"]),
    "web_read": lambda records: records.web_read({"display_name": {}}),
    "export_data": lambda records: records.export_data(["display_name"]),
}
# The same, as the web client sends them: (method, args, kwargs) from (domain, ids).
RPC_EMPTY = {
    "search": lambda domain: ([domain], {}),
    "search_count": lambda domain: ([domain], {}),
    "search_read": lambda domain: ([domain, ["display_name"]], {}),
    "web_search_read": lambda domain: ([domain, {"display_name": {}}], {}),
    "read_group": lambda domain: ([domain, ["create_uid"], ["create_uid"]], {}),
    "name_search": lambda domain: ([], {"name": "", "args": domain}),
}
RPC_REFUSED = {
    "read": lambda ids: ([ids, ["display_name"]], {}),
    "web_read": lambda ids: ([ids, {"display_name": {}}], {}),
    "export_data": lambda ids: ([ids, ["display_name"]], {}),
}


@tagged("post_install", "-at_install", "access_rights")
class TestPrivacy(HrPerformanceHttpCase, HrPerformanceReviewCase):
    """Peer B (``peers[0]``) gives private feedback and a 360 answer about the
    employee; peer A (``peers[1]``) tries to read them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.author, cls.attacker = cls.peers[0], cls.peers[1]
        cls.attacker.groups_id = [
            Command.link(cls.env.ref("base.group_allow_export").id)
        ]
        cls.feedback = sent(
            cls.env["hr.performance.feedback"]
            .with_user(cls.author)
            .create(
                {
                    "employee_id": cls.employees["employee"].id,
                    "visibility": "private",
                    "body": f"<p>{SECRET}</p>",
                }
            )
        ).sudo()
        requests = cls.env["hr.performance.review.request"].create(
            [
                {"appraisal_id": cls.appraisal.id, "reviewer_id": peer.id}
                for peer in (cls.author, cls.peers[2], cls.peers[3])
            ]
        )
        requests.action_approve()
        cls.responses = cls.env["hr.performance.review.response"].search(
            [("request_id", "in", requests.ids)], order="id"
        )
        cls.response = cls.responses.filtered(lambda r: r.author_id == cls.author)
        cls.attachments = cls.env["ir.attachment"].create(
            [
                {
                    "name": "private.txt",
                    "raw": ATTACHMENT,
                    "res_model": record._name,
                    "res_id": record.id,
                }
                for record in (cls.feedback, cls.response)
            ]
        )

    # ------------------------------------------------------------------ helpers

    def _call(self, model, method, args, kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def _answer_as_author(self, response, comment=SECRET):
        mine = self.as_user(response.author_id, response)
        for answer in mine.answer_ids:
            if answer.answer_type == "rating":
                answer.level_id = self.level[2]
            else:
                answer.comment = comment
        mine.action_submit()

    def _bonus(self, state, amount=100, **vals):
        """A bonus proposal for the employee, in ``state``."""
        return self.env["hr.performance.reward"].create(
            {
                "employee_id": self.employees["employee"].id,
                "kind": "bonus",
                "amount": amount,
                "effective_date": date(2027, 1, 1),
                "state": state,
                **vals,
            }
        )

    def _private_records(self):
        """{model: records} of B that A must never reach."""
        return {
            "hr.performance.feedback": self.feedback,
            "hr.performance.review.response": self.response,
            "hr.performance.review.answer": self.response.answer_ids,
            "ir.attachment": self.attachments,
        }

    # ------------------------------------------------------------------ 2. peers

    def test_peer_reaches_nothing_of_anothers_feedback_orm(self):
        self._answer_as_author(self.response)
        for model, records in self._private_records().items():
            domain = [("id", "in", records.ids)]
            Model = self.as_user(self.attacker, self.env[model])
            for method, call in ORM_EMPTY.items():
                with self.subTest(model=model, method=method):
                    self.assertFalse(call(Model, domain))
            for method, call in ORM_REFUSED.items():
                with self.subTest(model=model, method=method):
                    with self.assertRaises(AccessError):
                        call(self.as_user(self.attacker, records))
        # the author reads theirs: the matrix above is not empty by construction
        mine = self.as_user(self.author, self.env["hr.performance.review.answer"])
        self.assertEqual(mine.search([]), self.response.answer_ids)

    def test_peer_reaches_nothing_of_anothers_feedback_json_rpc(self):
        self._answer_as_author(self.response)
        self.authenticate(self.attacker.login, self.attacker.login)
        for model, records in self._private_records().items():
            domain = [("id", "in", records.ids)]
            for method, build in RPC_EMPTY.items():
                with self.subTest(model=model, method=method):
                    result = self._call(model, method, *build(domain))
                    if method == "web_search_read":
                        result = result["records"]
                    self.assertFalse(result)
            for method, build in RPC_REFUSED.items():
                with self.subTest(model=model, method=method):
                    with self.assertRaises(JsonRpcException) as caught:
                        self._call(model, method, *build(records.ids))
                    self.assertEqual(
                        str(caught.exception), "odoo.exceptions.AccessError"
                    )
            with self.subTest(model=model, method="mail.message"):
                messages = self._call(
                    "mail.message",
                    "search_read",
                    [
                        [("model", "=", model), ("res_id", "in", records.ids)],
                        ["body"],
                    ],
                    {},
                )
                self.assertEqual(messages, [])

    # ------------------------------------------------------------------ 3. filters

    def test_filters_and_orders_on_private_fields(self):
        """Private fields behind ``groups=`` cannot be filtered, ordered or grouped
        on, directly or through a relation; what record rules hide stays hidden
        whatever the path of the filter."""
        self._answer_as_author(self.response)
        intern = new_test_user(self.env, login="hrp_intern_filter")
        self._bonus("approved", level_id=self.level[5].id)
        refused = [
            (intern, "hr.employee", [("performance_checkin_cadence", "=", "none")]),
            (intern, "hr.employee.public", [("performance_checkin_cadence", "!=", 1)]),
            (intern, "hr.performance.checkin", [("note_ids.body", "ilike", "a")]),
            ("payroll", "hr.performance.reward", [("level_id.value", ">", 3)]),
            ("payroll", "hr.performance.reward", [("compa_ratio", ">", 0)]),
            ("payroll", "hr.performance.reward", [("appraisal_id.state", "!=", 1)]),
            # x2many emptiness tests skip the rules in Odoo: the groups hold
            ("employee", "hr.performance.appraisal", [("note_ids", "!=", False)]),
            ("employee", "hr.performance.appraisal", [("reward_ids", "=", False)]),
            ("employee", "hr.performance.checkin", [("note_ids", "!=", False)]),
        ]
        for user, model, domain in refused:
            Model = self.as_user(user, self.env[model])
            with self.subTest(model=model, domain=domain):
                with self.assertRaises(AccessError, msg=f"{model} {domain}"):
                    Model.search(domain)
                field = Model._fields[domain[0][0].split(".")[0]]
                if not field.column_type:
                    continue  # x2many: neither ordered nor grouped on
                with self.assertRaises(AccessError):
                    Model.search([], order=field.name)
                with self.assertRaises(AccessError):
                    Model.read_group([], [field.name], [field.name])
        # paths through the rules: what the superuser finds, the caller does not
        hidden = [
            (
                self.attacker,
                "hr.performance.feedback",
                [("body", "ilike", SECRET)],
            ),
            (
                "employee",
                "hr.performance.appraisal",
                [("assessment_ids.author_id", "=", self.users["manager"].id)],
            ),
            (
                "employee",
                "hr.performance.review.response",
                [("answer_ids.comment", "ilike", SECRET)],
            ),
            (
                "manager",
                "hr.performance.review.answer",
                [("response_id.author_id", "=", self.author.id)],
            ),
            (
                "officer",
                "hr.performance.review.response",
                [("appraisal_id", "=", self.appraisal.id)],
            ),
        ]
        # ... and the rules of the lines answer them
        self.env["hr.performance.pip"].create(
            {
                "employee_id": self.employees["employee"].id,
                "appraisal_id": self.appraisal.id,
                "date_review": date(2027, 6, 1),
            }
        )
        company_goal = self.env["hr.performance.goal"].create(
            {
                "name": "Company goal",
                "employee_id": self.employees["manager"].id,
                "date_deadline": date(2026, 12, 31),
            }
        )
        self.env["hr.performance.goal"].create(
            {
                "name": "Private aligned goal",
                "employee_id": self.employees["manager"].id,
                "date_deadline": date(2026, 12, 31),
                "private": True,
                "parent_id": company_goal.id,
            }
        )
        hidden += [
            ("employee", "hr.performance.appraisal", [("pip_ids", "!=", False)]),
            (
                self.attacker,
                "hr.performance.goal",
                [("id", "=", company_goal.id), ("child_ids", "!=", False)],
            ),
        ]
        for user, model, domain in hidden:
            with self.subTest(model=model, domain=domain):
                self.assertTrue(self.env[model].search(domain), "the filter hits")
                Model = self.as_user(user, self.env[model])
                found = Model.search(domain)
                self.assertFalse(found - Model.search([]).filtered_domain(domain))
                self.assertFalse(found, "nothing the caller reads matches")
        # the appraisee's own appraisal does not answer for its manager assessment
        Appraisal = self.as_user("employee", self.env["hr.performance.appraisal"])
        lead = self.appraisal._lead_assessment()
        lead.sudo().final_level_id = self.level[1]
        self.assertFalse(
            Appraisal.search([("assessment_ids.final_level_id", "=", self.level[1].id)])
        )

    def test_related_fields_never_search_private_content(self):
        """Non-stored related fields are read and searched as superuser: none may
        lead to what its reader cannot read."""
        goal = self.env["hr.performance.goal"].create(
            {
                "name": "Private goal",
                "employee_id": self.employees["employee"].id,
                "date_start": date(2026, 1, 1),
                "date_deadline": date(2026, 6, 30),
                "state": "active",
                "private": True,
                "progress_mode": "manual",
                "progress": 42,
            }
        )
        appraisal = self.env["hr.performance.appraisal"].create(
            {
                "cycle_id": self.cycle.id,
                "employee_id": self.employees["employee"].id,
                "date_reference": date(2026, 6, 30),
                "manager_id": self.employees["manager"].id,
            }
        )
        # a private goal is not rated in appraisals (officers read their answers)
        self.assertFalse(
            appraisal.assessment_ids.line_ids.filtered(lambda ln: ln.goal_id == goal)
        )
        self.assertEqual(goal.progress, 42)
        outsider = new_test_user(
            self.env,
            login="hrp_outside_officer",
            groups="base.group_user,hr_performance.group_hr_performance_officer",
        )
        with self.assertRaises(AccessError):
            self.as_user(outsider, goal).read(["progress"])
        # nor does an officer find a goal's progress through an answer
        described = (
            self.env["hr.performance.assessment.line"]
            .with_user(outsider)
            .fields_get(["goal_progress"], ["searchable", "sortable"])
        )
        self.assertEqual(
            described["goal_progress"], {"searchable": False, "sortable": False}
        )
        related = {
            f"{model._name}.{name}"
            for model in self.env.registry.values()
            if model._original_module == "hr_performance" and not model._abstract
            for name, field in model._fields.items()
            if field.related
            and not field.store
            and not field.groups
            and field._module == "hr_performance"
        }
        self.assertEqual(related, set(SAFE_RELATED))

    # ------------------------------------------------------------------ 4. authors

    def _appraisee_view(self):
        """Everything the appraisee reads around their appraisal: its records with
        their authors and dates, its messages, followers and activities, and the
        attachments they may open."""
        user = self.users["employee"]
        view = {}
        for model in (
            "hr.performance.appraisal",
            "hr.performance.review.request",
            "hr.performance.assessment",
        ):
            view[model] = self.as_user(user, self.env[model]).search_read(
                [], ["create_uid", "write_uid", "write_date"]
            )
        thread = [
            ("model", "=", self.appraisal._name),
            ("res_id", "=", self.appraisal.id),
        ]
        view["mail.message"] = self.as_user(user, self.env["mail.message"]).search_read(
            thread, ["author_id", "create_uid", "partner_ids"]
        )
        res = [
            ("res_model", "=", self.appraisal._name),
            ("res_id", "=", self.appraisal.id),
        ]
        view["mail.followers"] = self.as_user(
            user, self.env["mail.followers"]
        ).search_read(res, ["partner_id"])
        view["mail.activity"] = self.as_user(
            user, self.env["mail.activity"]
        ).search_read(res, ["user_id", "create_uid", "write_uid"])
        view["ir.attachment"] = self.as_user(
            user, self.env["ir.attachment"]
        ).search_read([], ["create_uid", "write_uid"])
        return view

    def test_appraisee_never_learns_who_answered(self):
        """Whether B answered changes nothing the appraisee can read: no author,
        writer, message, tracking value, follower, activity or attachment owner."""
        self.env.flush_all()
        before = self._appraisee_view()
        with freeze_time("2026-12-20 10:00:00"):
            self._answer_as_author(self.response)
            self.env.flush_all()
        after = self._appraisee_view()
        self.assertEqual(before, after)
        self.assertTrue(before["hr.performance.review.request"], "asked is known")
        partners = self.author.partner_id.ids
        for model, rows in after.items():
            with self.subTest(model=model):
                for row in rows:
                    for value in row.values():
                        ids = value if isinstance(value, list) else [value]
                        self.assertNotIn(self.author.id, [v for v in ids if v])
        messages = self.env["mail.message"].search(
            [("author_id", "in", partners), ("model", "!=", "hr.performance.feedback")]
        )
        self.assertFalse(messages, "B is the author of no message but their feedback")

    # ------------------------------------------------------------------ 5. managers

    def test_manager_sees_reports_only_and_follows_reorganisations(self):
        Appraisal = self.env["hr.performance.appraisal"]
        peer_manager = new_test_user(
            self.env,
            login="hrp_peer_manager",
            groups="base.group_user,hr_performance.group_hr_performance_manager",
        )
        self.env["hr.employee"].create(
            {"name": "Peer Manager", "user_id": peer_manager.id}
        )
        intern_user = new_test_user(self.env, login="hrp_intern_reorg")
        intern = self.env["hr.employee"].create(
            {
                "name": "Intern",
                "user_id": intern_user.id,
                "parent_id": self.employees["employee"].id,
            }
        )
        indirect = Appraisal.create(
            {"cycle_id": self.cycle.id, "employee_id": intern.id}
        )
        goal = self.env["hr.performance.goal"].create(
            {
                "name": "Intern goal",
                "employee_id": intern.id,
                "date_deadline": date(2026, 12, 31),
                "private": True,
            }
        )
        checkin = self.env["hr.performance.checkin"].create(
            {"employee_id": intern.id, "date": date(2026, 12, 1)}
        )
        feedback = self.env["hr.performance.feedback"].create(
            {
                "author_id": self.author.id,
                "employee_id": intern.id,
                "visibility": "manager",
                "body": "<p>For the managers</p>",
            }
        )
        records = [self.appraisal, indirect, goal, checkin, feedback]

        def readable(user):
            return [
                bool(self.as_user(user, record).search([("id", "=", record.id)]))
                for record in records
            ]

        # direct and indirect reports; the peer manager sees none of them
        self.assertEqual(readable("manager"), [True] * 5)
        self.assertEqual(readable("officer"), [True] * 5)
        self.assertEqual(readable(peer_manager), [False] * 5)
        # the intern moves to the peer manager's team: access follows at once
        intern.parent_id = peer_manager.employee_ids
        self.assertEqual(readable("manager"), [True, False, False, False, False])
        self.assertEqual(readable(peer_manager), [False, True, True, True, True])
        with self.assertRaises(AccessError):
            self.as_user("manager", indirect).read(["state"])
        # the same over JSON-RPC
        for login, expected in (
            ("hrp_test_manager", self.appraisal.ids),
            ("hrp_peer_manager", indirect.ids),
        ):
            self.authenticate(login, login)
            found = self._call(
                "hr.performance.appraisal",
                "search",
                [[("id", "in", (self.appraisal | indirect).ids)]],
                {},
            )
            self.assertEqual(found, expected)
        # the manager moves too: the officer keeps the officer's view only
        self.employees["manager"].parent_id = peer_manager.employee_ids
        self.assertEqual(readable(peer_manager), [True] * 5)

    # ------------------------------------------------------------------ 6. companies

    def _company_b(self):
        """An appraisal, a response and an approved reward in company B; the officer
        and the administrator work in both companies, company A active."""
        company_b = self.env["res.company"].create({"name": "HRP Company B"})
        for role in ("officer", "admin"):
            self.users[role].company_ids = [Command.link(company_b.id)]
        boss = self.env["hr.employee"].create(
            {"name": "Boss B", "company_id": company_b.id}
        )
        user_b = new_test_user(
            self.env, login="hrp_user_b", company_id=company_b.id, name="User B"
        )
        employee_b = self.env["hr.employee"].create(
            {
                "name": "User B",
                "user_id": user_b.id,
                "company_id": company_b.id,
                "parent_id": boss.id,
            }
        )
        cycle_b = self.env["hr.performance.cycle"].create(
            {
                "name": "Cycle B",
                "company_id": company_b.id,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "template_id": self.template.id,
                "employee_ids": [Command.set(employee_b.ids)],
            }
        )
        appraisal_b = self.env["hr.performance.appraisal"].create(
            {
                "cycle_id": cycle_b.id,
                "employee_id": employee_b.id,
                "state": "self_review",
            }
        )
        # the peer works for both companies and reviews User B
        self.author.company_ids = [Command.link(company_b.id)]
        request = self.env["hr.performance.review.request"].create(
            {"appraisal_id": appraisal_b.id, "reviewer_id": self.author.id}
        )
        request.action_approve()
        response_b = self.env["hr.performance.review.response"].search(
            [("request_id", "=", request.id)]
        )
        reward_b = self.env["hr.performance.reward"].create(
            {
                "employee_id": employee_b.id,
                "company_id": company_b.id,
                "kind": "raise",
                "percent": 3,
                "current_wage": 1000,
                "effective_date": date(2026, 1, 1),
                "state": "approved",
            }
        )
        return company_b, cycle_b, appraisal_b, response_b, reward_b

    def test_nothing_of_another_company(self):
        company_b, cycle_b, appraisal_b, response_b, reward_b = self._company_b()
        company_a = self.company.ids

        def in_a(user, records):
            return self.as_user(user, records).with_context(
                allowed_company_ids=company_a
            )

        for user, records in (
            ("officer", cycle_b),
            ("officer", appraisal_b),
            ("officer", appraisal_b.assessment_ids),
            ("officer", reward_b),
            ("admin", appraisal_b),
            (self.author, response_b),
            (self.author, response_b.answer_ids),
        ):
            with self.subTest(user=str(user), model=records._name):
                Model = in_a(user, records).browse()
                self.assertFalse(Model.search([("id", "in", records.ids)]))
                with self.assertRaises(AccessError):
                    in_a(user, records).read(["display_name"])
                # with company B active, the same user reads them
                both = self.as_user(user, records).with_context(
                    allowed_company_ids=company_a + company_b.ids
                )
                self.assertEqual(both.search([("id", "in", records.ids)]), records)
        Report = in_a("officer", self.env["ir.actions.report"])
        for report, records in (
            ("hr_performance.report_appraisal", appraisal_b),
            ("hr_performance.report_cycle", cycle_b),
        ):
            with self.subTest(report=report), self.assertRaises(AccessError):
                Report._render_qweb_html(report, records.ids)
        # actions and wizards take no foreign id either
        with self.assertRaises(AccessError):
            in_a("officer", cycle_b).action_cancel()
        with self.assertRaises(AccessError):
            in_a("admin", appraisal_b).action_purge_reviews()
        self.assertTrue(response_b.exists())
        with self.assertRaises(AccessError):
            self.env["hr.performance.cycle.launch"].with_user(
                self.users["officer"]
            ).with_context(allowed_company_ids=company_a).create(
                {"cycle_id": cycle_b.id}
            ).action_launch()
        wizard = (
            self.env["hr.performance.reward.apply"]
            .with_user(self.users["officer"])
            .with_context(allowed_company_ids=company_a)
            .create({"effective_date": date(2027, 1, 1)})
        )
        self.assertNotIn(reward_b, wizard.reward_ids)

    def test_every_company_dependent_model_has_a_company_rule(self):
        """A model with a company (its own or its parent's) has a global rule on
        the allowed companies."""
        Rule = self.env["ir.rule"]
        checked = 0
        for model in self.env.registry.values():
            if model._original_module != "hr_performance" or model._abstract:
                continue
            if model._transient or "company_id" not in model._fields:
                continue
            rules = Rule.search(
                [("model_id.model", "=", model._name), ("global", "=", True)]
            )
            with self.subTest(model=model._name):
                self.assertTrue(
                    any("company_ids" in rule.domain_force for rule in rules),
                    f"{model._name} has no global company rule",
                )
            checked += 1
        self.assertGreater(checked, 20)

    def test_reports_over_http_in_another_company(self):
        _company_b, cycle_b, appraisal_b, _response, _reward = self._company_b()
        self.authenticate("hrp_test_officer", "hrp_test_officer")
        # the web client passes the active companies in the context
        context = urllib.parse.quote(
            json.dumps({"allowed_company_ids": self.company.ids})
        )
        for url in (
            f"/report/pdf/hr_performance.report_appraisal/{appraisal_b.id}",
            f"/report/html/hr_performance.report_appraisal/{appraisal_b.id}",
            f"/report/html/hr_performance.report_cycle/{cycle_b.id}",
        ):
            with self.subTest(url=url), mute_logger("odoo.http"):
                response = self.url_open(f"{url}?context={context}")
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn("User B", response.text)

    # ------------------------------------------------------------------ 7. chatter

    def test_notes_on_feedback_notify_nobody(self):
        Notification = self.env["mail.notification"]
        before = Notification.search([])
        for user in (self.author, self.users["employee"]):
            with self.subTest(user=user.login):
                self.as_user(user, self.feedback).message_post(
                    body="A note", subtype_xmlid="mail.mt_note"
                )
        self.assertFalse(Notification.search([]) - before)
        self.assertFalse(self.feedback.message_follower_ids)
        self.appraisal.message_post(body="A note", subtype_xmlid="mail.mt_note")
        Message = self.as_user(self.attacker, self.env["mail.message"])
        for record in (self.feedback, self.appraisal):
            with self.subTest(model=record._name):
                domain = [("model", "=", record._name), ("res_id", "=", record.id)]
                self.assertTrue(self.env["mail.message"].search(domain))
                self.assertFalse(Message.search(domain))
                self.assertFalse(Message.search_count(domain))
                # without the model: other documents' messages of the same id may be
                # readable, none of this record's
                found = Message.search([("res_id", "=", record.id)])
                # sudo: the test's oracle reads the models of what the attacker found
                models_found = set(found.sudo().mapped("model"))
                self.assertNotIn(record._name, models_found)

    def test_activities_subscribe_no_one_who_cannot_read(self):
        # by hand: the assignee must be able to read the record (core check)
        with self.assertRaises(AccessError):
            self.as_user("manager", self.appraisal).activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.attacker.id
            )
        # by the escalation cron: an extra appraiser's manager outside the
        # employee's chain gets no activity and does not follow the appraisal
        outsider_boss = new_test_user(self.env, login="hrp_outsider_boss")
        boss = self.env["hr.employee"].create(
            {"name": "Outsider Boss", "user_id": outsider_boss.id}
        )
        extra = new_test_user(self.env, login="hrp_extra_appraiser")
        self.env["hr.employee"].create(
            {"name": "Extra", "user_id": extra.id, "parent_id": boss.id}
        )
        self.appraisal.appraiser_ids = [Command.link(extra.id)]
        self.appraisal.action_skip_self_review()
        self.assertFalse(self.as_user(outsider_boss, self.appraisal).has_access("read"))
        Appraisal = self.env["hr.performance.appraisal"]
        for day in ("2027-02-01", "2027-02-10"):
            with freeze_time(day):
                Appraisal._cron_remind()
        escalated = self.appraisal.activity_ids.filtered(
            lambda act: "Overdue" in (act.summary or "")
        )
        self.assertEqual(escalated.user_id, self.users["officer"])
        self.assertNotIn(
            outsider_boss.partner_id, self.appraisal.message_follower_ids.partner_id
        )
        followers = self.appraisal.message_follower_ids.partner_id.user_ids
        for user in followers:
            with self.subTest(follower=user.login):
                self.assertTrue(self.as_user(user, self.appraisal).has_access("read"))

    # ------------------------------------------------------------------ 8. files

    def test_attachments_of_private_records(self):
        Attachment = self.as_user(self.attacker, self.env["ir.attachment"])
        self.assertFalse(Attachment.search([("id", "in", self.attachments.ids)]))
        for attachment in self.attachments:
            with self.subTest(model=attachment.res_model):
                with self.assertRaises(AccessError):
                    self.as_user(self.attacker, attachment).read(["datas"])
                with self.assertRaises(AccessError):
                    self.as_user(self.attacker, attachment).datas  # noqa: B018
        # the author of the feedback reads theirs: the refusals above are real
        own = self.as_user(self.author, self.attachments[0])
        self.assertEqual(own.raw, ATTACHMENT)
        self.authenticate(self.attacker.login, self.attacker.login)
        for attachment in self.attachments:
            with self.subTest(url=attachment.res_model), mute_logger("odoo.http"):
                response = self.url_open(f"/web/content/{attachment.id}")
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn(ATTACHMENT, response.content)
                response = self.url_open(
                    f"/web/content/{attachment.res_model}/{attachment.res_id}/body"
                )
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn(SECRET.encode(), response.content)

    # ------------------------------------------------------------------ 9. employees

    def test_every_private_employee_field_has_groups(self):
        """The reading half is test_checkin_privacy's
        test_plain_user_reads_every_employee_field."""
        checked = []
        for model in ("hr.employee", "hr.employee.public"):
            for name, field in self.env[model]._fields.items():
                if "hr_performance" not in (field._module or ""):
                    continue
                with self.subTest(field=f"{model}.{name}"):
                    self.assertTrue(field.groups, f"{model}.{name} has no groups=")
                checked.append(name)
        self.assertTrue(checked)

    # ------------------------------------------------------------------ 10. actions

    @staticmethod
    def _privileged_writes():
        """Spy: the (model, operation) of every superuser create/write/unlink."""
        done = []
        originals = {op: getattr(BaseModel, op) for op in ("create", "write", "unlink")}

        def spy(operation):
            def method(self, *args, **kwargs):
                if self.env.su and self._name.startswith(("hr.performance", "mail.")):
                    done.append((self._name, operation))
                return originals[operation](self, *args, **kwargs)

            return method

        patches = [
            patch.object(BaseModel, op, spy(op), create=False) for op in originals
        ]
        return done, patches

    def test_actions_recheck_the_caller_before_any_sudo(self):
        reward = self._bonus("proposed", proposed_by_id=self.users["officer"].id)
        self.cycle.state = "running"
        # the attacker cannot open the wizard (test_privacy): given one anyway,
        # signing with it is refused too
        sign = (
            self.env["hr.performance.appraisal.sign"]
            .create({"appraisal_id": self.appraisal.id})
            .with_user(self.attacker)
        )
        refused = [
            ("employee", self.cycle, "action_cancel"),
            ("manager", self.cycle, "action_cancel"),
            ("employee", self.cycle, "action_generate_rewards"),
            ("employee", self.appraisal, "action_skip_self_review"),
            ("employee", self.appraisal, "action_release"),
            ("employee", self.appraisal, "action_close_review"),
            ("employee", self.appraisal, "action_purge_reviews"),
            (self.attacker, self.appraisal, "action_close_review"),
            (self.attacker, self.appraisal, "action_sign"),
            (self.attacker, sign, "action_sign"),
            ("employee", self.appraisal.review_request_ids[:1], "action_approve"),
            ("employee", self.appraisal.review_request_ids[:1], "action_reject"),
            (self.attacker, self.response, "action_submit"),
            ("manager", self.appraisal.self_assessment_id, "action_reopen"),
            ("manager", self.appraisal.self_assessment_id, "action_submit"),
            ("manager", reward, "action_approve"),
            ("payroll", reward, "action_approve"),
            ("employee", reward, "action_cancel"),
            ("employee", reward, "action_export_payroll"),
        ]
        for user, records, method in refused:
            with self.subTest(user=str(user), model=records._name, method=method):
                done, patches = self._privileged_writes()
                for spy in patches:
                    spy.start()
                try:
                    with self.assertRaises(UserError):
                        getattr(self.as_user(user, records), method)()
                finally:
                    for spy in patches:
                        spy.stop()
                self.assertEqual(done, [], "privileged writes before the refusal")

    def test_links_to_unreadable_records_are_refused(self):
        """A many2one shows its target's name to its readers: nobody links, by id,
        a record they cannot read (here the employee's private goal)."""
        private = self.env["hr.performance.goal"].create(
            {
                "name": "Private goal",
                "employee_id": self.employees["employee"].id,
                "date_deadline": date(2026, 12, 31),
                "private": True,
            }
        )
        own = self.env["hr.performance.goal"].create(
            {
                "name": "Own goal",
                "employee_id": self.attacker.employee_ids.id,
                "date_deadline": date(2026, 12, 31),
            }
        )
        Feedback = self.env["hr.performance.feedback"].with_user(self.attacker)
        Goal = self.env["hr.performance.goal"].with_user(self.attacker)
        attempts = {
            "feedback.goal_id": lambda: Feedback.create(
                {
                    "employee_id": self.employees["employee"].id,
                    "visibility": "public",
                    "kind": "praise",
                    "body": "<p>Well done</p>",
                    "goal_id": private.id,
                }
            ),
            "goal.parent_id (create)": lambda: Goal.create(
                {
                    "name": "Aligned",
                    "employee_id": self.attacker.employee_ids.id,
                    "date_deadline": date(2026, 12, 31),
                    "parent_id": private.id,
                }
            ),
            "goal.parent_id (write)": lambda: own.with_user(self.attacker).write(
                {"parent_id": private.id}
            ),
        }
        for name, attempt in attempts.items():
            with self.subTest(link=name), self.assertRaises(AccessError):
                attempt()
        self.assertFalse(private.child_ids)
        # the manager, who reads the goal, links it
        praise = (
            self.env["hr.performance.feedback"]
            .with_user(self.users["manager"])
            .create(
                {
                    "employee_id": self.employees["employee"].id,
                    "body": "<p>Good progress</p>",
                    "goal_id": private.id,
                }
            )
        )
        self.assertEqual(praise.sudo().goal_id, private)

    # ------------------------------------------------------------------ 11. final

    def test_submitted_feedback_and_approved_rewards_are_final(self):
        """For the author, the subject and the manager alike. The 360 author's own
        attempts are in test_review_anonymity's test_submitted_feedback_is_final."""
        self._answer_as_author(self.response)
        self_assessment = self.appraisal.self_assessment_id
        self.answer(self_assessment.with_user(self.users["employee"]))
        self_assessment.with_user(self.users["employee"]).action_submit()
        reward = self._bonus("approved", amount=80)
        cases = [
            (
                self.feedback,
                {"body": "<p>Edited</p>"},
                (self.author, "employee", "manager"),
            ),
            (self.response, {"state": "draft"}, ("employee", "manager", "officer")),
            (
                self.response.answer_ids[:1],
                {"comment": "Edited"},
                ("employee", "manager", "officer"),
            ),
            (
                self_assessment,
                {"summary": "Edited"},
                ("employee", "manager", "officer"),
            ),
            (
                self_assessment.line_ids[:1],
                {"comment": "Edited"},
                ("employee", "manager", "officer"),
            ),
            (reward, {"amount": 8000}, ("employee", "manager", "officer", "payroll")),
        ]
        for records, vals, users in cases:
            for user in users:
                with self.subTest(model=records._name, user=str(user)):
                    with self.assertRaises(UserError):
                        self.as_user(user, records).write(vals)
                    with self.assertRaises(UserError):
                        self.as_user(user, records).unlink()
        self.assertEqual(reward.amount, 80)
        self.assertIn(SECRET, self.feedback.body)

    # ------------------------------------------------------------------ 12. payroll

    def test_payroll_reads_reward_proposals_and_nothing_private(self):
        """Portal and public users have no access at all: test_access_rights."""
        self._answer_as_author(self.response)
        rewards = self.env["hr.performance.reward"].union(
            *(
                self._bonus(
                    state,
                    amount,
                    level_id=self.level[4].id,
                    appraisal_id=self.appraisal.id,
                )
                for amount, state in ((10, "approved"), (20, "draft"), (30, "proposed"))
            )
        )
        Reward = self.as_user("payroll", self.env["hr.performance.reward"])
        self.assertEqual(Reward.search([("id", "in", rewards.ids)]), rewards[0])
        [values] = Reward.browse(rewards[0].id).read(["amount", "employee_id"])
        self.assertEqual(values["amount"], 10)
        for field in ("appraisal_id", "level_id", "compa_ratio", "contract_id"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                Reward.browse(rewards[0].id).read([field])
        self.env["hr.performance.checkin"].create(
            {"employee_id": self.employees["employee"].id, "date": date(2026, 12, 1)}
        )
        for model in (
            "hr.performance.appraisal",
            "hr.performance.assessment",
            "hr.performance.assessment.line",
            "hr.performance.review.response",
            "hr.performance.review.answer",
            "hr.performance.review.request",
            "hr.performance.feedback",
            "hr.performance.checkin",
        ):
            # the praise wall is everyone's, payroll's too (demo data has some)
            domain = (
                [("visibility", "!=", "public")]
                if model == "hr.performance.feedback"
                else []
            )
            with self.subTest(model=model):
                self.assertTrue(self.env[model].search_count(domain), "there is data")
                Model = self.as_user("payroll", self.env[model])
                self.assertFalse(Model.search_count(domain))
        for model in (
            "hr.performance.appraisal.note",
            "hr.performance.checkin.note",
            "hr.performance.calibration.line",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.as_user("payroll", self.env[model]).search([])

    # ------------------------------------------------------------------ 13. mails

    def test_mails_sent_as_superuser_stay_within_what_the_recipient_reads(self):
        """Every notification and e-mail of the flows (feedback, 360 invitations
        and submission, close, purge) goes to someone who reads its document."""
        Notification = self.env["mail.notification"]
        Mail = self.env["mail.mail"]
        start_notifications, start_mails = Notification.search([]), Mail.search([])
        self.env["hr.performance.feedback"].with_user(self.attacker).create(
            {"employee_id": self.employees["employee"].id, "body": f"<p>{SECRET}</p>"}
        ).action_send()
        for response in self.responses:
            self._answer_as_author(response, comment="Reliable")
        self.as_user("manager", self.appraisal).action_close_review()
        self.as_user("admin", self.appraisal).action_purge_reviews()
        notifications = Notification.search([]) - start_notifications
        mails = Mail.search([]) - start_mails
        self.assertTrue(notifications or mails, "the flows notify someone")
        for notification in notifications:
            message = notification.mail_message_id
            with self.subTest(
                message=message.id, partner=notification.res_partner_id.id
            ):
                users = notification.res_partner_id.user_ids
                self.assertTrue(users)
                record = self.env[message.model].browse(message.res_id)
                self.assertTrue(self.as_user(users[0], record).has_access("read"))
        for mail in mails:
            with self.subTest(mail=mail.id):
                if mail.model and mail.res_id:
                    record = self.env[mail.model].browse(mail.res_id)
                    for user in mail.recipient_ids.user_ids:
                        self.assertTrue(self.as_user(user, record).has_access("read"))
                self.assertNotIn(SECRET, str(mail.body_html))
