# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date

from ..models.hr_performance_access import OFFICER

APPROVED_RAISES = [("state", "=", "approved"), ("kind", "in", ("raise", "promotion"))]


class HrPerformanceRewardApply(models.TransientModel):
    """Apply the approved raises and promotions due by a date: preview, then all of
    them or none. The date defaults to the next effective date of the approved
    raises (today when some are already due)."""

    _name = "hr.performance.reward.apply"
    _description = "Apply Approved Rewards"
    _inherit = ["hr.performance.guard"]

    def _default_effective_date(self):
        today = fields.Date.context_today(self)
        first = self.env["hr.performance.reward"].search_fetch(
            APPROVED_RAISES, ["effective_date"], order="effective_date", limit=1
        )
        return max(first.effective_date, today) if first else today

    effective_date = fields.Date(
        required=True, default=lambda self: self._default_effective_date()
    )
    reward_ids = fields.Many2many(
        "hr.performance.reward", compute="_compute_reward_ids", string="To Apply"
    )
    reward_count = fields.Integer("Raises to Apply", compute="_compute_reward_ids")
    monthly_increase = fields.Float(compute="_compute_reward_ids")
    explanation = fields.Char(compute="_compute_reward_ids")

    @api.depends("effective_date")
    def _compute_reward_ids(self):
        Reward = self.env["hr.performance.reward"]
        approved = Reward.search(APPROVED_RAISES, order="effective_date, id")
        for wizard in self:
            day = wizard.effective_date
            rewards = approved.filtered(lambda r, d=day: d and r.effective_date <= d)
            wizard.reward_ids = rewards
            wizard.reward_count = len(rewards)
            wizard.monthly_increase = sum(rewards.mapped("amount"))
            wizard.explanation = wizard._explain(approved - rewards)

    def _explain(self, later):
        """Why nothing is to apply on the chosen date, in words; empty otherwise."""
        if self.reward_ids or not self.effective_date:
            return False
        if not later:
            return self.env._(
                "No approved raise or promotion is waiting to be applied: approve "
                "some first."
            )
        first = min(later.mapped("effective_date"))
        return self.env._(
            "Nothing is due by %(date)s. Approved raises or promotions waiting: "
            "%(count)s, the first taking effect on %(first)s: choose that date to "
            "apply them.",
            date=format_date(self.env, self.effective_date),
            count=len(later),
            first=format_date(self.env, first),
        )

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group(OFFICER):
            raise AccessError(self.env._("Only performance officers apply rewards."))
        if not self.reward_ids:
            raise UserError(
                self.explanation
                or self.env._("No approved raise or promotion is due by then.")
            )
        self.reward_ids._apply(self.effective_date)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Applied Rewards"),
            "res_model": "hr.performance.reward",
            "view_mode": "list,form",
            "domain": [("id", "in", self.reward_ids.ids)],
        }
