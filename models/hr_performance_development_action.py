# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_performance_access import ROLE_EMPLOYEE, ROLE_MANAGER, ROLE_OFFICER
from .hr_performance_workflow import ANY

PLAN = ("name", "kind", "date_deadline", "done")


class HrPerformanceDevelopmentAction(models.Model):
    """A development action agreed in an appraisal: training, mentoring, a stretch
    assignment. The employee reads theirs and marks them done; the manager chain
    plans them."""

    _name = "hr.performance.development.action"
    _description = "Development Action"
    _inherit = ["hr.performance.workflow"]
    _order = "done, date_deadline, id"
    # the chain plans them; the employee ticks them off
    _workflow_state = None
    _workflow_fields = {
        ROLE_EMPLOYEE: {ANY: ("done",)},
        ROLE_MANAGER: {ANY: PLAN},
        ROLE_OFFICER: {ANY: PLAN},
    }
    _workflow_create_fields = frozenset(("appraisal_id", *PLAN))

    appraisal_id = fields.Many2one(
        "hr.performance.appraisal", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    name = fields.Char("Action", required=True)
    kind = fields.Selection(
        [
            ("training", "Training"),
            ("mentoring", "Mentoring"),
            ("assignment", "Stretch assignment"),
            ("other", "Other"),
        ],
        default="training",
        required=True,
    )
    date_deadline = fields.Date("Due")
    done = fields.Boolean()
