# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .hr_performance_access import OFFICER, ROLE_OFFICER, ROLE_PARTICIPANT

BANDS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]
BAND_INDEX = {band: index for index, (band, _label) in enumerate(BANDS)}


class HrPerformanceCalibrationLine(models.Model):
    """One appraisal in a calibration session: its rating, the employee's potential,
    and the pay context (compa-ratio, last raise, tenure) to compare them fairly.

    Changing the rating or the potential is logged in
    ``hr.performance.calibration.change``; a rating change needs a reason.
    """

    _name = "hr.performance.calibration.line"
    _description = "Calibration Line"
    _inherit = ["hr.performance.workflow"]
    # participants and officers move the lines of an open session, never their own
    _workflow_state = None
    _workflow_fields = {
        role: {"open": ("level_id", "potential", "change_reason")}
        for role in (ROLE_PARTICIPANT, ROLE_OFFICER)
    }
    _order = "session_id, box desc, employee_id"

    session_id = fields.Many2one(
        "hr.performance.calibration", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="session_id.company_id", store=True)
    appraisal_id = fields.Many2one(
        "hr.performance.appraisal", required=True, readonly=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True
    )
    department_id = fields.Many2one(related="appraisal_id.department_id", store=True)
    manager_id = fields.Many2one(related="appraisal_id.manager_id", store=True)
    rating_scale_id = fields.Many2one(related="session_id.cycle_id.rating_scale_id")
    proposed_level_id = fields.Many2one(
        "hr.performance.rating.level", "Proposed Rating", readonly=True
    )
    level_id = fields.Many2one(
        "hr.performance.rating.level",
        "Calibrated Rating",
        required=True,
        domain="[('scale_id', '=', rating_scale_id)]",
    )
    score = fields.Float(readonly=True, digits=(4, 2))
    performance = fields.Selection(
        BANDS, compute="_compute_box", store=True, string="Performance Band"
    )
    potential = fields.Selection(BANDS, default="medium", required=True)
    box = fields.Integer(
        compute="_compute_box",
        store=True,
        help="The 9-box cell: 1 low performance and potential, 9 high and high.",
    )
    # the contract's wage: HR's, not the participants' (the compa-ratio tells them)
    wage = fields.Monetary(readonly=True, currency_field="currency_id", groups=OFFICER)
    currency_id = fields.Many2one(related="company_id.currency_id")
    compa_ratio = fields.Float(
        readonly=True,
        digits=(4, 2),
        help="The wage over the average wage of the same job position in the company.",
    )
    last_raise_date = fields.Date(readonly=True)
    last_raise_percent = fields.Float(readonly=True, digits=(5, 1))
    tenure_years = fields.Float("Tenure (years)", readonly=True, digits=(4, 1))
    change_reason = fields.Char(
        "Reason", help="Why the rating changes: recorded with the change."
    )

    @api.depends("level_id", "potential")
    def _compute_box(self):
        for line in self:
            line.performance = line._band_of(line.level_id)
            line.box = (
                BAND_INDEX[line.performance] + 3 * BAND_INDEX[line.potential] + 1
                if line.performance and line.potential
                else 0
            )

    @staticmethod
    def _band_of(level):
        """low, medium or high: where ``level`` sits between its scale's ends."""
        if not level:
            return False
        scale = level.scale_id
        span = (scale.max_value - scale.min_value) or 1
        position = (level.value - scale.min_value) / span
        return "low" if position < 1 / 3 else "medium" if position < 2 / 3 else "high"

    def _level_in_band(self, band):
        """The level of ``band`` nearest to the current rating; none when the scale
        has no level in that band (a scale of two levels has no middle)."""
        self.ensure_one()
        levels = self.level_id.scale_id.level_ids.filtered(
            lambda level: self._band_of(level) == band
        )
        if not levels:
            return levels
        return min(
            levels,
            key=lambda level: (abs(level.value - self.level_id.value), level.value),
        )

    @api.model
    def _prepare_lines(self, session, appraisals):
        """Values of the lines of ``appraisals``, with their pay context, batched."""
        # sudo: the appraisals of a session its officer opens
        appraisals = appraisals.sudo()
        employees = appraisals.employee_id
        # sudo: pay context of the session's employees (compa-ratio, last raise)
        Reward = self.env["hr.performance.reward"].sudo()
        ratios = Reward._compa_ratios(employees)
        raises = Reward._last_raises(employees)
        today = fields.Date.context_today(self)
        vals_list = []
        for appraisal in appraisals:
            employee = appraisal.employee_id
            contract = employee.contract_id
            lead = appraisal.assessment_ids.filtered("is_lead")[:1]
            last = raises.get(employee)
            first = employee.first_contract_date
            vals_list.append(
                {
                    "session_id": session.id,
                    "appraisal_id": appraisal.id,
                    "proposed_level_id": lead.final_level_id.id,
                    "level_id": lead.final_level_id.id,
                    "score": lead.score,
                    "wage": contract.wage,
                    "compa_ratio": ratios.get(employee, 0.0),
                    "last_raise_date": last.effective_date if last else False,
                    "last_raise_percent": last.percent if last else 0.0,
                    "tenure_years": (today - first).days / 365.25 if first else 0.0,
                }
            )
        return vals_list

    def _workflow_state_of(self):
        # sudo: the session's state decides what its lines allow
        return self.sudo().session_id.state

    def _workflow_roles(self):
        of_session = self.session_id._workflow_roles()
        return {
            line: set()
            # sudo: nobody calibrates their own line
            if line.sudo().employee_id.user_id == self.env.user
            else of_session[line.session_id]
            for line in self
        }

    def write(self, vals):
        if "level_id" in vals or "potential" in vals:
            self._log_changes(vals)
        return super().write(vals)

    def _log_changes(self, vals):
        changes = []
        for line in self:
            level = (
                self.env["hr.performance.rating.level"].browse(vals["level_id"])
                if "level_id" in vals
                else line.level_id
            )
            potential = vals.get("potential", line.potential)
            if level == line.level_id and potential == line.potential:
                continue
            reason = vals.get("change_reason") or line.change_reason
            if level != line.level_id and not reason:
                raise UserError(
                    self.env._(
                        "Say why the rating of %(employee)s changes.",
                        employee=line.employee_id.name,
                    )
                )
            changes.append(
                {
                    "line_id": line.id,
                    "user_id": self.env.uid,
                    "level_from_id": line.level_id.id,
                    "level_to_id": level.id,
                    "potential_from": line.potential,
                    "potential_to": potential,
                    "reason": reason,
                }
            )
        self.env["hr.performance.calibration.change"]._hrp_sudo().create(changes)
        vals["change_reason"] = False  # a reason serves one change

    @api.model
    def move_to_box(self, line_id, performance, potential, reason=False):
        """The 9-box grid drops a card: set the band and the potential."""
        line = self.browse(line_id)
        line._workflow_check_readable()
        if performance not in BAND_INDEX or potential not in BAND_INDEX:
            raise UserError(self.env._("There is no such box in the 9-box."))
        vals = {"potential": potential}
        if performance != line.performance:
            level = line._level_in_band(performance)
            if not level:
                raise UserError(
                    self.env._(
                        "The rating scale has no level in that performance band: "
                        "choose another box."
                    )
                )
            vals["level_id"] = level.id
            vals["change_reason"] = reason
        line.write(vals)
        return line.read(["box", "level_id", "performance", "potential"])[0]
