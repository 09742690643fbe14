# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import datetime, time

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

# Never measured, whatever an administrator lists: performance data itself, messages
# and mails (a queued invitation holds a reviewer's link), technical models, users
# and groups, and HR records, whose fields are private to HR.
FORBIDDEN_PREFIXES = (
    "hr.",
    "hr_",
    "mail.",
    "ir.",
    "res.users",
    "res.groups",
    "res.partner.bank",
    "bus.",
    "base",
    "auth",
    "iap.",
    "payment.",
    "digest.",
    "discuss.",
    "calendar.attendee",
)


def is_forbidden(model_name):
    return not model_name or model_name.startswith(FORBIDDEN_PREFIXES)


class HrPerformanceMeasureSource(models.Model):
    """A kind of business document key results may be measured from (and, in the
    manager's review, shown as evidence): the allow-list administrators keep.

    Only these models are ever counted or summed, as the measuring user, on the
    fields they may read; performance data, messages, technical models, users and
    HR records never are, whatever is listed here.
    """

    _name = "hr.performance.measure.source"
    _description = "Measured Document"
    _inherit = ["hr.performance.guard"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    model_name = fields.Char(
        "Model",
        required=True,
        help="The technical name of the documents, e.g. sale.order. The source is "
        "offered once the app that has them is installed.",
    )
    available = fields.Boolean(compute="_compute_available", search="_search_available")
    date_field = fields.Char(
        help="The date field that places a document in a period, e.g. date_order.",
    )
    sum_fields = fields.Char(
        "Fields to Sum",
        help="Comma-separated technical names of the numeric fields a key result "
        "may sum, e.g. amount_untaxed.",
    )
    owner_field = fields.Char(
        help="The field naming the user a document belongs to, e.g. user_id: the "
        "manager's review counts the employee's documents of the period as "
        "evidence. Empty: not used as evidence.",
    )
    evidence_domain = fields.Char(
        "Counted as Evidence",
        default="[]",
        help="Which of the employee's documents count as evidence, e.g. won "
        "opportunities: [('stage_id.is_won', '=', True)].",
    )
    evidence_label = fields.Char(
        translate=True,
        help='How the evidence reads, e.g. "Opportunities won". Empty: the name.',
    )

    _sql_constraints = [
        ("model_uniq", "unique (model_name)", "A model is listed once."),
    ]

    @api.depends("model_name")
    def _compute_available(self):
        for source in self:
            source.available = bool(source.model_name) and (
                source.model_name in self.env
            )

    def _search_available(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on availability."))
        installed = [
            source.id for source in self.search([]) if source.model_name in self.env
        ]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", installed)]

    @api.constrains("model_name", "date_field", "sum_fields", "owner_field")
    def _check_model(self):
        for source in self:
            if is_forbidden(source.model_name):
                raise ValidationError(
                    self.env._(
                        "%(model)s cannot be measured: performance data, messages, "
                        "technical models, users and HR records never are.",
                        model=source.model_name,
                    )
                )
            if source.model_name not in self.env:
                continue
            Model = self.env[source.model_name]
            names = source._sum_field_names() + [source.date_field or "id"]
            for name in names + [source.owner_field or "id"]:
                if name not in Model._fields:
                    raise ValidationError(
                        self.env._(
                            "%(model)s has no field %(field)s.",
                            model=source.model_name,
                            field=name,
                        )
                    )
            owner = Model._fields.get(source.owner_field or "")
            if source.owner_field and owner.comodel_name != "res.users":
                raise ValidationError(
                    self.env._(
                        "%(field)s of %(model)s does not name a user.",
                        model=source.model_name,
                        field=source.owner_field,
                    )
                )

    def _sum_field_names(self):
        self.ensure_one()
        return [name.strip() for name in (self.sum_fields or "").split(",") if name]

    # ------------------------------------------------------------ evidence

    @api.model
    def _evidence(self, employee, company, date_from, date_to):
        """[{name, count}]: the documents of the available sources that belong to
        ``employee``'s user and fall in the period, counted **as that user** in
        ``company``, as a measured key result would be: the allow-list, the fields
        of the domain readable by that user, never the superuser. Sources the
        user cannot read, or that cannot be counted, are left out."""
        # sudo: who the documents are counted as is derived by the server
        user = employee.sudo().user_id
        if not self._evidence_user_valid(user, company):
            return []
        # sudo: the allow-list, configuration the caller need not read
        sources = self.sudo().search([("owner_field", "!=", False)])
        sources = sources.filtered(
            lambda s: s.available and s.date_field and not is_forbidden(s.model_name)
        )
        results = []
        for source in sources:
            try:
                model, domain = source._evidence_query(
                    user, company, date_from, date_to
                )
                count = model.search_count(domain)
            except (AccessError, ValidationError, ValueError) as error:
                _logger.debug(
                    "Evidence of %s not counted: %s", source.model_name, error
                )
                continue
            results.append(
                {
                    "id": source.id,
                    "name": source.evidence_label or source.name,
                    "model": source.model_name,
                    "count": count,
                }
            )
        return results

    @api.model
    def _evidence_user_valid(self, user, company):
        """An active internal user of ``company``, never the superuser: who a
        measure may run as."""
        return bool(
            user
            and user.id != SUPERUSER_ID
            and not user._is_superuser()
            and user.active
            and not user.share
            and company in user.company_ids
        )

    def _evidence_query(self, user, company, date_from, date_to):
        """(model as ``user`` in ``company``, domain) of this source's evidence,
        after the key results' checks of every field the domain touches."""
        self.ensure_one()
        Model = self.env[self.model_name]
        model = (
            Model.with_user(user)
            .with_context(allowed_company_ids=company.ids)
            .sudo(False)
        )
        date_field = Model._fields[self.date_field]
        start, end = date_from, date_to
        if date_field.type == "datetime":
            start = datetime.combine(date_from, time.min)
            end = datetime.combine(date_to, time.max)
        owner = Model._fields[self.owner_field]
        owner_leaf = (
            (self.owner_field, "in", [user.id])
            if owner.type in ("many2many", "one2many")
            else (self.owner_field, "=", user.id)
        )
        extra = safe_eval(self.evidence_domain or "[]", {"uid": user.id})
        checked = expression.AND(
            [
                [(self.date_field, ">=", start), (self.date_field, "<=", end)],
                expression.normalize_domain(extra),
            ]
        )
        # the same checks as a measured key result on what the configuration says:
        # fields readable by the user, never through a model that is never measured;
        # the owner is compared to the user's own id, through no user's data
        self.env["hr.performance.key.result"]._check_domain_fields(model, checked)
        if not owner.is_accessible(model.env):
            raise AccessError(
                self.env._("%(field)s is not readable.", field=self.owner_field)
            )
        domain = expression.AND([[owner_leaf], checked])
        return model, domain
