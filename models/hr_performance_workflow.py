# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import functools
from collections import namedtuple

from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tools.mail import generate_tracking_message_id

from .hr_performance_access import (
    ADMIN,
    OFFICER,
    PAYROLL,
    ROLE_ADMIN,
    ROLE_EMPLOYEE,
    ROLE_MANAGER,
    ROLE_OFFICER,
    ROLE_PAYROLL,
    ROLE_UPPER,
)
from .hr_performance_guard import check_readable

ANY = "*"  # a state key of ``_workflow_fields``: in every state

# A step of a workflow: the button ``name`` moves records from one of ``sources`` to
# ``target``, for the users holding one of ``roles`` on the record; ``refusal`` is
# the whole sentence (lazily translated) told to anyone else.
Transition = namedtuple("Transition", "name sources target roles refusal")


class Chain:
    """What the current user is in the org chart, computed once per check and only
    when asked: their employees, everyone strictly below them, and their groups."""

    def __init__(self, env):
        self.env = env
        self.user = env.user
        self.officer = self.user.has_group(OFFICER)
        self.admin = self.user.has_group(ADMIN)
        self.payroll = self.user.has_group(PAYROLL)
        self.companies = self.user.company_ids

    @functools.cached_property
    def mine(self):
        return self.env["hr.employee"]._hrp_user_employees(self.user)

    @functools.cached_property
    def below(self):
        return self.mine._hrp_reports(strict=True) if self.mine else self.mine

    def is_self(self, employee):
        # sudo: the employee's user: the org chart is public
        return bool(employee) and employee.sudo().user_id == self.user

    def manages(self, employee):
        """Strictly above ``employee``, never for oneself."""
        return bool(employee) and employee in self.below and not self.is_self(employee)

    def manages_manager(self, employee):
        """Above ``employee``'s direct manager."""
        # sudo: the employee's manager: the org chart is public
        parent = employee.sudo().parent_id
        return bool(parent) and parent in self.below and not self.is_self(employee)

    def staff_roles(self, company, employee=None):
        """The officer, administrator and payroll roles on a record of ``company``
        about ``employee``: none of the first two on one's own records."""
        roles = set()
        if company and company not in self.companies:
            return roles
        if self.payroll:
            roles.add(ROLE_PAYROLL)
        if employee is not None and self.is_self(employee):
            return roles
        if self.officer:
            roles.add(ROLE_OFFICER)
        if self.admin:
            roles.add(ROLE_ADMIN)
        return roles

    def employee_roles(self, employee, company):
        """The usual roles on a record about ``employee``: the employee, the strict
        manager chain, the chain above the direct manager, and staff roles."""
        roles = self.staff_roles(company, employee)
        if self.is_self(employee):
            roles.add(ROLE_EMPLOYEE)
        if self.manages(employee):
            roles.add(ROLE_MANAGER)
        if self.manages_manager(employee):
            roles.add(ROLE_UPPER)
        return roles


class HrPerformanceWorkflow(models.AbstractModel):
    """Authority in one place: who moves a record and who writes which field.

    A model inheriting this mixin declares
    - ``_workflow_transitions``: its steps (``Transition``), the only way its state
      changes: its buttons call ``_workflow_move(name)``, which checks the caller's
      roles on every record and the source states, then writes the target state;
    - ``_workflow_fields``: ``{role: {state or ANY: field names}}``, what a role
      writes directly in each state; every other field is refused in ``write``;
    - ``_workflow_create_fields``: the fields a caller may give to ``create`` (the
      record rules and access rights say who creates); ``state`` may only be the
      default one;
    - ``_workflow_server_fields``: fields the server sets (authors, approvers):
      dropped from ``create`` values, refused in ``write``;
    - ``_workflow_create_roles``: if set, the roles one of which the caller must
      hold on each record they create (nobody creates their own appraisal);
    - ``_workflow_roles()``: the roles the caller holds on each record.
    The superuser (crons, internal steps after a check) is not restricted.
    """

    _name = "hr.performance.workflow"
    _description = "Performance Workflow"
    _inherit = ["hr.performance.guard"]

    _workflow_state = "state"
    _workflow_transitions = ()
    _workflow_fields = {}
    _workflow_create_fields = frozenset()
    _workflow_server_fields = frozenset()
    _workflow_create_roles = None  # roles one of which creating a record needs

    workflow_steps = fields.Char(
        compute="_compute_workflow_steps",
        help="The steps (buttons) the current user may take on the record now, "
        "separated by spaces: views show a button only to who may press it.",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_workflow_steps(self):
        records = self.filtered(lambda record: isinstance(record.id, int))
        if not self._workflow_transitions or not records:
            self.workflow_steps = ""
            return
        roles = records._workflow_roles()
        for record in self:
            if record not in roles:
                record.workflow_steps = ""
                continue
            # sudo: the record's state decides what it allows
            state = record.sudo()[self._workflow_state]
            record.workflow_steps = " ".join(
                sorted(
                    {
                        step.name
                        for step in self._workflow_transitions
                        if state in step.sources and roles[record] & set(step.roles)
                    }
                )
            )

    # ------------------------------------------------------------------ roles

    def _workflow_roles(self):
        """{record: set of roles of the current user on it}."""
        chain = Chain(self.env)
        return {
            record: chain.employee_roles(
                record._workflow_employee(), record._workflow_company()
            )
            for record in self
        }

    def _workflow_employee(self):
        """The employee a record is about (for the default roles)."""
        self.ensure_one()
        # sudo: the record's employee, to tell the caller's roles
        return self.sudo().employee_id if "employee_id" in self._fields else None

    def _workflow_company(self):
        self.ensure_one()
        # sudo: the record's company, to tell the caller's roles
        return self.sudo().company_id if "company_id" in self._fields else False

    def _workflow_state_of(self):
        self.ensure_one()
        return self[self._workflow_state] if self._workflow_state else ANY

    def _workflow_writable(self, roles):
        """The fields the holder of ``roles`` writes on this record now."""
        state = self._workflow_state_of()
        allowed = set()
        for role in roles:
            by_state = self._workflow_fields.get(role, {})
            allowed |= set(by_state.get(ANY, ())) | set(by_state.get(state, ()))
        return allowed

    # ------------------------------------------------------------------ checks

    def _workflow_check_readable(self):
        """Refuse, with one answer for both, records that do not exist and records
        the caller may not read: no telling them apart."""
        check_readable(self)

    def _workflow_check_write(self, vals):
        if self.env.su:
            return
        names = set(vals)
        forced = names & ({self._workflow_state} | set(self._workflow_server_fields))
        if forced:
            self._workflow_refuse_fields(forced)
        roles = self._workflow_roles()
        for record in self:
            # sudo: the record's state decides what it allows
            refused = names - record.sudo()._workflow_writable(roles[record])
            if refused:
                record._workflow_refuse_fields(refused)

    def _workflow_refuse_fields(self, names):
        labels = [
            self._fields[name].get_description(self.env)["string"] for name in names
        ]
        raise AccessError(
            self.env._(
                "You may not change %(fields)s of %(model)s: it moves through its "
                "buttons, or is not yours to change.",
                fields=", ".join(sorted(labels)),
                model=self._description,
            )
        )

    def _workflow_check_create(self, vals_list):
        """Drop the server's fields, refuse a forced state and foreign fields."""
        if self.env.su:
            return vals_list
        default_state = (
            self._fields[self._workflow_state].default(self)
            if self._workflow_state
            else None
        )
        allowed = set(self._workflow_create_fields)
        checked = []
        for vals in vals_list:
            vals = {
                name: value
                for name, value in vals.items()
                if name not in self._workflow_server_fields
            }
            if self._workflow_state and vals.get(
                self._workflow_state, default_state
            ) != (default_state):
                self._workflow_refuse_fields({self._workflow_state})
            vals.pop(self._workflow_state, None)
            refused = set(vals) - allowed
            if refused:
                self._workflow_refuse_fields(refused)
            checked.append(vals)
        return checked

    def _workflow_check_roles(self, roles, refusal):
        """Refuse unless the caller holds one of ``roles`` on every record;
        ``refusal`` is the whole sentence told otherwise."""
        if self.env.su:
            return
        self._workflow_check_readable()
        held = self._workflow_roles()
        if any(not held[record] & set(roles) for record in self):
            raise AccessError(refusal)

    def _workflow_check_move(self, name):
        """Refuse transition ``name`` unless every record is in a source state and
        the caller holds one of its roles there. The superuser (a cron, an internal
        step) is not asked for a role, but follows the states all the same."""
        if not self.env.su:
            self._workflow_check_readable()
        steps = [step for step in self._workflow_transitions if step.name == name]
        roles = {} if self.env.su else self._workflow_roles()
        wrong_state, refused = self.browse(), None
        for record in self:
            # sudo: the record's state decides what it allows
            state = record.sudo()[self._workflow_state]
            here = [step for step in steps if state in step.sources]
            if not here:
                wrong_state |= record
                continue
            if not self.env.su and not any(
                roles[record] & set(step.roles) for step in here
            ):
                refused = here[0].refusal
        if wrong_state:
            self._workflow_refuse_state(name, wrong_state)
        if refused:
            raise AccessError(self.env._(refused))

    def _workflow_refuse_state(self, name, records):
        states = dict(
            self._fields[self._workflow_state]._description_selection(self.env)
        )
        raise UserError(
            self.env._(
                "This step (%(step)s) is not possible in the current state of: "
                "%(records)s.",
                step=name,
                records=", ".join(
                    # sudo: names and states of records the caller was checked to read
                    f"{record.sudo().display_name} "
                    f"({states.get(record.sudo()[self._workflow_state])})"
                    for record in records
                ),
            )
        )

    def _workflow_move(self, name, vals=None):
        """Run transition ``name``: check, then write the target state (and the
        server's ``vals``) as superuser. Returns the records, as the caller."""
        self._workflow_check_move(name)
        for target, records in self._workflow_targets(name).items():
            records._hrp_sudo().write({self._workflow_state: target, **(vals or {})})
        return self

    def _workflow_targets(self, name):
        """{target state: records} of transition ``name`` from each record's state."""
        targets = {}
        for record in self:
            # sudo: the record's state decides what it allows
            state = record.sudo()[self._workflow_state]
            step = next(
                step
                for step in self._workflow_transitions
                if step.name == name and state in step.sources
            )
            targets[step.target] = targets.get(step.target, self.browse()) | record
        return targets

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = self._workflow_check_create(vals_list)
        records = super().create(vals_list)
        if not self.env.su and self._workflow_create_roles:
            roles = records._workflow_roles()
            if any(
                not roles[record] & set(self._workflow_create_roles)
                for record in records
            ):
                raise AccessError(
                    self.env._(
                        "You may not create this %(model)s: it is not yours to create.",
                        model=self._description,
                    )
                )
        return records

    def write(self, vals):
        self._workflow_check_write(vals)
        result = super().write(vals)
        if not self.env.su and any(
            name in self._fields and self._fields[name].relational for name in vals
        ):
            # the rules are checked before a write: a link must not move a record
            # out of the writer's reach (into someone else's data)
            self.check_access("write")
        return result

    @api.model
    def default_get(self, fields_list):
        """The server's fields and the state take the model's own defaults, never a
        ``default_`` key of the context or a user default; a caller's defaults
        are only for the fields they may give to ``create``."""
        defaults = super().default_get(fields_list)
        guarded = set(self._workflow_server_fields) | {self._workflow_state}
        if not self.env.su and self._workflow_create_fields:
            guarded |= set(defaults) - set(self._workflow_create_fields)
        for name in guarded & set(defaults):
            field = self._fields[name]
            if field.default:
                defaults[name] = field.convert_to_write(
                    field.convert_to_cache(field.default(self), self), self
                )
            else:
                defaults.pop(name)
        return defaults

    # ------------------------------------------------------------------ mail

    def _workflow_check_recipients(self, partner_ids):
        """Who is made a follower or a recipient of a performance record reads
        it: their internal user may read the record."""
        if self.env.su or not partner_ids:
            return
        # sudo: the recipients' users, to check each reads the record
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        for partner in partners:
            users = partner.user_ids.filtered(lambda user: not user.share)
            if not users or not all(
                self.with_user(user)
                .with_context(allowed_company_ids=user.company_ids.ids)
                .has_access("read")
                for user in users
            ):
                raise AccessError(
                    self.env._(
                        "%(partner)s cannot read this record, so cannot follow it or "
                        "be told of it.",
                        partner=partner.name,
                    )
                )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if not hasattr(super(), "message_subscribe"):
            raise AccessError(self.env._("This record has no followers."))
        self._workflow_check_recipients(partner_ids)
        return super().message_subscribe(partner_ids, subtype_ids)

    def message_post(self, **kwargs):
        if not hasattr(super(), "message_post"):
            raise AccessError(self.env._("This record has no messages."))
        self._workflow_check_recipients(kwargs.get("partner_ids"))
        return super().message_post(**kwargs)

    def _message_track(self, fields_iter, initial_values_dict):
        """Tracking written in bulk: the tracking message of each record (a note, as
        Odoo logs it without a subtype) and its values created in one batch, not
        one message and one insert per record. A model whose changes trigger a
        subtype (a notification to followers) keeps Odoo's way, record by record."""
        if (
            not fields_iter
            or len(self) < 2
            or type(self)._track_subtype
            is not self.env.registry["mail.thread"]._track_subtype
        ):
            return super()._message_track(fields_iter, initial_values_dict)
        tracked_fields = self.fields_get(
            fields_iter, attributes=("string", "type", "selection", "currency_field")
        )
        tracking = {}
        for record in self:
            try:
                tracking[record.id] = record._mail_track(
                    tracked_fields, initial_values_dict[record.id]
                )
            except MissingError:
                continue
        data = self.env.cr.precommit.data
        bodies = data.pop(f"mail.tracking.message.{self._name}", {})
        authors = data.pop(f"mail.tracking.author.{self._name}", {})
        author_id, email_from = self._message_compute_author(raise_on_email=False)
        base = {
            "email_from": email_from,
            "model": self._name,
            "record_alias_domain_id": False,
            "record_company_id": False,
            "record_name": False,
            "message_type": "notification",
            "is_internal": True,
            "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            "email_add_signature": False,
            "reply_to": self.env["mail.thread"]._notify_get_reply_to(
                default=email_from
            )[False],
        }
        values_list, values_of = [], []
        for record in self:
            changes, tracking_value_ids = tracking.get(record.id, (None, None))
            if not changes or not tracking_value_ids:
                continue
            body = (
                bodies[record.id]
                if record.id in bodies
                else record._track_get_default_log_message(changes)
            )
            values_list.append(
                {
                    **base,
                    "author_id": authors[record.id].id
                    if record.id in authors
                    else author_id,
                    "res_id": record.id,
                    "body": escape(body or ""),
                    "message_id": generate_tracking_message_id("message-notify"),
                }
            )
            values_of.append(tracking_value_ids)
        if values_list:
            # sudo: the tracking notes of records the writer was allowed to change
            messages = self.sudo()._message_create(values_list)
            # the values in one insert: through the messages' one2many, one per message
            # sudo: the tracking values of the notes above
            self.env["mail.tracking.value"].sudo().create(
                [
                    {**command[2], "mail_message_id": message.id}
                    for message, commands in zip(messages, values_of, strict=True)
                    for command in commands
                ]
            )
        return tracking
