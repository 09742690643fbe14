# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HrPerformanceRewardPay(models.TransientModel):
    """Payroll marks bonuses paid with the payslip's reference: the rewards'
    ``action_mark_paid``, which checks the caller and skips those already paid."""

    _name = "hr.performance.reward.pay"
    _description = "Mark Bonuses Paid"
    _inherit = ["hr.performance.guard"]

    def _default_reward_ids(self):
        context = self.env.context
        Reward = self.env["hr.performance.reward"]
        if context.get("active_model") != Reward._name:
            return Reward
        return Reward.search(
            [
                ("id", "in", context.get("active_ids") or []),
                ("kind", "=", "bonus"),
                ("state", "=", "approved"),
            ]
        )

    reward_ids = fields.Many2many(
        "hr.performance.reward",
        string="Bonuses",
        default=lambda self: self._default_reward_ids(),
        domain=[("kind", "=", "bonus"), ("state", "=", "approved")],
    )
    reward_count = fields.Integer("Bonuses to Mark", compute="_compute_totals")
    total = fields.Float(compute="_compute_totals", string="Total Paid")
    payslip_ref = fields.Char("Payslip Reference", required=True)

    @api.depends("reward_ids")
    def _compute_totals(self):
        for wizard in self:
            wizard.reward_count = len(wizard.reward_ids)
            wizard.total = sum(wizard.reward_ids.mapped("amount"))

    def action_pay(self):
        self.ensure_one()
        if not self.reward_ids:
            raise UserError(self.env._("Select the approved bonuses to mark paid."))
        self.reward_ids.action_mark_paid(self.payslip_ref)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s bonuses marked paid with payslip %(ref)s.",
                    count=len(self.reward_ids),
                    ref=self.payslip_ref,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
