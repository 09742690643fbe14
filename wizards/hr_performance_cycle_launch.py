# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrPerformanceCycleLaunch(models.TransientModel):
    """Launch a review cycle: preview who is in and who is left out, then create
    one appraisal per eligible employee, in batch."""

    _name = "hr.performance.cycle.launch"
    _description = "Launch a Review Cycle"
    _inherit = ["hr.performance.guard"]

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
        """Create the appraisals of the previewed cycle and start it."""
        self.ensure_one()
        self.cycle_id.action_launch()
        return self.cycle_id.action_view_appraisals()
