# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.hr_performance_state import check_state

ACTIVITY_TYPE = "mail.mail_activity_data_todo"


class HrPerformanceCycleLaunch(models.TransientModel):
    """Launch a review cycle: preview who is in and who is left out, then create
    one appraisal per eligible employee, in batch."""

    _name = "hr.performance.cycle.launch"
    _description = "Launch a Review Cycle"

    cycle_id = fields.Many2one("hr.performance.cycle", required=True, readonly=True)
    eligible_ids = fields.Many2many(
        "hr.employee", compute="_compute_population", string="To Review"
    )
    eligible_count = fields.Integer(compute="_compute_population")
    archived_count = fields.Integer(
        compute="_compute_population", string="Archived (left out)"
    )
    no_manager_count = fields.Integer(
        compute="_compute_population", string="Without Manager (left out)"
    )
    busy_count = fields.Integer(
        compute="_compute_population",
        string="Already in a Running Cycle (left out)",
    )

    @api.depends("cycle_id")
    def _compute_population(self):
        for wizard in self:
            eligible, archived, no_manager, busy = wizard.cycle_id._launch_population()
            wizard.eligible_ids = eligible
            wizard.eligible_count = len(eligible)
            wizard.archived_count = len(archived)
            wizard.no_manager_count = len(no_manager)
            wizard.busy_count = len(busy)

    def action_launch(self):
        """Create the appraisals and their activities, then start the cycle."""
        self.ensure_one()
        cycle = self.cycle_id
        # the caller must be allowed to run this cycle: no foreign cycle by id
        cycle.check_access("write")
        check_state(cycle, ("draft",), self.env._("Launching"))
        eligible = cycle._launch_population()[0]
        appraisals = (
            self.env["hr.performance.appraisal"]
            .with_context(mail_create_nolog=True, tracking_disable=True)
            .create(
                [
                    {
                        "cycle_id": cycle.id,
                        "employee_id": employee.id,
                        "manager_id": employee.parent_id.id,
                        "state": "self_review",
                    }
                    for employee in eligible
                ]
            )
        )
        self._schedule_self_assessments(appraisals)
        cycle.write({"state": "running"})
        return cycle.action_view_appraisals()

    def _schedule_self_assessments(self, appraisals):
        """One to-do per employee with a user, due at the self-assessment deadline."""
        cycle = self.cycle_id
        model = self.env["ir.model"]._get_id("hr.performance.appraisal")
        activity_type = self.env.ref(ACTIVITY_TYPE)
        deadline = cycle.deadline_self or fields.Date.context_today(self)
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(
            [
                {
                    "res_model_id": model,
                    "res_id": appraisal.id,
                    "activity_type_id": activity_type.id,
                    "user_id": appraisal.employee_id.user_id.id,
                    "summary": self.env._("Write your self-assessment"),
                    "date_deadline": deadline,
                }
                for appraisal in appraisals.filtered("employee_id.user_id")
            ]
        )
