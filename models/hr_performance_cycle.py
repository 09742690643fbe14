# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from .hr_performance_activity import create_activities
from .hr_performance_state import check_state

PHASES = (
    "deadline_goal_setting",
    "deadline_self",
    "deadline_peer",
    "deadline_manager",
    "deadline_calibration",
    "deadline_signoff",
)


class HrPerformanceCycle(models.Model):
    """A review campaign: who is reviewed, on which period, with which template.

    Officers run cycles for their companies; every employee reads them (a cycle says
    nothing private: the appraisals it creates carry their own rules).
    """

    _name = "hr.performance.cycle"
    _description = "Review Cycle"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_end desc, id desc"

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
    appraisal_ids = fields.One2many("hr.performance.appraisal", "cycle_id")
    appraisal_count = fields.Integer(compute="_compute_appraisal_count")

    _sql_constraints = [
        (
            "period_order",
            "CHECK (date_end >= date_start)",
            "A review period cannot end before it starts.",
        ),
    ]

    def _compute_appraisal_count(self):
        counts = dict(
            self.env["hr.performance.appraisal"]._read_group(
                [("cycle_id", "in", self.ids)], ["cycle_id"], ["__count"]
            )
        )
        for cycle in self:
            cycle.appraisal_count = counts.get(cycle, 0)

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
                    ("state", "!=", "cancelled"),
                ],
                ["employee_id"],
            )
        }
        busy = active.filtered(lambda emp: emp.id in busy_ids)
        return active - no_manager - busy, archived, no_manager, busy

    def action_open_launch(self):
        self.ensure_one()
        check_state(self, ("draft",), self.env._("Launching"))
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
        self.check_access("write")
        check_state(self, ("draft",), self.env._("Launching"))
        for cycle in self:
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
            cycle._schedule_self_assessments(appraisals)
        self.write({"state": "running"})
        return True

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
        check_state(self, ("running",), self.env._("Starting calibration"))
        self.write({"state": "calibrating"})
        return True

    def action_close(self):
        check_state(self, ("calibrating",), self.env._("Closing"))
        self.write({"state": "closed"})
        return True

    def action_cancel(self):
        check_state(self, ("draft", "running"), self.env._("Cancelling"))
        self.appraisal_ids.filtered(lambda a: a.state != "done").write(
            {"state": "cancelled"}
        )
        self.write({"state": "cancelled"})
        return True

    def action_view_appraisals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Appraisals"),
            "res_model": "hr.performance.appraisal",
            "view_mode": "list,kanban,form",
            "domain": [("cycle_id", "=", self.id)],
        }
