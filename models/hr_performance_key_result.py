# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.safe_eval import datetime, dateutil, safe_eval

_logger = logging.getLogger(__name__)

OFFICER = "hr_performance.group_hr_performance_officer"


class HrPerformanceKeyResult(models.Model):
    """A measurable result of a goal: from a start value to a target.

    Access follows the goal (see the rules). A key result can be *measured from the
    ERP*: a domain on any model and a count or a sum, evaluated with the access rights
    of the goal's owner, never as superuser. Only performance officers may configure
    that measure (field groups), so nobody can read data through a key result that
    the goal's owner could not read anyway.
    """

    _name = "hr.performance.key.result"
    _description = "Key Result"
    _order = "goal_id, sequence, id"

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
    start_value = fields.Float()
    target_value = fields.Float(default=100.0)
    current_value = fields.Float()
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
    measure_model_id = fields.Many2one(
        "ir.model", ondelete="cascade", groups=OFFICER, string="Measured Model"
    )
    measure_model = fields.Char(related="measure_model_id.model", groups=OFFICER)
    measure_domain = fields.Char(default="[]", groups=OFFICER)
    measure_function = fields.Selection(
        [("count", "Count of records"), ("sum", "Sum of a field")],
        default="count",
        groups=OFFICER,
    )
    measure_field_id = fields.Many2one(
        "ir.model.fields",
        ondelete="cascade",
        groups=OFFICER,
        domain="[('model_id', '=', measure_model_id),"
        " ('ttype', 'in', ('integer', 'float', 'monetary'))]",
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
        for result in self:
            result.current_value = 1.0 if result.is_done else 0.0

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
        "measure", "measure_model_id", "measure_function", "measure_field_id"
    )
    def _check_measure(self):
        for result in self.sudo().filtered(lambda r: r.measure == "erp"):
            if not result.measure_model_id:
                raise ValidationError(
                    self.env._(
                        "Key result %(name)s is measured from the ERP: choose the "
                        "model to measure.",
                        name=result.name,
                    )
                )
            if result.measure_function == "sum" and not result.measure_field_id:
                raise ValidationError(
                    self.env._(
                        "Key result %(name)s sums a field: choose which one.",
                        name=result.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("measure", "manual") != "manual" for vals in vals_list):
            self._check_measure_configurer()
        return super().create(vals_list)

    def write(self, vals):
        if "measure" in vals:
            self._check_measure_configurer()
        return super().write(vals)

    def _check_measure_configurer(self):
        if not self.env.su and not self.env.user.has_group(OFFICER):
            raise AccessError(
                self.env._(
                    "Only performance officers configure key results measured from "
                    "the ERP."
                )
            )

    def action_measure(self):
        """Recompute the measured key results now, as their goals' owners.

        Only someone who may edit the key results asks for it: the measure itself runs
        as each goal's owner and is written with superuser rights.
        """
        self.check_access("write")
        self._measure()
        return True

    def _measure(self):
        """Evaluate each ERP key result with the access rights of the goal's owner."""
        measured = self.sudo().filtered(lambda r: r.measure == "erp")
        now = fields.Datetime.now()
        for result in measured:
            value, error = result._evaluate_measure()
            vals = {"measured_at": now, "measure_error": error}
            if error is None:
                vals["current_value"] = value
            result.write(vals)

    def _evaluate_measure(self):
        """Return (value, error) for this key result, evaluated as the goal's owner."""
        self.ensure_one()
        owner = self.goal_id.user_id
        if not owner:
            return 0.0, self.env._("The goal has no owner to measure it as.")
        model = self.env[self.measure_model_id.model].with_user(owner).sudo(False)
        context = {
            "uid": owner.id,
            "user": owner,
            "date_start": self.goal_id.date_start,
            "date_deadline": self.goal_id.date_deadline,
            "datetime": datetime,
            "relativedelta": dateutil.relativedelta.relativedelta,
            "context_today": lambda: fields.Date.context_today(self),
        }
        try:
            domain = safe_eval(self.measure_domain or "[]", context)
            if self.measure_function == "count":
                return float(model.search_count(domain)), None
            field = self.measure_field_id.name
            groups = model._read_group(domain, aggregates=[f"{field}:sum"])
            return float(groups[0][0] or 0.0), None
        except Exception as error:  # a bad measure is shown on the key result
            _logger.info("Key result %s could not be measured: %s", self.id, error)
            return 0.0, str(error)[:250]

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
        results = self.sudo().search(domain, order="id")
        batch = results[:batch_size]
        batch._measure()
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(results) - len(batch)
        )
