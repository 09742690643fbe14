# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrRule(models.Model):
    """Record rules may name the manager chain: ``hrp_chain('employee_id',
    strict=True)`` is ``hr.employee._hrp_chain_domain``, the same definition the
    Python checks of the addon use."""

    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        context = super()._eval_context()
        context["hrp_chain"] = self.env["hr.employee"]._hrp_chain_domain
        return context
