# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError


class ReportAppraisal(models.AbstractModel):
    """Only signed appraisals print: before that the employee has not seen it all."""

    _name = "report.hr_performance.report_appraisal"
    _description = "Signed Appraisal Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["hr.performance.appraisal"].browse(docids)
        docs.check_access("read")
        unsigned = docs.filtered(lambda appraisal: appraisal.state != "done")
        if unsigned:
            raise UserError(
                self.env._(
                    "Only signed appraisals print. Not signed yet: %(appraisals)s",
                    appraisals=", ".join(unsigned.mapped("display_name")),
                )
            )
        return {"doc_ids": docids, "doc_model": docs._name, "docs": docs}
