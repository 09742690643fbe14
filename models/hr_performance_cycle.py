# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tools.translate import LazyTranslate

from .hr_performance_access import MANAGER, ROLE_ADMIN, ROLE_OFFICER
from .hr_performance_activity import create_activities
from .hr_performance_workflow import Chain, Transition

_lt = LazyTranslate(__name__)

PHASES = (
    "deadline_goal_setting",
    "deadline_self",
    "deadline_peer",
    "deadline_manager",
    "deadline_calibration",
    "deadline_signoff",
)
STAFF = (ROLE_OFFICER, ROLE_ADMIN)
SETUP = ("name", "date_start", "date_end", "template_id", "department_ids")
SETUP += ("employee_ids", "category_ids", "kind", "trigger", "trigger_months")
SETUP += ("trigger_lead_days", "company_id")
RUNNING = ("name", "escalation_days", "merit_matrix_id", "bonus_target_percent")
RUNNING += ("calibration_required",)
RUNNING += PHASES
REWARDS = ("merit_matrix_id", "bonus_target_percent")
CYCLE_FIELDS = {
    role: {
        "draft": SETUP + RUNNING,
        "running": RUNNING,
        "calibrating": RUNNING,
        "closed": REWARDS,
    }
    for role in STAFF
}


class HrPerformanceCycle(models.Model):
    """A review campaign: who is reviewed, on which period, with which template.

    Officers run cycles for their companies; every employee reads them (a cycle says
    nothing private: the appraisals it creates carry their own rules).
    """

    _name = "hr.performance.cycle"
    _description = "Review Cycle"
    _inherit = ["hr.performance.workflow", "mail.thread", "mail.activity.mixin"]
    _order = "date_end desc, id desc"
    _workflow_transitions = (
        Transition(
            "launch",
            ("draft",),
            "running",
            STAFF,
            _lt("Only performance officers of its company launch a cycle."),
        ),
        Transition(
            "calibrate",
            ("running",),
            "calibrating",
            STAFF,
            _lt("Only performance officers of its company start calibration."),
        ),
        Transition(
            "close",
            ("calibrating",),
            "closed",
            STAFF,
            _lt("Only performance officers of its company close a cycle."),
        ),
        Transition(
            "cancel",
            ("draft", "running"),
            "cancelled",
            STAFF,
            _lt("Only performance officers of its company cancel a cycle."),
        ),
    )
    _workflow_fields = CYCLE_FIELDS
    _workflow_create_roles = STAFF
    _workflow_create_fields = frozenset(SETUP + RUNNING)

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_start = fields.Date("Period Start", required=True, tracking=True)
    date_end = fields.Date("Period End", required=True, tracking=True)
    template_id = fields.Many2one(
        "hr.performance.template",
        required=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    rating_scale_id = fields.Many2one(related="template_id.rating_scale_id")
    department_ids = fields.Many2many(
        "hr.department", string="Departments", check_company=True
    )
    employee_ids = fields.Many2many(
        "hr.employee", string="Employees", check_company=True
    )
    category_ids = fields.Many2many("hr.employee.category", string="Employee Tags")
    deadline_goal_setting = fields.Date("Goal Setting")
    deadline_self = fields.Date("Self-Assessment")
    deadline_peer = fields.Date("Peer Feedback")
    deadline_manager = fields.Date("Manager Assessment")
    deadline_calibration = fields.Date("Calibration")
    deadline_signoff = fields.Date("Sign-off")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("calibrating", "Calibrating"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    kind = fields.Selection(
        [("campaign", "Campaign"), ("rolling", "Automatic")],
        default="campaign",
        required=True,
        help="A campaign reviews its population once, when launched. An automatic "
        "cycle keeps running and creates an appraisal for each employee when their "
        "trigger comes.",
    )
    trigger = fields.Selection(
        [
            ("probation", "End of the trial period"),
            ("after_start", "Months after the first contract"),
            ("anniversary", "Each work anniversary"),
            ("contract_end", "End of the running contract"),
        ],
        help="For automatic cycles: the event that schedules an appraisal.",
    )
    trigger_months = fields.Integer(default=6)
    trigger_lead_days = fields.Integer(
        "Days Ahead",
        default=14,
        help="The appraisal is created this many days before its event.",
    )
    escalation_days = fields.Integer(
        default=3,
        help="Days after a deadline before a late writer's manager is told.",
    )
    calibration_required = fields.Boolean(
        default=True,
        help="An appraisal is released to its employee only once a calibration "
        "session froze its rating.",
    )
    blocked_appraisal_count = fields.Integer(
        "Blocked Appraisals",
        compute="_compute_blocked_appraisal_count",
        help="Open appraisals nobody can move: no appraiser with a user, or a "
        "self-assessment the employee cannot write (no user).",
    )
    merit_matrix_id = fields.Many2one(
        "hr.performance.merit.matrix",
        check_company=True,
        help="Suggests each raise from the final rating and the compa-ratio.",
    )
    # with the levels' multipliers, a bonus would give its rating away to payroll
    bonus_target_percent = fields.Float(
        "Target Bonus (% of yearly wage)",
        groups=MANAGER,
        help="Each bonus proposal: this share of the yearly wage, times the rating's "
        "bonus multiplier. Zero: no bonus proposals.",
    )
    reward_ids = fields.One2many("hr.performance.reward", "cycle_id")
    reward_count = fields.Integer(compute="_compute_reward_count")
    appraisal_ids = fields.One2many("hr.performance.appraisal", "cycle_id")
    appraisal_count = fields.Integer(compute="_compute_appraisal_count")
    job_ids = fields.One2many("hr.performance.job", "cycle_id", readonly=True)
    job_progress = fields.Char(
        compute="_compute_job_progress",
        help="The mass actions of the cycle running in the background, and how far.",
    )

    _sql_constraints = [
        (
            "period_order",
            "CHECK (date_end >= date_start)",
            "A review period cannot end before it starts.",
        ),
    ]

    def _compute_reward_count(self):
        counts = dict(
            self.env["hr.performance.reward"]._read_group(
                [("cycle_id", "in", self.ids)], ["cycle_id"], ["__count"]
            )
        )
        for cycle in self:
            cycle.reward_count = counts.get(cycle, 0)

    def _compute_appraisal_count(self):
        counts = dict(
            self.env["hr.performance.appraisal"]._read_group(
                [("cycle_id", "in", self.ids)], ["cycle_id"], ["__count"]
            )
        )
        for cycle in self:
            cycle.appraisal_count = counts.get(cycle, 0)

    @api.depends_context("uid")
    def _compute_job_progress(self):
        jobs = (
            self.env["hr.performance.job"]
            # sudo: the progress of the cycle's jobs, for who reads the cycle
            .sudo()
            .search([("cycle_id", "in", self.ids), ("state", "=", "queued")])
        )
        operations = dict(jobs._fields["operation"]._description_selection(self.env))
        for cycle in self:
            cycle.job_progress = ", ".join(
                self.env._(
                    "%(operation)s in the background: %(done)s of %(total)s done",
                    operation=operations[job.operation],
                    done=job.done,
                    total=job.total,
                )
                for job in jobs
                if job.cycle_id == cycle
            )

    def _compute_blocked_appraisal_count(self):
        counts = dict(
            self.env["hr.performance.appraisal"]._read_group(
                [("cycle_id", "in", self.ids), ("is_blocked", "=", True)],
                ["cycle_id"],
                ["__count"],
            )
        )
        for cycle in self:
            cycle.blocked_appraisal_count = counts.get(cycle, 0)

    @api.constrains("date_start", *PHASES)
    def _check_deadlines(self):
        """Phases follow each other: each deadline on or after the previous ones."""
        labels = {
            name: self._fields[name]._description_string(self.env) for name in PHASES
        }
        for cycle in self:
            previous, previous_label = cycle.date_start, self.env._("the period start")
            for name in PHASES:
                deadline = cycle[name]
                if not deadline:
                    continue
                if previous and deadline < previous:
                    raise ValidationError(
                        self.env._(
                            "Cycle %(cycle)s: the %(phase)s deadline comes before "
                            "%(previous)s.",
                            cycle=cycle.name,
                            phase=labels[name],
                            previous=previous_label,
                        )
                    )
                previous, previous_label = deadline, labels[name]

    def _workflow_roles(self):
        chain = Chain(self.env)
        return {
            # sudo: the cycle's company, to tell the caller's roles
            cycle: chain.staff_roles(cycle.sudo().company_id) & set(STAFF)
            for cycle in self
        }

    def _population_domain(self):
        """The employees the cycle targets, archived ones included (to count them)."""
        self.ensure_one()
        targets = []
        if self.department_ids:
            targets.append([("department_id", "child_of", self.department_ids.ids)])
        if self.employee_ids:
            targets.append([("id", "in", self.employee_ids.ids)])
        if self.category_ids:
            targets.append([("category_ids", "in", self.category_ids.ids)])
        scope = expression.OR(targets) if targets else []
        return expression.AND([[("company_id", "=", self.company_id.id)], scope])

    def _launch_population(self):
        """Split the population: (eligible, archived, without manager, already busy)."""
        self.ensure_one()
        Employee = self.env["hr.employee"].with_context(active_test=False)
        population = Employee.search(self._population_domain())
        archived = population.filtered(lambda emp: not emp.active)
        active = population - archived
        no_manager = active.filtered(lambda emp: not emp.parent_id)
        busy_ids = {
            employee.id
            for [employee] in self.env["hr.performance.appraisal"]._read_group(
                [
                    ("employee_id", "in", active.ids),
                    ("cycle_id.state", "in", ("running", "calibrating")),
                    ("cycle_id", "!=", self.id),
                    ("state", "not in", ("done", "cancelled")),
                ],
                ["employee_id"],
            )
        }
        busy = active.filtered(lambda emp: emp.id in busy_ids)
        return active - no_manager - busy, archived, no_manager, busy

    def action_open_launch(self):
        self.ensure_one()
        self._workflow_check_move("launch")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Launch %(cycle)s", cycle=self.name),
            "res_model": "hr.performance.cycle.launch",
            "view_mode": "form",
            "target": "new",
            "context": {"default_cycle_id": self.id},
        }

    def action_launch(self):
        """Create one appraisal per eligible employee, in batch, and start the cycle.

        The caller must be allowed to edit the cycle: no launching a foreign cycle by
        its id. Appraisals start in self-assessment, with a to-do for each employee
        due at the self-assessment deadline.
        """
        self._workflow_check_move("launch")
        Job = self.env["hr.performance.job"]
        for cycle in self._hrp_sudo().filtered(lambda c: c.kind == "campaign"):
            eligible = cycle._launch_population()[0]
            if len(eligible) > Job._threshold():
                # a big company: in chunks, in the background (hr.performance.job)
                Job._enqueue(cycle, "launch", eligible.ids)
                continue
            cycle._create_appraisals(
                [(employee, cycle.date_end) for employee in eligible]
            )
        self._workflow_move("launch")
        return True

    def _create_appraisals(self, targets):
        """Appraisals in self-assessment for ``targets``: [(employee, date)]."""
        self.ensure_one()
        appraisals = (
            self.env["hr.performance.appraisal"]
            .with_context(mail_create_nolog=True, tracking_disable=True)
            .create(
                [
                    {
                        "cycle_id": self.id,
                        "employee_id": employee.id,
                        "manager_id": employee.parent_id.id,
                        "date_reference": date,
                        "state": "self_review",
                    }
                    for employee, date in targets
                ]
            )
        )
        self._schedule_self_assessments(appraisals)
        return appraisals

    def _trigger_date(self, employee, today):
        """The next event of ``employee`` for this automatic cycle, or None."""
        contract = employee.contract_id
        first = employee.first_contract_date
        if self.trigger == "probation":
            return contract.trial_date_end or None
        if self.trigger == "contract_end":
            return contract.date_end or None
        if not first:
            return None
        if self.trigger == "after_start":
            return first + relativedelta(months=self.trigger_months)
        years = max(today.year - first.year, 1)
        anniversary = first + relativedelta(years=years)
        return (
            anniversary
            if anniversary >= today
            else anniversary + relativedelta(years=1)
        )

    def _schedule_rolling(self, today):
        """Create the appraisals whose event falls within the lead days."""
        self.ensure_one()
        horizon = today + relativedelta(days=self.trigger_lead_days)
        # sudo: an automatic cycle's population, for the cron
        eligible = self._launch_population()[0].sudo()
        targets = {
            employee: date
            for employee in eligible
            if (date := self._trigger_date(employee, today))
            and today <= date <= horizon
        }
        existing = {
            (employee.id, date)
            for employee, date in self.env["hr.performance.appraisal"]._read_group(
                [
                    ("cycle_id", "=", self.id),
                    ("employee_id", "in", [e.id for e in targets]),
                ],
                ["employee_id", "date_reference:day"],
            )
        }
        todo = [
            (employee, date)
            for employee, date in targets.items()
            if (employee.id, date) not in existing
        ]
        return (
            self._create_appraisals(todo)
            if todo
            else self.env["hr.performance.appraisal"]
        )

    @api.model
    def _cron_daily(self):
        """Automatic cycles create their appraisals; 360 feedback closes at the peer
        deadline; late writers are reminded, then escalated."""
        today = fields.Date.context_today(self)
        for cycle in self.search([("state", "=", "running"), ("kind", "=", "rolling")]):
            cycle._schedule_rolling(today)
        self.env["hr.performance.appraisal"].search(
            [
                ("review_state", "=", "collecting"),
                ("cycle_id.deadline_peer", "<", today),
            ]
        )._close_reviews()
        self.env["hr.performance.appraisal"]._cron_remind()

    def _schedule_self_assessments(self, appraisals):
        """One to-do per employee with a user, due at the self-assessment deadline."""
        self.ensure_one()
        model = self.env["ir.model"]._get_id("hr.performance.appraisal")
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        deadline = self.deadline_self or fields.Date.context_today(self)
        create_activities(
            self.env,
            appraisals._name,
            [
                {
                    "res_model_id": model,
                    "res_id": appraisal.id,
                    "activity_type_id": activity_type.id,
                    "user_id": appraisal.employee_id.user_id.id,
                    "summary": self.env._("Write your self-assessment"),
                    "date_deadline": deadline,
                    "automated": True,
                }
                for appraisal in appraisals.filtered("employee_id.user_id")
            ],
        )

    def action_calibrate(self):
        self._workflow_move("calibrate")
        return True

    def action_close(self):
        self._workflow_move("close")
        return True

    def action_cancel(self):
        # the caller is checked before their appraisals are cancelled as superuser
        self._workflow_check_move("cancel")
        self._hrp_sudo().appraisal_ids.filtered(
            lambda a: a.state not in ("done", "cancelled")
        )._cancel()
        self._workflow_move("cancel")
        return True

    def action_generate_rewards(self):
        """Reward proposals for the closed cycle's appraisals, in batch: a raise from
        the merit matrix and a bonus from the target, per rated employee with a
        running contract; employees who already have one of a kind are skipped."""
        self._workflow_check_readable()
        if self.filtered(lambda cycle: cycle.state != "closed"):
            self._workflow_refuse_state(self.env._("Propose Rewards"), self)
        if not all(roles for roles in self._workflow_roles().values()):
            raise AccessError(
                self.env._("Only performance officers propose the rewards of a cycle.")
            )
        Job = self.env["hr.performance.job"]
        for cycle in self._hrp_sudo():
            if len(cycle.appraisal_ids) > Job._threshold():
                # a big company: in chunks, in the background (hr.performance.job)
                Job._enqueue(cycle, "generate_rewards", cycle.appraisal_ids.ids)
                continue
            cycle._create_rewards()
        return self.action_view_rewards()

    def _create_rewards(self, appraisals=None):
        """The reward proposals of ``appraisals`` (all the cycle's by default)."""
        self.ensure_one()
        return (
            self.env["hr.performance.reward"]
            ._hrp_sudo()
            .with_context(mail_create_nolog=True, tracking_disable=True)
            .create(self._reward_vals(appraisals))
        )

    def _reward_vals(self, appraisals=None):
        self.ensure_one()
        # sudo: the rated appraisals of a cycle an officer proposes rewards for
        appraisals = (self.appraisal_ids if appraisals is None else appraisals).sudo()
        appraisals = appraisals.filtered(
            lambda a: a.state in ("to_sign", "done") and a.employee_id.contract_id
        )
        existing = {
            (employee.id, kind)
            for employee, kind in self.env["hr.performance.reward"]
            # sudo: the rewards that exist, not to propose them twice
            .sudo()
            ._read_group(
                [
                    ("cycle_id", "=", self.id),
                    ("state", "not in", ("refused", "cancelled")),
                ],
                ["employee_id", "kind"],
            )
        }
        ratios = self.env["hr.performance.reward"]._compa_ratios(appraisals.employee_id)
        leads = {
            lead.appraisal_id: lead
            for lead in appraisals.assessment_ids.filtered("is_lead")
        }
        vals_list = []
        for appraisal in appraisals:
            level = leads.get(
                appraisal, appraisal.assessment_ids.browse()
            ).final_level_id
            employee = appraisal.employee_id
            contract = employee.contract_id
            if not level:
                continue
            common = {
                "cycle_id": self.id,
                "appraisal_id": appraisal.id,
                "employee_id": employee.id,
                "company_id": self.company_id.id,
                "contract_id": contract.id,
                "level_id": level.id,
                "compa_ratio": ratios.get(employee, 0.0),
                "effective_date": self.date_end + relativedelta(days=1),
            }
            if self.merit_matrix_id and (employee.id, "raise") not in existing:
                percent = self.merit_matrix_id._raise_percent(
                    level, common["compa_ratio"]
                )
                vals_list.append({**common, "kind": "raise", "percent": percent})
            if self.bonus_target_percent and (employee.id, "bonus") not in existing:
                bonus = (
                    contract.wage * 12 * self.bonus_target_percent / 100
                ) * level.bonus_multiplier
                vals_list.append({**common, "kind": "bonus", "amount": round(bonus, 2)})
        return vals_list

    def action_view_rewards(self):
        self.ensure_one()
        self._workflow_check_readable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reward Proposals"),
            "res_model": "hr.performance.reward",
            "view_mode": "list,form,pivot",
            "domain": [("cycle_id", "=", self.id)],
            "context": {"default_cycle_id": self.id},
        }

    def action_view_blocked(self):
        """The appraisals of the cycle nobody can move, to fix them one by one."""
        action = self.action_view_appraisals()
        action.update(
            name=self.env._("Blocked Appraisals"),
            domain=[("cycle_id", "=", self.id), ("is_blocked", "=", True)],
            view_mode="list,form",
        )
        return action

    def action_fix_blocked(self):
        """The one-click fix of blocked appraisals: the appraiser becomes the
        employee's manager's user; a self-assessment nobody can write (the employee
        has no user) is skipped. Those with neither stay blocked: returns them."""
        self._workflow_check_roles(
            STAFF,
            self.env._("Only performance officers of its company fix its appraisals."),
        )
        Appraisal = self.env["hr.performance.appraisal"]
        blocked = Appraisal.search(
            [("cycle_id", "in", self.ids), ("is_blocked", "=", True)]
        )
        no_appraiser = blocked.filtered(lambda a: not a.appraiser_ids)
        # sudo: the employees' managers, for an officer checked above
        by_manager = no_appraiser.sudo().grouped(lambda a: a.employee_id.parent_id)
        for manager, appraisals in by_manager.items():
            if (
                manager.user_id
                and manager.user_id not in appraisals.employee_id.user_id
            ):
                appraisals.with_env(self.env).write(
                    {
                        "manager_id": manager.id,
                        "appraiser_ids": [Command.set(manager.user_id.ids)],
                    }
                )
        no_user = blocked.filtered(
            # sudo: whether the employee has a user, for an officer checked above
            lambda a: a.state == "self_review" and not a.sudo().employee_id.user_id
        )
        if no_user:
            no_user.action_skip_self_review()
        left = blocked.filtered("is_blocked")
        if left:
            return {
                **self[:1].action_view_appraisals(),
                "name": self.env._("Still Blocked: the Manager Has No User"),
                "domain": [("id", "in", left.ids)],
            }
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s appraisals can move again.", count=len(blocked)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_appraisals(self):
        self.ensure_one()
        self._workflow_check_readable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Appraisals"),
            "res_model": "hr.performance.appraisal",
            "view_mode": "list,kanban,form",
            "domain": [("cycle_id", "=", self.id)],
        }
