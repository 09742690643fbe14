# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .hr_employee import CADENCE_SELECTION
from .hr_performance_access import ROLE_MANAGER, ROLE_OFFICER
from .hr_performance_workflow import Transition

_lt = LazyTranslate(__name__)
PLANNERS = (ROLE_MANAGER, ROLE_OFFICER)
PLAN = ("name", "objectives", "cadence", "date_review", "manager_id")
PIP_FIELDS = {
    role: {"draft": (*PLAN, "date_start", "outcome"), "active": (*PLAN, "outcome")}
    for role in PLANNERS
}


class HrPerformancePip(models.Model):
    """A performance improvement plan, usually started from an appraisal whose score
    is below the template's threshold.

    The employee reads their plan once it is active; the manager chain and officers
    write it.
    """

    _name = "hr.performance.pip"
    _description = "Performance Improvement Plan"
    _inherit = ["hr.performance.workflow", "mail.thread", "mail.activity.mixin"]
    _order = "date_review desc, id desc"
    _workflow_transitions = (
        Transition(
            "start",
            ("draft",),
            "active",
            PLANNERS,
            _lt("Only the employee's managers or a performance officer start a plan."),
        ),
        Transition(
            "close",
            ("active",),
            "closed",
            PLANNERS,
            _lt("Only the employee's managers or a performance officer close a plan."),
        ),
    )
    _workflow_fields = PIP_FIELDS
    _workflow_create_roles = PLANNERS
    _workflow_create_fields = frozenset(
        (*PLAN, "employee_id", "appraisal_id", "company_id", "date_start")
    )

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    appraisal_id = fields.Many2one(
        "hr.performance.appraisal", ondelete="set null", index=True
    )
    manager_id = fields.Many2one("hr.employee", tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    objectives = fields.Html(
        help="What must improve, how it is measured, and the support offered."
    )
    cadence = fields.Selection(
        [item for item in CADENCE_SELECTION if item[0] != "none"],
        "Check-in Cadence",
        default="weekly",
        required=True,
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_review = fields.Date("Review Date", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "In Progress"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    outcome = fields.Selection(
        [
            ("met", "Objectives met"),
            ("extended", "Extended"),
            ("not_met", "Objectives not met"),
        ],
        tracking=True,
        copy=False,
    )

    _sql_constraints = [
        (
            "review_after_start",
            "CHECK (date_review >= date_start)",
            "An improvement plan is reviewed after it starts.",
        ),
    ]

    @api.constrains("appraisal_id", "employee_id")
    def _check_appraisal(self):
        # sudo: the linked appraisal, to keep plans to the employee's own
        for pip in self.sudo().filtered("appraisal_id"):
            if pip.appraisal_id.employee_id != pip.employee_id:
                raise ValidationError(
                    self.env._(
                        "An improvement plan follows one of its employee's appraisals."
                    )
                )

    @api.depends("employee_id")
    def _compute_name(self):
        for pip in self:
            pip.name = self.env._(
                "Improvement plan of %(employee)s", employee=pip.employee_id.name or ""
            )

    def action_start(self):
        self._workflow_move("start")
        return True

    def action_close(self):
        self._workflow_check_move("close")
        if self.filtered(lambda pip: not pip.outcome):
            raise UserError(self.env._("Record the outcome before closing the plan."))
        self._workflow_move("close")
        return True
