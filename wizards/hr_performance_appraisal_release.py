# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrPerformanceAppraisalRelease(models.TransientModel):
    """The manager (or an officer) releases an appraisal to the employee, with an
    optional word that is printed as the manager's sign-off."""

    _name = "hr.performance.appraisal.release"
    _description = "Release an Appraisal"
    _inherit = ["hr.performance.guard"]

    appraisal_id = fields.Many2one(
        "hr.performance.appraisal", required=True, readonly=True
    )
    comment = fields.Text(
        help="Optional. Printed with your sign-off on the signed appraisal."
    )

    @api.model_create_multi
    def create(self, vals_list):
        # the wizard names its appraisal (as superuser, a many2one's display name):
        # only who may release it opens one
        wizards = super().create(vals_list)
        if not self.env.su:
            wizards.appraisal_id._workflow_check_move("release")
        return wizards

    def action_release(self):
        self.ensure_one()
        self.appraisal_id.action_release(self.comment)
        return {"type": "ir.actions.act_window_close"}
