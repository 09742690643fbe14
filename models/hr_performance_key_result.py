# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import datetime, dateutil, safe_eval

from .hr_performance_access import (
    OFFICER,
    ROLE_EMPLOYEE,
    ROLE_MANAGER,
    ROLE_OFFICER,
    ROLE_OWNER,
)
from .hr_performance_measure_source import is_forbidden

_logger = logging.getLogger(__name__)

CONTENT = ("name", "sequence", "unit", "currency_id", "start_value", "target_value")
CONTENT += ("weight",)
VALUE = ("current_value", "is_done")
MEASURE = ("measure", "measure_source_id", "measure_domain", "measure_function")
MEASURE += ("measure_field",)
OPEN = ("draft", "proposed", "active")
# who writes what, by the state of the goal: as the goal's own fields
KEY_RESULT_FIELDS = {
    ROLE_OWNER: {
        "draft": CONTENT + VALUE,
        "proposed": CONTENT + VALUE,
        "active": VALUE,
    },
    ROLE_EMPLOYEE: {
        "draft": CONTENT + VALUE,
        "proposed": CONTENT + VALUE,
        "active": VALUE,
    },
    ROLE_MANAGER: {state: CONTENT + VALUE for state in OPEN},
    ROLE_OFFICER: {state: CONTENT + VALUE + MEASURE for state in OPEN},
}


class HrPerformanceKeyResult(models.Model):
    """A measurable result of a goal: from a start value to a target.

    Access follows the goal (rules), and so does who writes what (the goal's
    workflow roles, by the goal's state). A key result can be *measured from the
    ERP*: a count or a sum of documents of an allow-listed kind
    (``hr.performance.measure.source``), evaluated as a user the server derives,
    never as superuser: an employee goal as its employee's user; a department or
    company goal as the officer who configured the measure (``measure_user_id``,
    recorded by the server), who must still be an active officer of the goal's
    company. Only officers configure a measure; the domain's field paths and the
    summed field must be readable by the measuring user.
    """

    _name = "hr.performance.key.result"
    _description = "Key Result"
    _inherit = ["hr.performance.workflow"]
    _order = "goal_id, sequence, id"
    _workflow_state = None
    _workflow_fields = KEY_RESULT_FIELDS
    _workflow_create_fields = frozenset(("goal_id",) + CONTENT + VALUE + MEASURE)
    _workflow_server_fields = frozenset(
        ("measure_user_id", "measured_at", "measure_error")
    )

    goal_id = fields.Many2one(
        "hr.performance.goal", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    employee_id = fields.Many2one(related="goal_id.employee_id", store=True)
    company_id = fields.Many2one(related="goal_id.company_id", store=True)
    unit = fields.Selection(
        [
            ("number", "Number"),
            ("percent", "Percent"),
            ("currency", "Amount"),
            ("boolean", "Done / not done"),
        ],
        required=True,
        default="number",
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    start_value = fields.Float(
        help="Where the result starts: a new key result's current value. A target "
        "below the start means lower is better (reduce 30 to 14)."
    )
    target_value = fields.Float(default=100.0)
    current_value = fields.Float()
    lower_is_better = fields.Boolean(
        compute="_compute_lower_is_better",
        help="The target is below the start: progress grows as the value goes down.",
    )
    is_done = fields.Boolean(
        "Done", compute="_compute_is_done", inverse="_inverse_is_done"
    )
    weight = fields.Float(default=1.0)
    progress = fields.Float(compute="_compute_progress", store=True, aggregator="avg")
    # Measured from the ERP: configured by officers only.
    measure = fields.Selection(
        [("manual", "Updated by hand"), ("erp", "Measured from the ERP")],
        default="manual",
        required=True,
        copy=False,
        help="Only officers make a key result measured from the ERP; a copy starts "
        "updated by hand.",
    )
    measure_source_id = fields.Many2one(
        "hr.performance.measure.source",
        "Measured Documents",
        groups=OFFICER,
        copy=False,
        domain="[('available', '=', True)]",
        ondelete="restrict",
    )
    measure_model = fields.Char(related="measure_source_id.model_name", groups=OFFICER)
    measure_domain = fields.Char(default="[]", groups=OFFICER, copy=False)
    measure_function = fields.Selection(
        [("count", "Count of records"), ("sum", "Sum of a field")],
        default="count",
        groups=OFFICER,
        copy=False,
    )
    measure_field = fields.Char(
        "Field to Sum",
        groups=OFFICER,
        copy=False,
        help="The technical name of one of the source's fields to sum.",
    )
    measure_sum_fields = fields.Char(
        related="measure_source_id.sum_fields", groups=OFFICER
    )
    measure_user_id = fields.Many2one(
        "res.users",
        "Configured By",
        readonly=True,
        groups=OFFICER,
        copy=False,
        help="A department or company goal is measured with this officer's rights.",
    )
    measured_at = fields.Datetime(readonly=True)
    measure_error = fields.Char(readonly=True)

    _sql_constraints = [
        ("weight_positive", "CHECK (weight > 0)", "A key result's weight must be > 0."),
    ]

    @api.depends("unit", "current_value")
    def _compute_is_done(self):
        for result in self:
            result.is_done = result.unit == "boolean" and result.current_value >= 1

    def _inverse_is_done(self):
        # the form sends "not done" for every unit: only a done / not done result
        # takes its value from it
        for result in self.filtered(lambda result: result.unit == "boolean"):
            result.current_value = 1.0 if result.is_done else 0.0

    @api.depends("unit", "start_value", "target_value")
    def _compute_lower_is_better(self):
        for result in self:
            result.lower_is_better = (
                result.unit != "boolean" and result.target_value < result.start_value
            )

    @api.depends("unit", "start_value", "target_value", "current_value")
    def _compute_progress(self):
        for result in self:
            result.progress = result._progress_of(result.current_value)

    def _progress_of(self, value):
        """Progress in percent (0–100) that ``value`` means for this key result."""
        self.ensure_one()
        if self.unit == "boolean":
            return 100.0 if value >= 1 else 0.0
        span = self.target_value - self.start_value
        if not span:
            return 100.0 if value == self.target_value else 0.0
        return max(0.0, min(100.0, 100.0 * (value - self.start_value) / span))

    @api.constrains(
        "measure",
        "measure_source_id",
        "measure_function",
        "measure_field",
        "measure_domain",
    )
    def _check_measure(self):
        # sudo: the measure's configuration, to check it as the user it runs as
        for result in self.sudo().filtered(lambda r: r.measure == "erp"):
            if not result.measure_source_id:
                raise ValidationError(
                    self.env._(
                        "Key result %(name)s is measured from the ERP: choose the "
                        "documents to measure.",
                        name=result.name,
                    )
                )
            if result.measure_function == "sum" and not result.measure_field:
                raise ValidationError(
                    self.env._(
                        "Key result %(name)s sums a field: choose which one.",
                        name=result.name,
                    )
                )

    def _check_measure_query(self):
        """A measure is checked as the user it runs as, once that user is known
        (the superuser's are checked when they run, on the key result)."""
        if self.env.su:
            return
        # sudo: the measure's configuration, to check it as the user it runs as
        for result in self.sudo().filtered(lambda r: r.measure == "erp"):
            user, error = result._measure_user()
            if error:
                raise ValidationError(error)
            result._measure_query(user)

    def _workflow_state_of(self):
        # sudo: the goal's state decides what its key results allow
        return self.sudo().goal_id.state

    def _workflow_roles(self):
        """The roles of the goal: a key result is written as its goal is."""
        of_goal = self.goal_id._workflow_roles()
        return {result: of_goal[result.goal_id] for result in self}

    def _workflow_writable(self, roles):
        allowed = super()._workflow_writable(roles)
        if self.measure == "erp":
            allowed -= set(VALUE)  # the measure writes the value
        return allowed

    @api.onchange("start_value")
    def _onchange_start_value(self):
        # a new key result starts where it starts, not at zero
        if not self._origin.id and self.unit != "boolean":
            self.current_value = self.start_value

    @api.model_create_multi
    def create(self, vals_list):
        # a key result created without a current value is at its start
        vals_list = [
            vals
            if "current_value" in vals or vals.get("unit") == "boolean"
            else {**vals, "current_value": vals.get("start_value", 0.0)}
            for vals in vals_list
        ]
        if any(vals.get("measure", "manual") != "manual" for vals in vals_list):
            self._check_measure_configurer()
        results = super().create(vals_list)
        results._record_configurer(vals_list)
        results._check_measure_query()
        return results

    def write(self, vals):
        if set(vals) & set(MEASURE):
            self._check_measure_configurer()
        result = super().write(vals)
        if set(vals) & set(MEASURE):
            self._record_configurer([vals] * len(self))
            self._check_measure_query()
        return result

    def _check_measure_configurer(self):
        if not self.env.su and not self.env.user.has_group(OFFICER):
            raise AccessError(
                self.env._(
                    "Only performance officers configure key results measured from "
                    "the ERP."
                )
            )

    def _record_configurer(self, vals_list):
        """Who configures a measure is who it runs as (for department and company
        goals): the server records it, nobody chooses it."""
        if self.env.su:
            return
        configured = self.browse(
            result.id
            for result, vals in zip(self, vals_list, strict=False)
            if set(vals) & set(MEASURE)
        )
        # sudo: the configuring officer, recorded by the server
        configured.sudo().write({"measure_user_id": self.env.uid})

    # ------------------------------------------------------------------ measure

    def _measure_user(self):
        """(user, error): the user this key result is measured as, derived by the
        server, or why it cannot be measured."""
        self.ensure_one()
        # sudo: the goal, to derive who it is measured as
        goal = self.sudo().goal_id
        if goal.scope == "employee":
            user = goal.employee_id.user_id
            if not user:
                return None, self.env._(
                    "Goal %(goal)s is measured as its employee, who has no user.",
                    goal=goal.name,
                )
        else:
            # sudo: the configuring officer (a field of officers)
            user = self.sudo().measure_user_id
            if not user or not user.has_group(OFFICER):
                return None, self.env._(
                    "Goal %(goal)s is measured as the officer who configured it, "
                    "who is no longer a performance officer: configure it again.",
                    goal=goal.name,
                )
        if (
            user.id == SUPERUSER_ID
            or user._is_superuser()
            or not user.active
            or user.share
            or goal.company_id not in user.company_ids
        ):
            return None, self.env._(
                "Goal %(goal)s cannot be measured as %(user)s: an active internal "
                "user of the goal's company measures it, never the superuser.",
                goal=goal.name,
                user=user.name,
            )
        return user, None

    def _measure_query(self, user):
        """(model as ``user`` in the goal's company, domain, summed field), after
        checking the allow-list and every field the domain and the sum touch."""
        self.ensure_one()
        # sudo: the measured documents' source (a field of officers)
        source = self.sudo().measure_source_id
        model_name = source.model_name
        if is_forbidden(model_name) or model_name not in self.env:
            raise ValidationError(
                self.env._(
                    "%(model)s cannot be measured (not installed, or never measured).",
                    model=model_name,
                )
            )
        # sudo: the goal's company and period, for the measure
        goal = self.sudo().goal_id
        model = (
            self.env[model_name]
            .with_user(user)
            .with_context(allowed_company_ids=goal.company_id.ids)
            .sudo(False)
        )
        # plain values only: a record in the evaluation context would hand its
        # environment (the superuser's here) to the domain
        today = fields.Date.context_today(self)
        context = {
            "uid": user.id,
            "date_start": goal.date_start,
            "date_deadline": goal.date_deadline,
            "datetime": datetime,
            "relativedelta": dateutil.relativedelta.relativedelta,
            "context_today": lambda: today,
        }
        try:
            domain = expression.normalize_domain(
                # sudo: the domain (a field of officers), evaluated on plain values
                safe_eval(self.sudo().measure_domain or "[]", context)
            )
        except Exception as error:
            raise ValidationError(
                self.env._("The domain cannot be read: %(error)s", error=error)
            ) from error
        self._check_domain_fields(model, domain)
        field = None
        # sudo: the measure's function and field (fields of officers)
        if self.sudo().measure_function == "sum":
            # sudo: the summed field (a field of officers)
            field = self.sudo().measure_field
            self._check_sum_field(model, source, field)
        return model, domain, field

    def _check_domain_fields(self, model, domain):
        """Every field path of ``domain`` exists, is readable by the measuring user
        and never goes through a model that is never measured."""
        for leaf in domain:
            if not expression.is_leaf(leaf) or leaf in (
                expression.TRUE_LEAF,
                expression.FALSE_LEAF,
            ):
                continue
            path, operator, value = leaf
            current = model
            names = str(path).split(".")
            for index, name in enumerate(names):
                field = current._fields.get(name)
                if not field or not field.is_accessible(current.env):
                    raise ValidationError(
                        self.env._(
                            "The measure cannot use %(path)s: no such field, or not "
                            "readable by the user it is measured as.",
                            path=path,
                        )
                    )
                if field.relational:
                    current = current.env[field.comodel_name]
                    if is_forbidden(current._name):
                        raise ValidationError(
                            self.env._(
                                "The measure cannot go through %(path)s: it reaches "
                                "records that are never measured.",
                                path=path,
                            )
                        )
                elif index < len(names) - 1:
                    raise ValidationError(
                        self.env._("%(path)s is not a field path.", path=path)
                    )
            if operator in ("any", "not any") and isinstance(value, list | tuple):
                self._check_domain_fields(current, expression.normalize_domain(value))

    def _check_sum_field(self, model, source, name):
        field = model._fields.get(name or "")
        if (
            name not in source._sum_field_names()
            or not field
            or field.type not in ("integer", "float", "monetary")
            or not field.is_accessible(model.env)
        ):
            raise ValidationError(
                self.env._(
                    "%(field)s cannot be summed: choose one of %(allowed)s.",
                    field=name or "",
                    allowed=source.sum_fields or "",
                )
            )

    def action_measure(self):
        """Recompute the measured key results now, as their derived users.

        Only someone who may edit the key results asks for it: the measure itself runs
        as the derived user and its result is written with superuser rights.
        """
        self._workflow_check_readable()
        self.check_access("write")
        self._measure()
        return True

    def _measure(self):
        """Evaluate each ERP key result as its derived user."""
        # sudo: the results to measure, each as its own derived user
        measured = self.sudo().filtered(lambda r: r.measure == "erp")
        now = fields.Datetime.now()
        for result in measured:
            value, error = result._evaluate_measure()
            vals = {"measured_at": now, "measure_error": error}
            if error is None:
                vals["current_value"] = value
            result.write(vals)

    def _evaluate_measure(self):
        """Return (value, error) for this key result, as its derived user."""
        self.ensure_one()
        user, error = self._measure_user()
        if error:
            return 0.0, error
        try:
            model, domain, field = self._measure_query(user)
            if not field:
                return float(model.search_count(domain)), None
            groups = model._read_group(domain, aggregates=[f"{field}:sum"])
            return float(groups[0][0] or 0.0), None
        except ValidationError as error:  # the checks' own messages name fields
            return 0.0, str(error)[:250]
        except Exception as error:  # a bad measure is shown on the key result
            # whoever reads the goal reads the error: it names no record, no value
            _logger.info("Key result %s could not be measured: %s", self.id, error)
            return 0.0, self.env._(
                "The measure failed (%(kind)s): check its domain and the rights of the "
                "user it is measured as.",
                kind=type(error).__name__,
            )

    @api.model
    def _cron_measure(self, batch_size=500):
        """Measure once a day the ERP key results of active goals, in batches.

        A batch is committed by the cron runner; a run interrupted mid-way resumes
        with the results not measured yet today, so nothing is measured twice.
        """
        today = fields.Datetime.to_datetime(fields.Date.today())
        domain = [
            ("measure", "=", "erp"),
            ("goal_id.state", "=", "active"),
            "|",
            ("measured_at", "=", False),
            ("measured_at", "<", today),
        ]
        # sudo: the daily measure, a cron's
        results = self.sudo().search(domain, order="id")
        batch = results[:batch_size]
        batch._measure()
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(results) - len(batch)
        )
