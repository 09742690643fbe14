# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class HrPerformanceAppraisalSign(models.TransientModel):
    """The employee signs their released appraisal, with an optional comment."""

    _name = "hr.performance.appraisal.sign"
    _description = "Sign an Appraisal"
    _inherit = ["hr.performance.guard"]

    appraisal_id = fields.Many2one(
        "hr.performance.appraisal", required=True, readonly=True
    )
    comment = fields.Text(
        help="Optional. Your signature says you have read the appraisal; add here "
        "anything you disagree with."
    )

    @api.model_create_multi
    def create(self, vals_list):
        # the wizard names its appraisal (as superuser, a many2one's display name):
        # only the appraised employee opens one
        wizards = super().create(vals_list)
        # sudo: the appraised employee, to refuse anyone else the wizard
        if not self.env.su and wizards.appraisal_id.sudo().employee_id.user_id != (
            self.env.user
        ):
            raise AccessError(self.env._("Only the appraised employee signs."))
        return wizards

    def action_sign(self):
        self.ensure_one()
        self.appraisal_id.action_sign(self.comment)
        return {"type": "ir.actions.act_window_close"}
