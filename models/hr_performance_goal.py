# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext
from odoo.tools.translate import LazyTranslate

from .hr_performance_access import (
    ADMIN,
    ROLE_ADMIN,
    ROLE_EMPLOYEE,
    ROLE_MANAGER,
    ROLE_OFFICER,
    ROLE_OWNER,
)
from .hr_performance_activity import close_activities, create_activities
from .hr_performance_state import rule_checked_domain
from .hr_performance_workflow import Chain, Transition

_lt = LazyTranslate(__name__)
OWNERS = (ROLE_OWNER, ROLE_EMPLOYEE)
APPROVERS = (ROLE_MANAGER, ROLE_OFFICER)
EVERYONE = OWNERS + APPROVERS
CONTENT = (
    "name",
    "description",
    "date_start",
    "date_deadline",
    "weight",
    "key_result_ids",
    "progress_mode",
    "progress",
    "parent_id",
    "private",
)
# who writes what: the owner while the goal is not approved (then its progress),
# the approvers while it is open, administrators re-assign it
GOAL_FIELDS = {
    ROLE_OWNER: {"draft": CONTENT, "proposed": CONTENT, "active": ("progress",)},
    ROLE_EMPLOYEE: {"draft": CONTENT, "proposed": CONTENT, "active": ("progress",)},
    ROLE_MANAGER: {
        state: (*CONTENT, "smart_override", "department_id")
        for state in ("draft", "proposed", "active")
    },
    ROLE_OFFICER: {
        state: (*CONTENT, "smart_override", "department_id")
        for state in ("draft", "proposed", "active")
    },
    ROLE_ADMIN: {
        state: ("user_id", "employee_id", "scope", "company_id", "department_id")
        for state in ("draft", "proposed", "active", "done", "cancelled")
    },
}
AT_RISK_MARGIN = 20.0  # percent points behind the time elapsed
MIN_DESCRIPTION = 20  # characters of a non-trivial description
MAX_CHAIN = 10  # levels of managers asked, nearest first, to approve a goal


class HrPerformanceGoal(models.Model):
    """A SMART goal of an employee, a department or the company.

    Access rules (security/hr_performance_rules.xml):
    - every employee reads the goals that are not private, in their companies, and
      creates/edits their own employee goals;
    - managers read and edit the goals of their direct and indirect reports (and of
      departments they manage), private ones included;
    - officers read and edit every goal of their companies that is not private: a
      private goal is for its owner and the employee's manager chain only.
    The workflow (``_workflow_transitions``, ``GOAL_FIELDS``) says who moves a goal
    and writes which field: approving is for the employee's manager chain and
    officers, never the employee; nobody writes the state but through the steps;
    only administrators give a goal another owner.
    """

    _name = "hr.performance.goal"
    _description = "Goal"
    _inherit = ["hr.performance.workflow", "mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id"
    _parent_store = True
    _workflow_transitions = (
        Transition(
            "propose",
            ("draft",),
            "proposed",
            EVERYONE,
            _lt("Only the goal's owner or their managers propose it."),
        ),
        Transition(
            "approve",
            ("draft", "proposed"),
            "active",
            APPROVERS,
            _lt(
                "Only the employee's manager or a performance officer can approve a "
                "goal."
            ),
        ),
        Transition(
            "done",
            ("active",),
            "done",
            EVERYONE,
            _lt("Only the goal's owner or their managers close it."),
        ),
        Transition(
            "cancel",
            ("draft", "proposed"),
            "cancelled",
            EVERYONE,
            _lt("Only the goal's owner or their managers cancel it."),
        ),
        Transition(
            "cancel",
            ("active",),
            "cancelled",
            APPROVERS,
            _lt(
                "An approved goal is cancelled by the employee's manager or a "
                "performance officer."
            ),
        ),
        Transition(
            "draft",
            ("proposed", "cancelled"),
            "draft",
            EVERYONE,
            _lt("Only the goal's owner or their managers reset it."),
        ),
    )
    _workflow_fields = GOAL_FIELDS
    _workflow_create_roles = EVERYONE
    _workflow_create_fields = frozenset(
        (*CONTENT, "smart_override", "scope", "employee_id", "department_id")
        + ("company_id", "user_id")
    )

    name = fields.Char(required=True, tracking=True)
    description = fields.Html()
    scope = fields.Selection(
        [
            ("company", "Company"),
            ("department", "Department"),
            ("employee", "Employee"),
        ],
        required=True,
        default="employee",
        tracking=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", index=True, tracking=True, check_company=True
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        "Owner",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        index=True,
        tracking=True,
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_deadline = fields.Date("Deadline", required=True, tracking=True)
    weight = fields.Float(default=1.0)
    key_result_ids = fields.One2many("hr.performance.key.result", "goal_id", copy=True)
    progress_mode = fields.Selection(
        [
            ("key_results", "From key results"),
            ("children", "From aligned goals"),
            ("manual", "Set by hand"),
        ],
        required=True,
        default="key_results",
    )
    progress = fields.Float(
        compute="_compute_progress",
        store=True,
        readonly=False,
        recursive=True,
        aggregator="avg",
    )
    parent_id = fields.Many2one(
        "hr.performance.goal",
        "Contributes To",
        index=True,
        ondelete="set null",
        tracking=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("hr.performance.goal", "parent_id", "Aligned Goals")
    child_count = fields.Integer(compute="_compute_child_count")
    has_measured_results = fields.Boolean(compute="_compute_has_measured_results")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("proposed", "Proposed"),
            ("active", "Active"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    private = fields.Boolean(
        help="Only the owner and the employee's manager chain see it."
    )
    smart_missing = fields.Char("Missing SMART Criteria", compute="_compute_smart")
    smart_override = fields.Boolean(
        "Accepted Despite SMART Warnings", tracking=True, copy=False
    )
    is_late = fields.Boolean(compute="_compute_health", search="_search_is_late")
    is_at_risk = fields.Boolean(compute="_compute_health", search="_search_is_at_risk")

    _sql_constraints = [
        ("weight_positive", "CHECK (weight > 0)", "A goal's weight must be > 0."),
        (
            "progress_range",
            "CHECK (progress >= 0 AND progress <= 100)",
            "Progress is a percentage between 0 and 100.",
        ),
        (
            "dates_order",
            "CHECK (date_deadline >= date_start)",
            "A goal's deadline cannot be before its start.",
        ),
    ]

    @api.depends("employee_id")
    def _compute_department_id(self):
        for goal in self.filtered("employee_id"):
            goal.department_id = goal.employee_id.department_id

    @api.depends("employee_id", "department_id")
    def _compute_company_id(self):
        for goal in self:
            goal.company_id = (
                goal.employee_id.company_id
                or goal.department_id.company_id
                or goal.company_id
                or self.env.company
            )

    @api.depends("employee_id", "department_id")
    def _compute_user_id(self):
        for goal in self:
            goal.user_id = (
                goal.employee_id.user_id
                or goal.department_id.manager_id.user_id
                or goal.user_id
                or self.env.user
            )

    @api.depends(
        "progress_mode",
        "key_result_ids.progress",
        "key_result_ids.weight",
        "child_ids.progress",
        "child_ids.weight",
        "child_ids.state",
        "child_ids.private",
        "private",
    )
    def _compute_progress(self):
        for goal in self:
            if goal.progress_mode == "key_results":
                goal.progress = self._weighted(goal.key_result_ids)
            elif goal.progress_mode == "children":
                # a private goal's progress never shows in a goal others read
                goal.progress = self._weighted(
                    goal.child_ids.filtered(
                        lambda g, p=goal: g.state != "cancelled"
                        and (p.private or not g.private)
                    )
                )
            else:
                goal.progress = goal.progress

    @staticmethod
    def _weighted(records):
        total = sum(records.mapped("weight"))
        if not total:
            return 0.0
        value = sum(r.progress * r.weight for r in records) / total
        return round(max(0.0, min(100.0, value)), 2)

    @api.depends("key_result_ids.measure")
    def _compute_has_measured_results(self):
        for goal in self:
            goal.has_measured_results = "erp" in goal.key_result_ids.mapped("measure")

    def _compute_child_count(self):
        counts = dict(
            self.env["hr.performance.goal"]._read_group(
                [("parent_id", "in", self.ids)], ["parent_id"], ["__count"]
            )
        )
        for goal in self:
            goal.child_count = counts.get(goal, 0)

    @api.depends(
        "name",
        "description",
        "date_start",
        "date_deadline",
        "key_result_ids",
        "progress_mode",
        "parent_id.date_deadline",
    )
    def _compute_smart(self):
        for goal in self:
            goal.smart_missing = ", ".join(goal._smart_problems())

    def _smart_problems(self):
        """The SMART criteria this goal misses, as short translated labels."""
        self.ensure_one()
        problems = []
        if self.progress_mode == "key_results" and not self.key_result_ids:
            problems.append(self.env._("a measurable key result"))
        if len(html2plaintext(self.description or "").strip()) < MIN_DESCRIPTION:
            problems.append(self.env._("a specific description"))
        if not self.date_deadline or (
            self.date_start and self.date_deadline <= self.date_start
        ):
            problems.append(self.env._("a deadline after the start"))
        if self.parent_id and self.date_deadline and self.parent_id.date_deadline:
            if self.date_deadline > self.parent_id.date_deadline:
                problems.append(self.env._("a deadline within the goal it supports"))
        return problems

    @api.depends("state", "date_start", "date_deadline", "progress")
    def _compute_health(self):
        today = fields.Date.context_today(self)
        for goal in self:
            running = goal.state == "active"
            goal.is_late = running and goal.date_deadline < today
            goal.is_at_risk = (
                running
                and not goal.is_late
                and goal.progress + AT_RISK_MARGIN < goal._expected_progress(today)
            )

    def _expected_progress(self, today):
        """The share of the goal's period elapsed at ``today``, in percent."""
        span = (self.date_deadline - self.date_start).days
        if span <= 0:
            return 100.0
        return max(0.0, min(100.0, 100.0 * (today - self.date_start).days / span))

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on late goals."))
        domain = [
            ("state", "=", "active"),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    def _search_is_at_risk(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on goals at risk."))
        today = fields.Date.context_today(self)
        active = self.search([("state", "=", "active"), ("date_deadline", ">=", today)])
        ids = active.filtered("is_at_risk").ids
        return [("id", "in" if (operator == "=") == value else "not in", ids)]

    @api.constrains("scope", "employee_id", "department_id")
    def _check_scope(self):
        for goal in self:
            if goal.scope == "employee" and not goal.employee_id:
                raise ValidationError(
                    self.env._(
                        "Goal %(name)s is an employee goal: choose the employee.",
                        name=goal.name,
                    )
                )
            if goal.scope == "department" and not goal.department_id:
                raise ValidationError(
                    self.env._(
                        "Goal %(name)s is a department goal: choose the department.",
                        name=goal.name,
                    )
                )

    @api.constrains("parent_id", "private", "employee_id")
    def _check_alignment_privacy(self):
        """A goal that others read never shows a private one: a private goal is
        aligned only with private goals of the same employee, which have the same
        readers."""
        goals = self | self.child_ids
        for goal in goals.filtered(lambda g: g.parent_id.private):
            parent = goal.parent_id
            if not goal.private or goal.employee_id != parent.employee_id:
                raise ValidationError(
                    self.env._(
                        "Goal %(goal)s cannot contribute to the private goal "
                        "%(parent)s: only private goals of the same employee can.",
                        goal=goal.name,
                        parent=parent.name,
                    )
                )

    @api.onchange("scope")
    def _onchange_scope(self):
        if self.scope != "employee":
            self.employee_id = False

    @api.model
    def default_get(self, fields_list):
        """A new employee goal is one's own: the employee defaults to the current
        user's (the form asks for every field; ``create`` given a scope does not
        ask for it, so department and company goals get no employee)."""
        defaults = super().default_get(fields_list)
        if (
            "employee_id" in fields_list
            and "scope" in fields_list
            and not defaults.get("employee_id")
            and defaults.get("scope") == "employee"
        ):
            employee = self.env.user.employee_id
            if employee and employee.company_id in self.env.companies:
                defaults["employee_id"] = employee.id
        return defaults

    @api.model
    def hierarchy_read(
        self, domain, fields, parent_field, child_field=None, order=None
    ):
        """The alignment tree (``hrp_alignment`` in the context) opens on its
        roots, the company objectives, each expanded one level: their direct
        contributors come nested under them."""
        result = super().hierarchy_read(
            domain, fields, parent_field, child_field, order
        )
        if not self.env.context.get("hrp_alignment") or not child_field:
            return result
        ids = {row["id"] for row in result}
        roots = [row for row in result if not row.get(parent_field)]
        if len(roots) < 2 or len(roots) != len(result):
            return result
        children = self.search(
            [(parent_field, "in", list(ids)), ("state", "!=", "cancelled")],
            order=order,
        ).read(fields)
        nested = {}
        for child in children:
            nested.setdefault(child[parent_field][0], []).append(child)
        for row in roots:
            if row["id"] in nested:
                row[child_field] = nested[row["id"]]
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # x2many emptiness tests go through the rules of their lines
        domain = rule_checked_domain(self, domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    # ------------------------------------------------------------------ workflow

    def _workflow_roles(self):
        """The owner (the employee, or the manager of a department goal, or who
        owns a company goal), the employee's manager chain, officers and
        administrators of the company. Department and company goals are approved
        by officers."""
        chain = Chain(self.env)
        roles = {}
        # sudo: the goals' people, to tell the caller's roles
        for goal in self.sudo():
            employee = goal.employee_id if goal.scope == "employee" else None
            found = chain.staff_roles(goal.company_id, employee)
            if goal.user_id == chain.user:
                found.add(ROLE_OWNER)
            if goal.scope == "employee":
                found |= {ROLE_EMPLOYEE} if chain.is_self(goal.employee_id) else set()
                found |= {ROLE_MANAGER} if chain.manages(goal.employee_id) else set()
            roles[goal.with_env(self.env)] = found
        return roles

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(ADMIN):
            # the owner is derived: the employee, or who creates the goal
            vals_list = [
                {name: value for name, value in vals.items() if name != "user_id"}
                for vals in vals_list
            ]
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("parent_id"):
            self._check_parent_cycle(vals["parent_id"])
        return super().write(vals)

    def _check_parent_cycle(self, parent_id):
        """Refuse, with a clear message, a parent that is one of ``self`` or below."""
        # sudo: the new parent's place in the tree, to refuse a loop
        path = self.browse(parent_id).sudo().parent_path or ""
        # sudo: the goals' place in the tree, to refuse a loop
        if any(path.startswith(goal.sudo().parent_path or "-") for goal in self):
            raise ValidationError(
                self.env._(
                    "A goal cannot contribute to itself or to one of the goals that "
                    "contribute to it."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(goal.state not in ("draft", "cancelled") for goal in self):
            raise UserError(
                self.env._("Only draft or cancelled goals can be deleted; cancel it.")
            )

    def action_propose(self):
        self._workflow_move("propose")
        self._hrp_sudo()._schedule_approvals()
        return True

    def action_approve(self):
        self._workflow_check_move("approve")
        unsmart = self.filtered(
            lambda goal: goal.smart_missing and not goal.smart_override
        )
        if unsmart:
            raise UserError(
                self.env._(
                    "These goals are not SMART yet (%(missing)s). Complete them, or "
                    "tick “Accepted Despite SMART Warnings” to approve them as they "
                    "are.",
                    missing="; ".join(
                        f"{goal.name}: {goal.smart_missing}" for goal in unsmart
                    ),
                )
            )
        self._workflow_move("approve")
        close_activities(self)
        return True

    def action_done(self):
        self._workflow_move("done")
        close_activities(self, cancel=True)
        return True

    def action_cancel(self):
        self._workflow_move("cancel")
        close_activities(self, cancel=True)
        return True

    def action_draft(self):
        self._workflow_move("draft")
        close_activities(self, cancel=True)
        return True

    def _schedule_approvals(self):
        """A to-do "Approve this goal" for the approver of each goal proposed."""
        model = self.env["ir.model"]._get_id(self._name)
        todo = self.env.ref("mail.mail_activity_data_todo").id
        today = fields.Date.context_today(self)
        return create_activities(
            self.env,
            self._name,
            [
                {
                    "res_model_id": model,
                    "res_id": goal.id,
                    "activity_type_id": todo,
                    "user_id": user.id,
                    "summary": self.env._("Approve this goal"),
                    "date_deadline": today,
                    "automated": True,
                }
                for goal, user in self._approvers().items()
            ],
        )

    def _approvers(self):
        """{goal: user}: who is asked to approve each goal, the nearest manager of
        its employee who may, as the workflow and the record rules say *as that
        user* (the approver role, and reading the goal). Goals no manager may
        approve have none: officers find them in their *To Approve* list."""
        found = {}
        # sudo: the employees' managers: the org chart is public
        level = {
            goal: goal.sudo().employee_id.parent_id
            for goal in self
            if goal.scope == "employee" and goal.employee_id
        }
        for _depth in range(MAX_CHAIN):
            by_user = defaultdict(lambda: self.browse())
            for goal, manager in level.items():
                if manager.user_id:
                    by_user[manager.user_id] |= goal
            for user, goals in by_user.items():
                as_user = goals.with_user(user).with_context(
                    allowed_company_ids=user.company_ids.ids
                )
                roles = as_user._workflow_roles()
                for goal in as_user:
                    if roles[goal] & set(APPROVERS) and goal.has_access("read"):
                        found[goal.with_env(self.env)] = user
            level = {
                goal: manager.parent_id
                for goal, manager in level.items()
                if goal not in found and manager.parent_id
            }
            if not level:
                break
        return found

    def action_measure(self):
        self._workflow_check_readable()
        self.key_result_ids.action_measure()
        return True

    def action_view_children(self):
        self.ensure_one()
        self._workflow_check_readable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Aligned Goals"),
            "res_model": "hr.performance.goal",
            "view_mode": "list,kanban,form",
            "domain": [("parent_id", "=", self.id)],
            "context": {"default_parent_id": self.id},
        }
