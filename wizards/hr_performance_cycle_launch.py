# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.hr_performance_cycle import PHASES


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
    # reviewed, but blocked from the start: shown before anything is created
    no_manager_ids = fields.Many2many(
        "hr.employee",
        compute="_compute_blockers",
        string="Left Out: No Manager",
    )
    no_user_ids = fields.Many2many(
        "hr.employee",
        compute="_compute_blockers",
        string="No User (no self-assessment)",
    )
    no_appraiser_ids = fields.Many2many(
        "hr.employee",
        compute="_compute_blockers",
        string="Manager Without a User (no appraiser)",
    )
    missing_deadlines = fields.Char(compute="_compute_blockers")
    confirm_no_deadlines = fields.Boolean(
        "Launch Without Deadlines",
        help="Nobody is reminded and nothing is late without deadlines: tick to "
        "launch anyway.",
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

    @api.depends("cycle_id")
    def _compute_blockers(self):
        labels = {
            name: self.env["hr.performance.cycle"]
            ._fields[name]
            ._description_string(self.env)
            for name in PHASES
        }
        for wizard in self:
            eligible, _archived, no_manager, _busy = (
                wizard.cycle_id._launch_population()
            )
            wizard.no_manager_ids = no_manager
            wizard.no_user_ids = eligible.filtered(lambda emp: not emp.user_id)
            wizard.no_appraiser_ids = eligible.filtered(
                lambda emp: not emp.parent_id.user_id
            )
            missing = [labels[name] for name in PHASES if not wizard.cycle_id[name]]
            wizard.missing_deadlines = ", ".join(missing)

    def action_launch(self):
        """Create the appraisals of the previewed cycle and start it."""
        self.ensure_one()
        cycle = self.cycle_id
        if not any(cycle[name] for name in PHASES) and not self.confirm_no_deadlines:
            raise UserError(
                self.env._(
                    "%(cycle)s has no deadline at all: nobody would be reminded and "
                    "nothing would ever be late. Set the deadlines, or tick Launch "
                    "Without Deadlines.",
                    cycle=cycle.name,
                )
            )
        self.cycle_id.action_launch()
        return self.cycle_id.action_view_appraisals()
