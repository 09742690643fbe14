# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPerformanceAppraisalNote(models.Model):
    """A private note of the manager chain about an appraisal.

    Readable by the employee's manager chain only (strict: never by the employee
    themself, even when they manage others), through record rules and the Manager
    group's access rights. Never printed, never shown to the employee.
    """

    _name = "hr.performance.appraisal.note"
    _description = "Appraisal Private Note"
    _order = "id desc"

    appraisal_id = fields.Many2one(
        "hr.performance.appraisal", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(related="appraisal_id.employee_id", store=True)
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    body = fields.Html(required=True)
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
