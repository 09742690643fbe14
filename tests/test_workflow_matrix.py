# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The attack matrix that enumerates by itself (issue 13).

Every model of the addon, every role, every field and every public method are
listed from the registry, not by hand: a model, a field or a button added later is
attacked here without anyone writing a test for it.

* writes: as each role that may write a record of each model, every field outside
  what the model's workflow declares for that role and state is refused, and no
  state is ever written directly;
* creates: no record is born in a later state, and the server's fields given by a
  client are ignored;
* buttons: every public method answers the same to a record that does not exist
  and to one the caller may not read (no existence oracle);
* field groups: every field carrying ``groups=`` is refused, over every read path,
  to every role outside them.
"""

import inspect
import re
from datetime import date, datetime
from pathlib import Path

from odoo import Command, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.models import MAGIC_COLUMNS
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import HrPerformanceReviewCase, sent

WORKFLOW = "hr.performance.workflow"
# models users write without the workflow mixin, and why that is safe
NO_WORKFLOW = {
    "hr.performance.calibration.change": "written by the server only (no write ACL)",
    "hr.performance.merit.matrix": "configuration of officers, nothing personal",
    "hr.performance.merit.matrix.line": "configuration of officers, nothing personal",
    "hr.performance.reward.budget": "configuration of officers, nothing personal",
    "hr.performance.rating.scale": "configuration of administrators",
    "hr.performance.rating.level": "configuration of administrators",
    "hr.performance.template": "configuration of administrators",
    "hr.performance.template.section": "configuration of administrators",
    "hr.performance.template.question": "configuration of administrators",
    "hr.performance.value": "configuration of administrators",
    "hr.performance.measure.source": "configuration of administrators",
}
ROLES = ("employee", "manager", "officer", "admin", "payroll", "hr_manager")
ERRORS = (AccessError, MissingError, UserError, ValidationError)


class WorkflowFixture(HrPerformanceReviewCase):
    """A record of every model users write (see ``_samples``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.samples = cls._samples()

    @classmethod
    def _samples(cls):
        """One record of every model the addon lets users write, about the
        employee (reporting to the manager, who reports to the officer)."""
        env = cls.env
        employee = cls.employees["employee"]
        request = env["hr.performance.review.request"].create(
            {"appraisal_id": cls.appraisal.id, "reviewer_id": cls.peers[0].id}
        )
        request.action_approve()
        response = env["hr.performance.review.response"].search(
            [("request_id", "=", request.id)]
        )
        checkin = env["hr.performance.checkin"].create(
            {"employee_id": employee.id, "date": datetime(2026, 12, 1, 9)}
        )
        goal = env["hr.performance.goal"].create(
            {
                "name": "HRP matrix goal",
                "employee_id": employee.id,
                "date_deadline": date(2026, 12, 31),
                "key_result_ids": [Command.create({"name": "HRP matrix result"})],
            }
        )
        session = env["hr.performance.calibration"].create(
            {"name": "HRP matrix session", "cycle_id": cls.cycle.id}
        )
        lead = cls.appraisal.assessment_ids.filtered("is_lead")
        samples = {
            "hr.performance.goal": goal,
            "hr.performance.key.result": goal.key_result_ids,
            "hr.performance.checkin": checkin,
            "hr.performance.checkin.topic": env["hr.performance.checkin.topic"].create(
                {"checkin_id": checkin.id, "name": "HRP topic"}
            ),
            "hr.performance.checkin.action": env[
                "hr.performance.checkin.action"
            ].create({"checkin_id": checkin.id, "name": "HRP action"}),
            "hr.performance.checkin.note": env["hr.performance.checkin.note"]
            .with_user(cls.users["manager"])
            .create({"checkin_id": checkin.id, "body": "<p>HRP note</p>"}),
            "hr.performance.checkin.update": env["hr.performance.checkin.update"],
            "hr.performance.feedback": sent(
                env["hr.performance.feedback"]
                .with_user(cls.peers[1])
                .create({"employee_id": employee.id, "body": "<p>HRP feedback</p>"})
            ),
            "hr.performance.cycle": cls.cycle,
            "hr.performance.appraisal": cls.appraisal,
            "hr.performance.assessment": lead,
            "hr.performance.assessment.line": lead.line_ids[:1],
            "hr.performance.appraisal.note": env["hr.performance.appraisal.note"]
            .with_user(cls.users["manager"])
            .create({"appraisal_id": cls.appraisal.id, "body": "<p>HRP note</p>"}),
            "hr.performance.development.action": env[
                "hr.performance.development.action"
            ].create({"appraisal_id": cls.appraisal.id, "name": "HRP course"}),
            "hr.performance.pip": env["hr.performance.pip"].create(
                {"employee_id": employee.id, "date_review": date(2027, 3, 1)}
            ),
            "hr.performance.review.request": request,
            "hr.performance.review.response": response,
            "hr.performance.review.answer": response.answer_ids[:1],
            "hr.performance.calibration": session,
            "hr.performance.calibration.line": env[
                "hr.performance.calibration.line"
            ].create(
                {
                    "session_id": session.id,
                    "appraisal_id": cls.appraisal.id,
                    "level_id": cls.level[3].id,
                }
            ),
            "hr.performance.reward": env["hr.performance.reward"].create(
                {
                    "employee_id": employee.id,
                    "kind": "bonus",
                    "amount": 100,
                    "effective_date": date(2026, 12, 31),
                }
            ),
        }
        return {name: record.sudo() for name, record in samples.items()}


@tagged("post_install", "-at_install", "access_rights")
class TestWorkflowMatrix(WorkflowFixture):
    maxDiff = None

    def _addon_models(self):
        return sorted(
            name
            for name in self.env.registry
            if name.startswith("hr.performance.")
            and not self.env[name]._abstract
            and not self.env[name]._transient
            and self.env[name]._auto
        )

    def _writers(self, name):
        """The roles whose access rights let them write or create ``name``."""
        return [
            role
            for role in ROLES
            if self.env[name].with_user(self.users[role]).has_access("write")
            or self.env[name].with_user(self.users[role]).has_access("create")
        ]

    def _accepts(self, call, *args, errors=ERRORS):
        """Whether ``call(*args)`` goes through (rolled back either way)."""
        with self.env.cr.savepoint() as savepoint:
            try:
                call(*args)
            except errors:
                return False
            finally:
                savepoint.rollback()
        return True

    def test_every_written_model_declares_its_workflow(self):
        undeclared = [
            name
            for name in self._addon_models()
            if self._writers(name)
            and not isinstance(self.env[name], self.env.registry[WORKFLOW])
            and name not in NO_WORKFLOW
        ]
        self.assertEqual(undeclared, [], "a model users write needs its workflow")
        missing = [
            name
            for name in self._addon_models()
            if isinstance(self.env[name], self.env.registry[WORKFLOW])
            and name not in self.samples
        ]
        self.assertEqual(missing, [], "a workflow model needs a sample here")

    def test_no_field_is_written_outside_its_declaration(self):
        """Every field, every role: a write the workflow does not declare is
        refused, for users who may write the record at all."""
        accepted = []
        for name, record in sorted(self.samples.items()):
            if not record:
                continue
            for role in ROLES:
                user = self.users[role]
                mine = record.with_user(user)
                if not mine.has_access("write"):
                    continue
                allowed = record._workflow_writable(mine._workflow_roles()[mine]) - {
                    record._workflow_state
                }
                for field_name, field in record._fields.items():
                    if (
                        field_name in allowed
                        or not field.store
                        or field_name in MAGIC_COLUMNS
                        or (field.compute and field.readonly)
                    ):
                        continue
                    value = (
                        []
                        if field.type in ("one2many", "many2many")
                        else record[field_name]
                    )
                    value = value.id if field.type == "many2one" else value
                    if self._accepts(mine.write, {field_name: value}):
                        accepted.append(f"{name}.{field_name} by {role}")
        self.assertEqual(accepted, [])

    def test_no_state_is_written_directly(self):
        accepted = []
        for name, record in sorted(self.samples.items()):
            state = record._workflow_state
            if not record or not state:
                continue
            for value, _label in record._fields[state]._description_selection(self.env):
                for role in ROLES:
                    mine = record.with_user(self.users[role])
                    if self._accepts(mine.write, {state: value}):
                        accepted.append(f"{name} {value} by {role}")
        self.assertEqual(accepted, [])

    def _valid_vals(self, name, record):
        """Values with which a copy of ``record`` can be created."""
        vals = record.copy_data()[0]
        if name == "hr.performance.appraisal":
            vals["date_reference"] = date(2026, 6, 30)
        if name == "hr.performance.review.request":
            vals["reviewer_id"] = self.peers[2].id
        return vals

    def _try_create(self, Model, vals):
        """The record ``vals`` create, or None when the create is refused."""
        with self.env.cr.savepoint() as savepoint:
            try:
                created = Model.create(vals).sudo()
                snapshot = {name: created[name] for name in vals if name in created}
                return snapshot
            except Exception:  # noqa: BLE001 - refused in any way
                return None
            finally:
                savepoint.rollback()

    def test_no_record_is_born_later_or_with_the_servers_fields(self):
        """For every workflow model and every role that creates it: a later state
        is refused; the server's fields given by the client are ignored."""
        accepted = []
        for name, record in sorted(self.samples.items()):
            if not record:
                continue
            Model = self.env[name]
            state = Model._workflow_state
            base = self._valid_vals(name, record)
            for role in self._writers(name):
                mine = Model.with_user(self.users[role])
                if self._try_create(mine, base) is None:
                    continue  # this role creates no such record
                if state:
                    default = Model.default_get([state]).get(state)
                    for value, _label in Model._fields[state]._description_selection(
                        self.env
                    ):
                        if value != default and self._try_create(
                            mine, {**base, state: value}
                        ):
                            accepted.append(f"{name} born {value} by {role}")
                forged = {
                    field_name: self.peers[3].id
                    for field_name in Model._workflow_server_fields
                    if Model._fields[field_name].type == "many2one"
                    and Model._fields[field_name].comodel_name == "res.users"
                }
                created = self._try_create(mine, {**base, **forged}) or {}
                accepted += [
                    f"{name}.{field_name} by {role}"
                    for field_name in forged
                    if created.get(field_name) == self.peers[3]
                ]
        self.assertEqual(accepted, [])

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_buttons_tell_missing_from_unreadable_apart_for_nobody(self):
        """Every public method of the addon, called by an outsider on a record that
        does not exist and on one they may not read, answers the same."""
        other = self.env["res.company"].create({"name": "HRP Matrix Other Co"})
        outsider = new_test_user(
            self.env,
            login="hrp_matrix_outsider",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        framework = set(dir(models.BaseModel))
        for mixin in ("mail.thread", "mail.activity.mixin"):
            framework |= set(dir(self.env.registry[mixin]))
        differing = []
        for name, record in sorted(self.samples.items()):
            if not record:
                continue
            Model = type(self.env[name])
            for attr in dir(Model):
                method = getattr(Model, attr, None)
                if (
                    attr.startswith("_")
                    or attr in framework
                    or not callable(method)
                    or not getattr(method, "__module__", "").startswith(
                        "odoo.addons.hr_performance."
                    )
                    or getattr(method, "_api_model", False)
                ):
                    continue
                params = [
                    p
                    for p in inspect.signature(method).parameters.values()
                    if p.name != "self" and p.default is inspect.Parameter.empty
                ]
                args = ["X"] * len(params)
                answers = []
                for target in (record.browse(10**8), record[:1]):
                    with self.env.cr.savepoint() as savepoint:
                        try:
                            getattr(target.with_user(outsider), attr)(*args)
                            answers.append("accepted")
                        except Exception as error:  # noqa: BLE001 - compared below
                            answers.append(f"{type(error).__name__}: {error}")
                        finally:
                            savepoint.rollback()
                if answers[0] != answers[1] or answers[1] == "accepted":
                    differing.append(f"{name}.{attr}: {answers}")
        self.assertEqual(differing, [])

    def test_fields_with_groups_are_refused_to_everyone_outside_them(self):
        """Every field of the addon carrying ``groups=``, over read, search_read,
        read_group and a search domain, for every role outside its groups."""
        leaked = []
        for name in self._addon_models():
            Model = self.env[name]
            for field_name, field in Model._fields.items():
                if not field.groups:
                    continue
                for role in ROLES:
                    mine = Model.with_user(self.users[role])
                    if field.is_accessible(mine.env) or not mine.has_access("read"):
                        continue
                    paths = {
                        "search_read": lambda m, f=field_name: m.search_read([], [f]),
                    }
                    if field.store or field.related or field.search:
                        paths["domain"] = lambda m, f=field_name: m.search(
                            [(f, "!=", False)]
                        )
                    if field.store:
                        paths["read_group"] = lambda m, f=field_name: m.read_group(
                            [], [f], [f]
                        )
                    leaked += [
                        f"{name}.{field_name} {path} by {role}"
                        for path, call in paths.items()
                        if self._accepts(call, mine, errors=(*ERRORS, ValueError))
                    ]
        self.assertEqual(leaked, [])


# analysis -> (its rows' source column, how the source records are found as a reader)
SOURCES = {
    "hr.performance.report.rating": (
        "appraisal_id",
        lambda env, ids: env["hr.performance.assessment"]
        .search([("is_lead", "=", True), ("appraisal_id", "in", ids)])
        .appraisal_id,
    ),
    "hr.performance.report.goal": (
        "goal_id",
        lambda env, ids: env["hr.performance.goal"].search([("id", "in", ids)]),
    ),
    "hr.performance.report.cycle": (
        "appraisal_id",
        lambda env, ids: env["hr.performance.appraisal"].search([("id", "in", ids)]),
    ),
    "hr.performance.report.checkin": (
        "checkin_id",
        lambda env, ids: env["hr.performance.checkin"].search([("id", "in", ids)]),
    ),
    "hr.performance.report.feedback": (
        "id",
        lambda env, ids: env["hr.performance.feedback"].search([("id", "in", ids)]),
    ),
    "hr.performance.report.reward": (
        "reward_id",
        lambda env, ids: env["hr.performance.reward"].search([("id", "in", ids)]),
    ),
}


@tagged("post_install", "-at_install", "access_rights")
class TestReportRulesFollowTheirSources(WorkflowFixture):
    """The analyses' rules are written beside their sources' rules: for every role,
    the rows an analysis shows are exactly those of the source records the reader
    may read, so the two sets of rules cannot drift apart."""

    def test_every_analysis_is_compared(self):
        reports = {
            name
            for name in self.env.registry
            if name.startswith("hr.performance.report.")
        } - {"hr.performance.report.view"}
        self.assertEqual(reports, set(SOURCES))

    def test_rows_are_the_readable_sources(self):
        lead = self.samples["hr.performance.assessment"]
        lead.final_level_id = self.level[3]
        self.samples["hr.performance.checkin"].state = "done"
        self.env.flush_all()
        drifts = []
        for name, (column, sources) in sorted(SOURCES.items()):
            every = self.env[name].sudo().search([])
            ids = (
                [i for i in every.mapped(column) if i]
                if column == "id"
                else (every[column].ids)
            )
            for role in (*ROLES, "portal"):
                user = self.users[role]
                report = self.env[name].with_user(user)
                if not report.has_access("read"):
                    continue
                rows = report.search([])
                shown = set(rows.ids if column == "id" else rows[column].ids)
                readable = set(sources(self.env(user=user), ids).ids)
                if shown != readable:
                    drifts.append(f"{name} as {role}: {shown ^ readable}")
        self.assertEqual(drifts, [])


@tagged("post_install", "-at_install", "access_rights")
class TestOnchangeLinks(WorkflowFixture):
    def test_onchange_reveals_nothing_through_any_link(self):
        """Every many2one of a workflow model to a performance record, set in an
        onchange to a record the caller cannot read: refused, for every model."""
        other = self.env["res.company"].create({"name": "HRP Onchange Other Co"})
        outsider = new_test_user(
            self.env,
            login="hrp_onchange_outsider",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        answered = []
        for name in sorted(self.samples):
            Model = self.env[name].with_user(outsider)
            for field_name, field in Model._fields.items():
                target = self.samples.get(field.comodel_name)
                if field.type != "many2one" or not target:
                    continue
                spec = {field_name: {}, "display_name": {}}
                spec.update(
                    {
                        other_name: {}
                        for other_name, other in Model._fields.items()
                        if other.related and other.related.startswith(field_name + ".")
                    }
                )
                try:
                    Model.onchange({field_name: target[:1].id}, [field_name], spec)
                    answered.append(f"{name}.{field_name}")
                except AccessError:
                    continue
        self.assertEqual(answered, [])


ADDON = Path(__file__).resolve().parent.parent
SUDO_REASON = re.compile(r"#\s*sudo:")


@tagged("post_install", "-at_install", "access_rights")
class TestDeclaredEverywhere(TransactionCase):
    def test_every_model_guards_its_links(self):
        """Every model of the addon refuses links to unreadable records, onchange
        included (the guard), whether users write it or not."""
        # abstract models with fields of their own are mixins and views: guarded too
        unguarded = [
            name
            for name in self.env.registry
            if name.startswith("hr.performance.")
            and set(self.env[name]._fields) - set(MAGIC_COLUMNS) - {"display_name"}
            and not isinstance(
                self.env[name], self.env.registry["hr.performance.guard"]
            )
        ]
        self.assertEqual(unguarded, [])

    def test_every_sudo_says_why(self):
        """No ``sudo()`` of the addon's code without its reason on the line or just
        above (``# sudo: ...``); steps the caller was checked for use
        ``_hrp_sudo()`` / ``clean_sudo()``, which also drop the caller's defaults."""
        silent = []
        for folder in ("models", "wizards", "reports", "controllers"):
            for path in sorted((ADDON / folder).glob("*.py")):
                lines = path.read_text().splitlines()
                for number, line in enumerate(lines):
                    if ".sudo()" not in line or line.lstrip().startswith("#"):
                        continue
                    around = lines[max(0, number - 2) : number + 1]
                    if not any(SUDO_REASON.search(text) for text in around):
                        silent.append(f"{path.relative_to(ADDON)}:{number + 1}")
        self.assertEqual(silent, [])
