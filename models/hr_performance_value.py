# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from random import randint

from odoo import fields, models


class HrPerformanceValue(models.Model):
    """A company value (e.g. "Ownership") that feedback and praise can refer to.

    Access: every employee reads the values of their companies; only performance
    administrators create, edit, archive or delete them.
    """

    _name = "hr.performance.value"
    _description = "Company Value"
    _inherit = ["hr.performance.guard"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer(default=lambda self: randint(1, 11))
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Leave empty to share the value with every company.",
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique (name, company_id)",
            "A company value with this name already exists in this company.",
        ),
    ]
