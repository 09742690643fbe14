# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.hr_performance_access import OFFICER


class HrPerformanceRewardApply(models.TransientModel):
    """Apply the approved raises and promotions due by a date: preview, then all of
    them or none."""

    _name = "hr.performance.reward.apply"
    _description = "Apply Approved Rewards"
    _inherit = ["hr.performance.guard"]

    effective_date = fields.Date(required=True, default=fields.Date.context_today)
    reward_ids = fields.Many2many(
        "hr.performance.reward", compute="_compute_reward_ids", string="To Apply"
    )
    reward_count = fields.Integer(compute="_compute_reward_ids")
    monthly_increase = fields.Float(compute="_compute_reward_ids")

    @api.depends("effective_date")
    def _compute_reward_ids(self):
        Reward = self.env["hr.performance.reward"]
        for wizard in self:
            rewards = Reward.search(
                [
                    ("state", "=", "approved"),
                    ("kind", "in", ("raise", "promotion")),
                    ("effective_date", "<=", wizard.effective_date),
                ]
            )
            wizard.reward_ids = rewards
            wizard.reward_count = len(rewards)
            wizard.monthly_increase = sum(rewards.mapped("amount"))

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group(OFFICER):
            raise AccessError(self.env._("Only performance officers apply rewards."))
        if not self.reward_ids:
            raise UserError(
                self.env._("No approved raise or promotion is due by then.")
            )
        self.reward_ids._apply(self.effective_date)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Applied Rewards"),
            "res_model": "hr.performance.reward",
            "view_mode": "list,form",
            "domain": [("id", "in", self.reward_ids.ids)],
        }
