# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_performance_activity import FOLLOWERS_INSERTED
from .hr_performance_state import check_state


class HrPerformanceAppraisal(models.Model):
    """The review of one employee in one cycle.

    Access rules (security/hr_performance_rules.xml): the employee reads their own,
    the manager chain those of their reports, officers those of their companies.
    This first version carries the cycle, the people, the template and the workflow
    state; assessments, scores and sign-off come with the rest of the review issue.
    """

    _name = "hr.performance.appraisal"
    _description = "Appraisal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "cycle_id desc, employee_id, id"

    cycle_id = fields.Many2one(
        "hr.performance.cycle", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    manager_id = fields.Many2one(
        "hr.employee",
        index=True,
        tracking=True,
        help="The employee's manager when the cycle was launched.",
    )
    manager_user_id = fields.Many2one(
        related="manager_id.user_id", store=True, string="Manager User"
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="cycle_id.company_id", store=True, index=True, precompute=True
    )
    template_id = fields.Many2one(related="cycle_id.template_id", store=True)
    date_deadline = fields.Date(related="cycle_id.deadline_signoff")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("self_review", "Self-Assessment"),
            ("manager_review", "Manager Assessment"),
            ("calibration", "Calibration"),
            ("to_sign", "To Sign"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )

    _sql_constraints = [
        (
            "employee_cycle_uniq",
            "unique (cycle_id, employee_id)",
            "An employee has one appraisal per cycle.",
        ),
    ]

    def _compute_display_name(self):
        for appraisal in self:
            appraisal.display_name = self.env._(
                "%(employee)s, %(cycle)s",
                employee=appraisal.employee_id.name or "",
                cycle=appraisal.cycle_id.name or "",
            )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # followers of a batch of activities are inserted at once beforehand
        if self.env.context.get(FOLLOWERS_INSERTED):
            return True
        return super().message_subscribe(partner_ids, subtype_ids)

    def action_cancel(self):
        check_state(
            self,
            ("draft", "self_review", "manager_review", "calibration", "to_sign"),
            self.env._("Cancelling"),
        )
        self.write({"state": "cancelled"})
        return True
