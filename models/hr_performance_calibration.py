# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from .hr_performance_access import ROLE_ADMIN, ROLE_OFFICER, ROLE_PARTICIPANT
from .hr_performance_calibration_line import BANDS
from .hr_performance_workflow import Chain, Transition

_lt = LazyTranslate(__name__)
STAFF = (ROLE_OFFICER, ROLE_ADMIN)
SETUP = ("name", "cycle_id", "department_ids", "manager_id", "participant_ids")


class HrPerformanceCalibration(models.Model):
    """A calibration session: managers and HR compare the proposed ratings of a
    cycle's appraisals, set each employee's potential, and freeze the ratings.

    Officers run sessions; participants read and move the lines of open sessions.
    The appraised employees never read them (the ratings are not released yet).
    """

    _name = "hr.performance.calibration"
    _description = "Calibration Session"
    _inherit = ["hr.performance.workflow", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _workflow_transitions = (
        Transition(
            "start",
            ("draft",),
            "open",
            STAFF,
            _lt("Only performance officers start a calibration session."),
        ),
        Transition(
            "close",
            ("open",),
            "closed",
            STAFF,
            _lt("Only performance officers close a calibration session."),
        ),
    )
    _workflow_fields = {
        role: {"draft": SETUP, "open": ("name", "participant_ids")} for role in STAFF
    }
    _workflow_create_fields = frozenset(SETUP)
    _workflow_create_roles = STAFF

    name = fields.Char(required=True, tracking=True)
    cycle_id = fields.Many2one(
        "hr.performance.cycle", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="cycle_id.company_id", store=True)
    department_ids = fields.Many2many(
        "hr.department", string="Departments", help="Empty: the whole cycle."
    )
    manager_id = fields.Many2one(
        "hr.employee",
        "Manager Chain",
        help="Only the appraisals of this manager's direct and indirect reports.",
    )
    participant_ids = fields.Many2many("res.users", string="Participants")
    state = fields.Selection(
        [("draft", "Draft"), ("open", "In Session"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many("hr.performance.calibration.line", "session_id")
    change_ids = fields.One2many("hr.performance.calibration.change", "session_id")
    line_count = fields.Integer(compute="_compute_line_count")
    waiting_count = fields.Integer(
        compute="_compute_waiting_count",
        help="Appraisals of the population that reached calibration and are in no "
        "session yet.",
    )
    distribution = fields.Html(compute="_compute_distribution", sanitize=False)

    def _compute_line_count(self):
        counts = dict(
            self.env["hr.performance.calibration.line"]._read_group(
                [("session_id", "in", self.ids)], ["session_id"], ["__count"]
            )
        )
        for session in self:
            session.line_count = counts.get(session, 0)

    @api.depends("line_ids.level_id")
    def _compute_distribution(self):
        for session in self:
            session.distribution = session._distribution_html()

    def _distribution(self):
        """[(level, count, percent, guideline percent, deviation)] of the lines."""
        self.ensure_one()
        levels = self.cycle_id.template_id.rating_scale_id.level_ids
        total = len(self.line_ids)
        rows = []
        for level in levels:
            count = len(
                self.line_ids.filtered(lambda line, lv=level: line.level_id == lv)
            )
            percent = 100.0 * count / total if total else 0.0
            rows.append(
                (
                    level,
                    count,
                    percent,
                    level.guideline_percent,
                    percent - level.guideline_percent,
                )
            )
        return rows

    def _distribution_html(self):
        cell = Markup("<td class='text-end %s'>%s</td>")
        head = Markup("<th class='text-end'>%s</th>")
        titles = [
            self.env._("Employees"),
            self.env._("Share"),
            self.env._("Guideline"),
            self.env._("Deviation"),
        ]
        rows = [
            Markup("<tr><td>%s</td>%s%s%s%s</tr>")
            % (
                level.label,
                cell % ("", count),
                cell % ("", f"{percent:.0f}%"),
                cell % ("", f"{guideline:.0f}%"),
                cell
                % ("text-danger" if abs(deviation) > 5 else "", f"{deviation:+.0f}"),
            )
            for level, count, percent, guideline, deviation in self._distribution()
        ]
        return Markup(
            "<table class='table table-sm'><thead><tr><th>%s</th>%s</tr></thead>"
            "<tbody>%s</tbody></table>"
        ) % (
            self.env._("Rating"),
            Markup().join(head % title for title in titles),
            Markup().join(rows),
        )

    def _population_domain(self):
        """The appraisals of the session's population waiting for calibration (a
        frozen rating waits no more)."""
        self.ensure_one()
        domain = [
            ("cycle_id", "=", self.cycle_id.id),
            ("state", "=", "calibration"),
            ("rating_frozen", "=", False),
        ]
        if self.department_ids:
            domain.append(("department_id", "child_of", self.department_ids.ids))
        if self.manager_id:
            domain.append(("employee_id.parent_id", "child_of", self.manager_id.ids))
        return domain

    def _appraisals(self):
        """The appraisals of the session's population waiting for calibration."""
        self.ensure_one()
        Appraisal = self.env["hr.performance.appraisal"]
        # sudo: the appraisals of the session's population, for its officer
        return Appraisal.sudo().search(self._population_domain())

    def _waiting(self):
        """The appraisals of the population not in any session that is not closed
        (this one included)."""
        self.ensure_one()
        taken = (
            self.env["hr.performance.calibration.line"]
            # sudo: which appraisals other sessions hold, not their lines
            .sudo()
            .search([("session_id.state", "!=", "closed")])
            .appraisal_id
        )
        return self._appraisals() - taken

    @api.depends("state", "line_ids")
    def _compute_waiting_count(self):
        for session in self:
            session.waiting_count = (
                # sudo: a count of the session's own population
                len(session.sudo()._waiting()) if session.state == "open" else 0
            )

    @api.model
    def _pick_up(self, appraisals):
        """Open sessions take in ``appraisals`` that reached calibration after they
        started, when they belong to their population (internal: superuser)."""
        if not appraisals:
            return
        sessions = self.search(
            [("state", "=", "open"), ("cycle_id", "in", appraisals.cycle_id.ids)]
        )
        for session in sessions:
            session._add_waiting(appraisals)

    def _add_waiting(self, among=None):
        """Lines for the waiting appraisals (among ``among``, if given)."""
        self.ensure_one()
        waiting = self._waiting()
        if among is not None:
            waiting &= among
        if waiting:
            # sudo: lines are the server's, for a session its officer may run
            Line = self.env["hr.performance.calibration.line"]._hrp_sudo()
            Line.create(Line._prepare_lines(self, waiting))
        return waiting

    def _workflow_roles(self):
        chain = Chain(self.env)
        roles = {}
        for session in self._hrp_sudo():
            found = chain.staff_roles(session.company_id) & set(STAFF)
            if chain.user in session.participant_ids:
                found.add(ROLE_PARTICIPANT)
            roles[session.with_env(self.env)] = found
        return roles

    def action_start(self):
        """Open the session with a line per appraisal waiting for calibration."""
        self._workflow_check_move("start")
        for session in self._hrp_sudo():
            if not session._add_waiting():
                raise UserError(
                    self.env._(
                        "No appraisal of %(session)s waits for calibration.",
                        session=session.name,
                    )
                )
        self._workflow_move("start")
        return True

    def action_add_waiting(self):
        """Take in the appraisals that reached calibration since the session
        started (the session also does on its own as they arrive)."""
        self._workflow_check_roles(
            STAFF,
            self.env._("Only performance officers add appraisals to a session."),
        )
        if self.filtered(lambda session: session.state != "open"):
            self._workflow_refuse_state(self.env._("Add Waiting Appraisals"), self)
        for session in self._hrp_sudo():
            session._add_waiting()
        return True

    def action_close(self):
        """Freeze the calibrated ratings into the appraisals."""
        self._workflow_check_move("close")
        # only what the session was opened for: its cycle's appraisals in calibration
        lines = self._hrp_sudo().line_ids.filtered(
            lambda line: line.appraisal_id.state == "calibration"
            and line.appraisal_id.cycle_id == line.session_id.cycle_id
        )
        for level, level_lines in lines.grouped("level_id").items():
            leads = level_lines.appraisal_id.assessment_ids.filtered("is_lead")
            leads.write({"final_level_id": level.id})
        lines.appraisal_id.write({"rating_frozen": True})
        self._workflow_move("close")
        return True

    def action_open_grid(self):
        self.ensure_one()
        self._workflow_check_readable()
        return {
            "type": "ir.actions.client",
            "tag": "hr_performance_nine_box",
            "name": self.env._("9-Box"),
            "params": {"session_id": self.id},
        }

    def nine_box_data(self):
        """What the 9-box shows: the session, its lines, the scale's levels and the
        bands that hold a level (a short scale leaves a band empty)."""
        self.ensure_one()
        self._workflow_check_readable()
        Line = self.env["hr.performance.calibration.line"]
        levels = self.cycle_id.template_id.rating_scale_id.level_ids
        bands = {Line._band_of(level) for level in levels}
        lines = Line.search([("session_id", "=", self.id)])
        return {
            "id": self.id,
            "name": self.name,
            "cycle": self.cycle_id.display_name,
            "state": self.state,
            "editable": self.state == "open"
            and bool(self._workflow_roles()[self] & {*STAFF, ROLE_PARTICIPANT}),
            "bands": [band for band, _label in BANDS if band in bands],
            "levels": [
                {"id": level.id, "value": level.value, "label": level.label}
                for level in levels
            ],
            "lines": lines.read(
                [
                    "employee_id",
                    "level_id",
                    "proposed_level_id",
                    "performance",
                    "potential",
                    "box",
                    "compa_ratio",
                ]
            ),
        }

    def action_view_lines(self):
        self.ensure_one()
        self._workflow_check_readable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Calibration"),
            "res_model": "hr.performance.calibration.line",
            "view_mode": "list,kanban",
            "domain": [("session_id", "=", self.id)],
            "context": {"default_session_id": self.id},
        }
