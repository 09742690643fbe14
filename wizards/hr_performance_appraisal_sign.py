# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPerformanceAppraisalSign(models.TransientModel):
    """The employee signs their released appraisal, with an optional comment."""

    _name = "hr.performance.appraisal.sign"
    _description = "Sign an Appraisal"

    appraisal_id = fields.Many2one(
        "hr.performance.appraisal", required=True, readonly=True
    )
    comment = fields.Text(
        help="Optional. Your signature says you have read the appraisal; add here "
        "anything you disagree with."
    )

    def action_sign(self):
        self.ensure_one()
        self.appraisal_id.action_sign(self.comment)
        return {"type": "ir.actions.act_window_close"}
