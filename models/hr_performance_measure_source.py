# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

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

    @api.constrains("model_name", "date_field", "sum_fields")
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
            for name in source._sum_field_names() + [source.date_field or "id"]:
                if name not in Model._fields:
                    raise ValidationError(
                        self.env._(
                            "%(model)s has no field %(field)s.",
                            model=source.model_name,
                            field=name,
                        )
                    )

    def _sum_field_names(self):
        self.ensure_one()
        return [name.strip() for name in (self.sum_fields or "").split(",") if name]
