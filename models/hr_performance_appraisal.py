# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.translate import LazyTranslate

from .hr_performance_access import (
    ADMIN,
    MANAGER,
    ROLE_ADMIN,
    ROLE_APPRAISER,
    ROLE_EMPLOYEE,
    ROLE_LEAD,
    ROLE_MANAGER,
    ROLE_OFFICER,
)
from .hr_performance_activity import (
    FOLLOWERS_INSERTED,
    REVIEWERS,
    close_activities,
    create_activities,
)
from .hr_performance_review_aggregate import aggregate_html
from .hr_performance_state import rule_checked_domain
from .hr_performance_workflow import Chain, Transition

_lt = LazyTranslate(__name__)
OPEN_STATES = ("draft", "self_review", "manager_review", "calibration", "to_sign")
LEADS = (ROLE_LEAD, ROLE_OFFICER)
BEFORE_CALIBRATION = ("draft", "self_review", "manager_review")
CHAIN = ("note_ids", "development_action_ids")
# the appraisers change before calibration; the chain keeps notes and plans actions;
# everything else moves through the buttons
APPRAISAL_FIELDS = {
    ROLE_LEAD: {
        **{state: ("appraiser_ids", *CHAIN) for state in BEFORE_CALIBRATION},
        **{state: CHAIN for state in ("calibration", "to_sign", "done")},
    },
    ROLE_OFFICER: {
        **{
            state: ("appraiser_ids", "manager_id", *CHAIN)
            for state in BEFORE_CALIBRATION
        },
        **{state: ("manager_id", *CHAIN) for state in ("calibration", "to_sign")},
        "done": CHAIN,
    },
    ROLE_MANAGER: {state: CHAIN for state in (*OPEN_STATES, "done")},
}


class HrPerformanceAppraisal(models.Model):
    """The review of one employee in one cycle.

    Access rules (security/hr_performance_rules.xml): the employee reads their own,
    their appraisers and the manager chain those of their reports, officers those of
    their companies. What is private before the release (the manager assessments and
    the proposed rating) lives in ``hr.performance.assessment`` records, which the
    employee cannot read until ``released``; the manager's private notes live in
    ``hr.performance.appraisal.note``, which the employee never reads.
    """

    _name = "hr.performance.appraisal"
    _description = "Appraisal"
    _inherit = ["hr.performance.workflow", "mail.thread", "mail.activity.mixin"]
    _order = "cycle_id desc, employee_id, id"
    _workflow_transitions = (
        Transition(
            "skip_self",
            ("self_review",),
            "manager_review",
            (ROLE_OFFICER,),
            _lt("Only performance officers skip the self-assessment."),
        ),
        Transition(
            "release",
            ("calibration",),
            "to_sign",
            LEADS,
            _lt(
                "Only the employee's manager (the lead appraiser) or a performance "
                "officer releases an appraisal."
            ),
        ),
        Transition(
            "sign",
            ("to_sign",),
            "done",
            (ROLE_EMPLOYEE,),
            _lt("Only the appraised employee signs."),
        ),
        Transition(
            "cancel",
            OPEN_STATES,
            "cancelled",
            (ROLE_OFFICER,),
            _lt("Only performance officers cancel appraisals."),
        ),
    )
    _workflow_fields = APPRAISAL_FIELDS
    _workflow_create_roles = (ROLE_OFFICER,)
    _workflow_create_fields = frozenset(
        ("cycle_id", "employee_id", "manager_id", "appraiser_ids", "date_reference")
    )
    _workflow_server_fields = frozenset(
        ("released", "rating_frozen", "signoff_comment", "date_signed")
        + ("date_reminded", "date_escalated", "review_state")
        + ("review_threshold", "review_merge")
        + ("released_by_id", "date_released", "release_comment")
    )

    cycle_id = fields.Many2one(
        "hr.performance.cycle", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    manager_id = fields.Many2one(
        "hr.employee",
        index=True,
        tracking=True,
        help="The employee's manager when the appraisal was created.",
    )
    manager_user_id = fields.Many2one(
        related="manager_id.user_id", store=True, string="Manager User"
    )
    appraiser_ids = fields.Many2many(
        "res.users",
        string="Appraisers",
        help="Who writes a manager assessment: the manager, and others if needed.",
    )
    # not tracked, as the related fields would be by default (their targets are):
    # a note per appraisal at each launch or employee move, two queries per row
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True, tracking=False
    )
    company_id = fields.Many2one(
        related="cycle_id.company_id", store=True, index=True, precompute=True
    )
    template_id = fields.Many2one(
        related="cycle_id.template_id", store=True, tracking=False
    )
    date_start = fields.Date(related="cycle_id.date_start")
    date_end = fields.Date(related="cycle_id.date_end")
    date_reference = fields.Date(
        help="The event the appraisal reviews: the end of the cycle's period, or for "
        "an automatic cycle the anniversary, probation or contract end.",
    )
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
    released = fields.Boolean(
        readonly=True,
        copy=False,
        help="The manager assessments and the final rating are shown to the employee.",
    )
    assessment_ids = fields.One2many("hr.performance.assessment", "appraisal_id")
    self_assessment_id = fields.Many2one(
        "hr.performance.assessment", compute="_compute_readable"
    )
    manager_assessment_ids = fields.One2many(
        "hr.performance.assessment", compute="_compute_readable"
    )
    my_assessment_id = fields.Many2one(
        "hr.performance.assessment", compute="_compute_readable"
    )
    score = fields.Float(
        "Overall Score",
        compute="_compute_readable",
        digits=(4, 2),
        help="The lead manager assessment's overall score, once you may read it.",
    )
    final_level_id = fields.Many2one(
        "hr.performance.rating.level", "Final Rating", compute="_compute_readable"
    )
    below_pip_threshold = fields.Boolean(compute="_compute_readable")
    # what the reader is told instead of an empty table
    self_assessment_status = fields.Selection(
        [("none", "None"), ("pending", "Not shared yet"), ("shared", "Shared")],
        compute="_compute_readable",
        help="Whether the self-assessment exists and the reader may read it yet.",
    )
    manager_assessment_pending = fields.Boolean(
        compute="_compute_readable",
        help="The manager assessments exist but are not shown to the reader yet "
        "(the employee, before the release).",
    )
    note_ids = fields.One2many(
        "hr.performance.appraisal.note",
        "appraisal_id",
        "Private Notes",
        groups="hr_performance.group_hr_performance_manager",
    )
    development_action_ids = fields.One2many(
        "hr.performance.development.action", "appraisal_id"
    )
    review_request_ids = fields.One2many(
        "hr.performance.review.request", "appraisal_id", "360 Reviewers"
    )
    review_state = fields.Selection(
        [("collecting", "Collecting"), ("closed", "Closed")],
        "360 Feedback",
        default="collecting",
        readonly=True,
        copy=False,
        tracking=True,
    )
    review_threshold = fields.Integer(
        readonly=True,
        copy=False,
        help="The template's anonymity threshold when the 360 feedback closed.",
    )
    review_merge = fields.Boolean(readonly=True, copy=False)
    review_summary = fields.Html(
        "360 Summary", compute="_compute_review_summary", sanitize=False
    )
    pip_ids = fields.One2many("hr.performance.pip", "appraisal_id")
    rating_frozen = fields.Boolean(
        readonly=True,
        copy=False,
        help="Set when a calibration session closes: the final rating is final.",
    )
    reward_ids = fields.One2many(
        "hr.performance.reward", "appraisal_id", groups=MANAGER
    )
    signoff_comment = fields.Text("Employee Comment", readonly=True, copy=False)
    released_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_released = fields.Datetime(readonly=True, copy=False)
    release_comment = fields.Text(
        "Manager Comment",
        readonly=True,
        copy=False,
        help="The manager's word to the employee at the release, printed with the "
        "sign-off.",
    )
    awaiting_calibration = fields.Boolean(
        compute="_compute_awaiting_calibration",
        help="The cycle requires calibration and no closed session froze this "
        "appraisal's rating yet: it cannot be released.",
    )
    is_blocked = fields.Boolean(
        "Blocked",
        compute="_compute_is_blocked",
        search="_search_is_blocked",
        help="Nobody can move it: no appraiser with a user, or a self-assessment "
        "nobody can write (the employee has no user).",
    )
    date_signed = fields.Datetime(readonly=True, copy=False)
    date_reminded = fields.Date(readonly=True, copy=False)
    date_escalated = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "employee_cycle_uniq",
            "unique (cycle_id, employee_id, date_reference)",
            "An employee has one appraisal per cycle (per event, in automatic cycles).",
        ),
    ]

    def _compute_display_name(self):
        for appraisal in self:
            appraisal.display_name = self.env._(
                "%(employee)s, %(cycle)s",
                employee=appraisal.employee_id.name or "",
                cycle=appraisal.cycle_id.name or "",
            )

    def _readable_assessments(self):
        """The assessments of these appraisals the caller may read.

        An explicit search, so the record rules apply even when the cache holds
        assessments read by a privileged environment in the same transaction.
        """
        return self.env["hr.performance.assessment"].search(
            [("appraisal_id", "in", self.ids)]
        )

    @api.depends(
        "assessment_ids.kind",
        "assessment_ids.author_id",
        "assessment_ids.score",
        "assessment_ids.final_level_id",
        "assessment_ids.state",
    )
    @api.depends_context("uid")
    def _compute_readable(self):
        """What the caller may read of the assessments, with one search for all the
        fields (a form reads them together)."""
        readable = self._readable_assessments().grouped("appraisal_id")
        empty = self.env["hr.performance.assessment"]
        # which assessments exist is no secret: the appraisal's state tells as much
        existing = {
            (appraisal.id, kind)
            for appraisal, kind in self.env["hr.performance.assessment"]
            # sudo: which assessments exist, not what they say
            .sudo()
            ._read_group([("appraisal_id", "in", self.ids)], ["appraisal_id", "kind"])
        }
        for appraisal in self:
            assessments = readable.get(appraisal, empty)
            shown_self = assessments.filtered(lambda a: a.kind == "self")
            appraisal.self_assessment_status = (
                "shared"
                if shown_self
                else "pending"
                if (appraisal.id, "self") in existing
                else "none"
            )
            appraisal.manager_assessment_pending = bool(
                (appraisal.id, "manager") in existing
                and not assessments.filtered(lambda a: a.kind == "manager")
            )
            appraisal.self_assessment_id = assessments.filtered(
                lambda a: a.kind == "self"
            )[:1]
            appraisal.manager_assessment_ids = assessments.filtered(
                lambda a: a.kind == "manager"
            )
            appraisal.my_assessment_id = assessments.filtered(
                lambda a: a.author_id == self.env.user
            )[:1]
            lead = assessments.filtered("is_lead")[:1]
            appraisal.score = lead.score
            appraisal.final_level_id = lead.final_level_id
            appraisal.below_pip_threshold = bool(
                lead.state == "submitted"
                and lead.score
                and lead.score < appraisal.template_id.pip_threshold
            )

    def _reviewed_by_caller(self):
        """The appraisals among these whose 360 feedback the caller was asked for or
        gave: they never read its summary, which their own answers would let them
        take apart. Asked at reading, whatever they became since (an appraiser, the
        employee's manager)."""
        user = self.env.user
        asked = [[("reviewer_id", "=", user.id)]]
        if user.email:
            asked.append([("email", "=ilike", user.email.strip())])
        requests = (
            self.env["hr.performance.review.request"]
            # sudo: who was asked, to keep the summary from them (none shown)
            .sudo()
            .search([("appraisal_id", "in", self.ids), *expression.OR(asked)])
        )
        responses = (
            self.env["hr.performance.review.response"]
            # sudo: who answered, to keep the summary from them (nothing of it is shown)
            .sudo()
            .search([("appraisal_id", "in", self.ids), ("author_id", "=", user.id)])
        )
        return (requests.appraisal_id | responses.appraisal_id).with_env(self.env)

    def _lead_assessment(self):
        """The lead manager assessment, whoever the caller is (internal use)."""
        self.ensure_one()
        # sudo: the lead's rating, for a step its caller was checked for
        return self.sudo().assessment_ids.filtered("is_lead")[:1]

    @api.depends("review_state")
    @api.depends_context("uid")
    def _compute_review_summary(self):
        reviewed = self._reviewed_by_caller() if not self.env.su else self.browse()
        marks = self._review_marks()
        for appraisal in self:
            appraisal.review_summary = aggregate_html(
                appraisal, reviewer=appraisal in reviewed, marks=marks.get(appraisal)
            )

    def _review_marks(self):
        """{appraisal: {question id: {"self": level, "manager": level}}}: the
        self-assessment's and the lead assessment's ratings the caller reads, to
        mark beside the 360 answers."""
        marks = {}
        for assessment in self._readable_assessments():
            if assessment.kind == "manager" and not assessment.is_lead:
                continue
            key = "self" if assessment.kind == "self" else "manager"
            of_appraisal = marks.setdefault(assessment.appraisal_id, {})
            for line in assessment.line_ids.filtered("question_id"):
                if line.level_id:
                    of_appraisal.setdefault(line.question_id.id, {})[key] = (
                        line.level_id
                    )
        return marks

    @api.depends("state", "rating_frozen", "cycle_id.calibration_required")
    def _compute_awaiting_calibration(self):
        for appraisal in self:
            appraisal.awaiting_calibration = (
                appraisal.state == "calibration"
                # sudo: a cycle setting, which every employee reads
                and appraisal.sudo().cycle_id.calibration_required
                and not appraisal.rating_frozen
            )

    def _blocked_domain(self):
        """Open appraisals nobody can move: no appraiser, or a self-assessment to
        write by an employee without a user."""
        return [
            ("state", "in", ("self_review", "manager_review")),
            "|",
            ("appraiser_ids", "=", False),
            "&",
            ("state", "=", "self_review"),
            ("employee_id.user_id", "=", False),
        ]

    @api.depends("state", "appraiser_ids", "employee_id.user_id")
    def _compute_is_blocked(self):
        blocked = self.filtered_domain(self._blocked_domain())
        for appraisal in self:
            appraisal.is_blocked = appraisal in blocked

    def _search_is_blocked(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Blocked."))
        domain = self._blocked_domain()
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # x2many emptiness tests go through the rules of their lines
        domain = rule_checked_domain(self, domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # followers of a batch of activities are inserted at once beforehand
        if self.env.context.get(FOLLOWERS_INSERTED):
            return True
        return super().message_subscribe(partner_ids, subtype_ids)

    # ------------------------------------------------------------------ creation

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(ADMIN):
            vals_list = self._derive_managers(vals_list)
        # the manager appraises by default
        managers = (
            self.env["hr.employee"]
            # sudo: the managers' users: the org chart is public
            .sudo()
            .browse(
                {vals["manager_id"] for vals in vals_list if vals.get("manager_id")}
            )
        )
        user_of = {manager.id: manager.user_id.id for manager in managers}
        # the appraisers in one read: the precomputed fields build each appraisal in
        # memory first, which would read its appraisers' users one by one
        # sudo: whether the appraisers' users are active, for the create below
        self.env["res.users"].sudo().browse(set(user_of.values())).fetch(["active"])
        for vals in vals_list:
            user_id = user_of.get(vals.get("manager_id"))
            if "appraiser_ids" not in vals and user_id:
                vals["appraiser_ids"] = [fields.Command.set([user_id])]
        appraisals = super().create(vals_list)
        appraisals._create_assessments()
        return appraisals

    @api.model
    def _derive_managers(self, vals_list):
        """The manager of an appraisal is the employee's manager: nobody makes
        themselves (or anyone) the appraiser of an employee they do not manage;
        administrators may choose another."""
        employees = (
            self.env["hr.employee"]
            # sudo: the employees' managers: the org chart is public
            .sudo()
            .browse(
                {vals["employee_id"] for vals in vals_list if vals.get("employee_id")}
            )
        )
        parent_of = {employee.id: employee.parent_id.id for employee in employees}
        return [
            {
                **{
                    name: value
                    for name, value in vals.items()
                    if name != "appraiser_ids"
                },
                "manager_id": parent_of.get(vals.get("employee_id")) or False,
            }
            for vals in vals_list
        ]

    def _create_assessments(self):
        """The self-assessment and one assessment per appraiser, with their answers.

        Batched: one search of the existing assessments, one of the goals per cycle,
        the questions once per template.
        """
        existing = {
            (assessment.appraisal_id.id, assessment.kind, assessment.author_id.id)
            for assessment in self.env["hr.performance.assessment"]
            # sudo: the assessments that exist, not to create them twice
            .sudo()
            .search([("appraisal_id", "in", self.ids)])
        }
        goals = self._period_goals()
        # each audience answers its own questions (self, manager)
        questions = {
            (template, kind): self._question_lines(template, kind)
            for template in self.template_id
            for kind in ("self", "manager")
        }
        vals_list = []
        for appraisal in self:
            lines = (
                appraisal._goal_lines(goals.get(appraisal.employee_id, []))
                + appraisal._competency_lines()
            )
            authors = [("self", appraisal.employee_id.user_id, False)] + [
                ("manager", user, user == appraisal.manager_user_id)
                for user in appraisal.appraiser_ids
            ]
            vals_list += [
                {
                    "appraisal_id": appraisal.id,
                    "kind": kind,
                    "author_id": user.id,
                    "is_lead": is_lead,
                    "line_ids": [
                        fields.Command.create(vals)
                        for vals in questions[appraisal.template_id, kind] + lines
                    ],
                }
                for kind, user, is_lead in authors
                if user and (appraisal.id, kind, user.id) not in existing
            ]
        return self.env["hr.performance.assessment"]._hrp_sudo().create(vals_list)

    @api.model
    def _question_lines(self, template, kind):
        """The answers to the questions ``kind`` (self, manager) is asked."""
        lines = []
        for section in template.section_ids:
            asked = section.question_ids._asked_to(kind)
            rated = asked.filtered(lambda q: q.answer_type == "rating")
            total = sum(rated.mapped("weight")) or 1.0
            lines += [
                {
                    "line_type": "question",
                    "section_id": section.id,
                    "question_id": question.id,
                    "answer_type": question.answer_type,
                    "required": question.required,
                    "sequence": section.sequence * 1000 + question.sequence,
                    "weight": section.weight * question.weight / total,
                }
                for question in asked
            ]
        return lines

    def _period_goals(self):
        """{employee: goals} of the employees' own goals due in their cycle's period."""
        goals = {}
        # sudo: the employees' goals of the period to rate, private ones left out
        Goal = self.env["hr.performance.goal"].sudo()
        for cycle, appraisals in self.grouped("cycle_id").items():
            found = Goal.search(
                [
                    ("employee_id", "in", appraisals.employee_id.ids),
                    ("scope", "=", "employee"),
                    # a private goal stays between the employee and their chain
                    ("private", "=", False),
                    ("state", "not in", ("draft", "cancelled")),
                    ("date_deadline", ">=", cycle.date_start),
                    ("date_deadline", "<=", cycle.date_end),
                ]
            )
            for employee, employee_goals in found.grouped("employee_id").items():
                goals[employee] = employee_goals
        return goals

    def _goal_lines(self, goals):
        return [
            {
                "line_type": "goal",
                "goal_id": goal.id,
                "answer_type": "rating",
                "required": True,
                "sequence": index,
                "weight": goal.weight,
            }
            for index, goal in enumerate(goals)
        ]

    def _competency_lines(self):
        skill_types = self.template_id.skill_type_ids
        if not skill_types:
            return []
        # sudo: the employee's skills (HR data) of the template, rated as competencies
        skills = self.employee_id.sudo().employee_skill_ids.filtered(
            lambda skill: skill.skill_type_id in skill_types
        )
        template = self.template_id
        return [
            {
                "line_type": "competency",
                "skill_id": skill.skill_id.id,
                "skill_level_id": skill.skill_level_id.id,
                "expected_level_id": template._expected_level(skill.skill_type_id).id,
                "answer_type": "rating",
                "required": True,
                "sequence": index,
            }
            for index, skill in enumerate(skills)
        ]

    def write(self, vals):
        if "appraiser_ids" in vals and not self.env.su:
            self._check_appraisers_are_not_reviewers(vals)
        result = super().write(vals)
        if "appraiser_ids" in vals:
            self._hrp_sudo()._create_assessments()
        return result

    def _check_appraisers_are_not_reviewers(self, vals):
        """A 360 reviewer of an appraisal never becomes one of its appraisers, who
        read the summary."""
        new = self.new({"appraiser_ids": vals["appraiser_ids"]}).appraiser_ids._origin
        asked = (
            self.env["hr.performance.review.request"]
            # sudo: who was asked for 360 feedback, to refuse them as appraisers
            .sudo()
            .search_count(
                [("appraisal_id", "in", self.ids), ("reviewer_id", "in", new.ids)]
            )
        )
        if asked:
            raise UserError(
                self.env._(
                    "A 360 reviewer of this appraisal cannot become its appraiser: "
                    "appraisers read the 360 summary."
                )
            )

    # ------------------------------------------------------------------ workflow

    def _workflow_roles(self):
        """The employee, the manager chain, the lead appraiser and the other
        appraisers, officers and administrators; nobody acts on their own."""
        chain = Chain(self.env)
        # sudo: the appraisals' people, to tell the caller's roles
        appraisals = self.sudo()
        leads = {
            lead.appraisal_id: lead.author_id
            for lead in appraisals.assessment_ids.filtered("is_lead")
        }
        roles = {}
        for appraisal in appraisals:
            found = chain.employee_roles(appraisal.employee_id, appraisal.company_id)
            if not chain.is_self(appraisal.employee_id):
                if chain.user in appraisal.appraiser_ids:
                    found.add(ROLE_APPRAISER)
                if leads.get(appraisal) == chain.user:
                    found.add(ROLE_LEAD)
            roles[appraisal.with_env(self.env)] = found
        return roles

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_workflow_steps(self):
        """The transitions, minus a release that calibration still holds back,
        plus the other buttons the reader may press: ``invite_360``,
        ``close_360``, ``improvement_plan``, ``private_notes``, ``purge_360``."""
        result = super()._compute_workflow_steps()
        records = self.filtered(lambda record: isinstance(record.id, int))
        roles = records._workflow_roles() if records else {}
        for appraisal in self:
            held = roles.get(appraisal, set())
            steps = set((appraisal.workflow_steps or "").split())
            if appraisal.awaiting_calibration:
                steps.discard("release")
            collecting = appraisal.review_state == "collecting"
            if held & set(LEADS):
                if collecting and appraisal.state in BEFORE_CALIBRATION:
                    steps.add("invite_360")
                if collecting and appraisal.state in OPEN_STATES:
                    steps.add("close_360")
                if appraisal.below_pip_threshold:
                    steps.add("improvement_plan")
            if ROLE_MANAGER in held:
                steps.add("private_notes")
            if ROLE_ADMIN in held:
                steps.add("purge_360")
            appraisal.workflow_steps = " ".join(sorted(steps))
        return result

    def _workflow_check_move(self, name):
        result = super()._workflow_check_move(name)
        if name == "release":
            self._check_calibrated()
        return result

    def _check_calibrated(self):
        """A cycle that requires calibration releases only what a closed session
        froze: the manager cannot skip it, whatever the client says."""
        waiting = self.filtered("awaiting_calibration")
        if waiting:
            raise UserError(
                self.env._(
                    "Calibration comes first: release these once their calibration "
                    "session is closed: %(appraisals)s",
                    # sudo: names of appraisals the caller was checked for
                    appraisals=", ".join(waiting.sudo().mapped("display_name")),
                )
            )

    def _on_assessments_submitted(self):
        """Move appraisals along when their assessments are in.

        The self-assessment starts the manager assessment; the last manager
        assessment starts calibration.
        """
        for appraisal in self:
            assessments = appraisal.assessment_ids
            self_done = all(
                a.state == "submitted" for a in assessments if a.kind == "self"
            )
            managers = assessments.filtered(lambda a: a.kind == "manager")
            if appraisal.state == "self_review" and self_done:
                appraisal._start_manager_review()
            if (
                appraisal.state == "manager_review"
                and managers
                and all(a.state == "submitted" for a in managers)
            ):
                appraisal.state = "calibration"
        calibrating = self.filtered(lambda a: a.state == "calibration")
        # nothing left to write: the reminders of the review are done
        close_activities(calibrating)
        # sudo: the sessions in progress pick up who reaches calibration late
        self.env["hr.performance.calibration"].sudo()._pick_up(calibrating)

    def _start_manager_review(self):
        self.write({"state": "manager_review"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        self._schedule_todos(
            [
                (
                    appraisal,
                    assessment.author_id,
                    self.env._("Write your assessment"),
                    appraisal.cycle_id.deadline_manager,
                )
                for appraisal in self
                for assessment in appraisal.assessment_ids
                if assessment.kind == "manager" and assessment.state == "draft"
            ]
        )

    def _schedule_todos(self, entries):
        """To-dos in batch: ``entries`` [(appraisal, user, summary, deadline)]."""
        model = self.env["ir.model"]._get_id(self._name)
        todo = self.env.ref("mail.mail_activity_data_todo").id
        today = fields.Date.context_today(self)
        return create_activities(
            self.env,
            self._name,
            [
                {
                    "res_model_id": model,
                    "res_id": appraisal.id,
                    "activity_type_id": todo,
                    "user_id": user.id,
                    "summary": summary,
                    "date_deadline": deadline or today,
                    "automated": True,
                }
                for appraisal, user, summary, deadline in entries
            ],
        )

    def action_skip_self_review(self):
        """Officers move on without the self-assessment (e.g. a long absence)."""
        self._workflow_check_move("skip_self")
        self._hrp_sudo()._start_manager_review()
        return True

    def action_open_release(self):
        """The release step, with a word to the employee (the manager's sign-off)."""
        self.ensure_one()
        self._workflow_check_move("release")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Release to %(employee)s", employee=self.employee_id.name
            ),
            "res_model": "hr.performance.appraisal.release",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    def action_release(self, comment=False):
        """Show the manager assessments and the final rating to the employee, who is
        asked to sign; the 360 feedback closes, its summary final."""
        self._workflow_check_move("release")
        missing = self.filtered(lambda a: not a._lead_assessment().final_level_id)
        if missing:
            raise UserError(
                self.env._(
                    "Set the final rating before releasing: %(appraisals)s",
                    appraisals=", ".join(missing.mapped("display_name")),
                )
            )
        self._workflow_move(
            "release",
            {
                "released": True,
                "released_by_id": self.env.uid,
                "date_released": fields.Datetime.now(),
                "release_comment": comment or False,
            },
        )
        appraisals = self._hrp_sudo()
        appraisals.filtered(lambda a: a.review_state == "collecting")._close_reviews()
        appraisals.activity_feedback(["mail.mail_activity_data_todo"])
        appraisals._schedule_todos(
            [
                (
                    appraisal,
                    appraisal.employee_id.user_id,
                    self.env._("Read and sign your appraisal"),
                    appraisal.date_deadline,
                )
                for appraisal in appraisals
                if appraisal.employee_id.user_id
            ]
        )
        return True

    def action_sign(self, comment=False):
        """The employee acknowledges the released appraisal, with an optional
        comment. Signing says "I have read it", not "I agree"."""
        self.ensure_one()
        self._workflow_move(
            "sign",
            {"signoff_comment": comment or False, "date_signed": fields.Datetime.now()},
        )
        self._hrp_sudo().activity_feedback(["mail.mail_activity_data_todo"])
        self._hrp_sudo().message_post(
            body=self.env._(
                "%(employee)s signed the appraisal.", employee=self.env.user.name
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_open_sign(self):
        self.ensure_one()
        self._workflow_check_move("sign")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign Your Appraisal"),
            "res_model": "hr.performance.appraisal.sign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    def action_cancel(self):
        self._workflow_check_move("cancel")
        self._hrp_sudo()._cancel()
        return True

    def _cancel(self):
        self.write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo", REVIEWERS])
        self.env["hr.performance.review.response"].search(
            [("appraisal_id", "in", self.ids), ("state", "=", "draft")]
        ).write({"state": "cancelled"})

    def action_open_assessment(self):
        """Open the caller's own assessment of this appraisal."""
        self.ensure_one()
        self._workflow_check_readable()
        assessment = self.my_assessment_id
        if not assessment:
            raise UserError(self.env._("You have no assessment to write here."))
        return {
            "type": "ir.actions.act_window",
            "res_model": assessment._name,
            "res_id": assessment.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_create_pip(self):
        """Start a performance improvement plan from this appraisal."""
        self.ensure_one()
        self._workflow_check_roles(
            LEADS,
            self.env._(
                "Only the employee's manager (the lead appraiser) or a performance "
                "officer plans an improvement."
            ),
        )
        pip = (
            self.env["hr.performance.pip"]
            ._hrp_sudo()
            .create(
                {
                    "employee_id": self.employee_id.id,
                    "appraisal_id": self.id,
                    "manager_id": self.manager_id.id,
                    "date_start": fields.Date.context_today(self),
                    "date_review": fields.Date.context_today(self) + timedelta(days=90),
                }
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": pip._name,
            "res_id": pip.id,
            "view_mode": "form",
        }

    def action_close_review(self):
        """Stop collecting 360 feedback: drafts are dropped, the summary appears."""
        self._workflow_check_roles(
            LEADS,
            self.env._(
                "Only the employee's manager (the lead appraiser) or a performance "
                "officer closes the 360 feedback."
            ),
        )
        self._check_review_open()
        self._hrp_sudo()._close_reviews()
        return True

    def _check_review_open(self):
        closed = self.filtered(
            lambda a: a.review_state != "collecting" or a.state not in OPEN_STATES
        )
        if closed:
            raise UserError(
                self.env._(
                    "The 360 feedback of %(appraisals)s is closed.",
                    appraisals=", ".join(closed.mapped("display_name")),
                )
            )

    def _close_reviews(self):
        """Close the 360 feedback with the anonymity rules it was collected under:
        changing the template afterwards changes nothing of what is shown."""
        for template, appraisals in self.grouped("template_id").items():
            appraisals.write(
                {
                    "review_state": "closed",
                    "review_threshold": template.anonymity_threshold,
                    "review_merge": template.merge_small_categories,
                }
            )
        self.env["hr.performance.review.response"].search(
            [("appraisal_id", "in", self.ids), ("state", "=", "draft")]
        ).write({"state": "cancelled"})
        # reviewers still proposed will not be asked now
        close_activities(self, cancel=True, activity_type=REVIEWERS)

    def action_send_review_requests(self):
        """Approve the proposed 360 reviewers and invite them."""
        self.ensure_one()
        self._workflow_check_roles(
            LEADS,
            self.env._(
                "Only the employee's manager (the lead appraiser) or a performance "
                "officer sends the 360 requests."
            ),
        )
        requests = self._hrp_sudo().review_request_ids
        requests._check_limits(minimum=True)
        requests.filtered(lambda r: r.state == "proposed").with_env(
            self.env
        ).action_approve()
        return True

    def action_purge_reviews(self):
        """Administrators delete every 360 answer of these appraisals, with a log."""
        self._workflow_check_roles(
            (ROLE_ADMIN,),
            self.env._("Only performance administrators purge 360 feedback."),
        )
        self.env["hr.performance.review.response"].purge(self)
        return True

    # ------------------------------------------------------------------ crons

    @api.model
    def _cron_remind(self, limit=200):
        """Nudge late writers once, then escalate to their manager after the cycle's
        escalation delay; at most ``limit`` appraisals per run."""
        today = fields.Date.context_today(self)
        late = self.search(
            [("date_escalated", "=", False), *self._late_domain(today)], order="id"
        )
        # only what has something to do today, so that the next batch goes on
        # where this one stopped, an interrupted run included
        due = late.filtered(lambda a: not a.date_reminded or a._escalation_due(today))
        due[:limit]._remind(today)
        self.env["ir.cron"]._notify_progress(
            done=len(due[:limit]), remaining=len(due[limit:])
        )

    @api.model
    def _late_domain(self, today):
        """The appraisals whose current assessments are past their deadline."""
        return [
            ("state", "in", ("self_review", "manager_review")),
            "|",
            "&",
            ("state", "=", "self_review"),
            ("cycle_id.deadline_self", "<", today),
            "&",
            ("state", "=", "manager_review"),
            ("cycle_id.deadline_manager", "<", today),
        ]

    def action_remind_late(self):
        """Officers nudge the late writers of these appraisals now (the dashboard's
        button): the cron's first reminder, at most once a day per appraisal."""
        return len(self._remind_late_now()[0])

    def _remind_late_now(self):
        """``action_remind_late``: (the appraisals nudged, the people reminded)."""
        self._workflow_check_roles(
            (ROLE_OFFICER,),
            self.env._("Only performance officers nudge late reviewers."),
        )
        today = fields.Date.context_today(self)
        late = self.filtered_domain(self._late_domain(today)).filtered(
            lambda a: a.date_reminded != today
        )
        people = late._hrp_sudo()._remind_writers(today)
        return late, people.with_env(self.env)

    def _remind_writers(self, today):
        """One to-do per late writer of these appraisals, due today. Returns the
        users reminded."""
        summary = self.env._("Your part of this appraisal is overdue")
        entries = [
            (appraisal, user, summary, today)
            for appraisal in self
            for user in appraisal._late_writers()
        ]
        self._schedule_todos(entries)
        self.write({"date_reminded": today})
        return self.env["res.users"].union(*(user for _a, user, _s, _d in entries))

    def _late_writers(self):
        """The users whose assessment of this appraisal is late."""
        self.ensure_one()
        kind = "self" if self.state == "self_review" else "manager"
        return self.assessment_ids.filtered(
            lambda a: a.kind == kind and a.state == "draft"
        ).author_id

    def _remind(self, today):
        """First reminder to the late writers; then, after the escalation delay, a
        to-do for their managers who may read the appraisal."""
        first = self.filtered(lambda a: not a.date_reminded)
        escalated = (self - first).filtered(lambda a: a._escalation_due(today))
        first._remind_writers(today)
        summary = self.env._("Overdue appraisal in your team: please follow up")
        self._schedule_todos(
            [
                (appraisal, user, summary, today)
                for appraisal in escalated
                for user in appraisal._escalation_targets()
            ]
        )
        escalated.write({"date_escalated": today})

    def _escalation_targets(self):
        """The managers of the late writers who may read this appraisal: an extra
        appraiser's manager may be outside the employee's chain, and the activity
        would make them follow an appraisal they cannot read."""
        self.ensure_one()
        return self._late_writers().employee_ids.parent_id.user_id.filtered(
            lambda user: self.with_user(user)
            .with_context(allowed_company_ids=user.company_ids.ids)
            .has_access("read")
        )

    def _escalation_due(self, today):
        """Whether the manager of a late writer is to be told today."""
        self.ensure_one()
        return (today - self._current_deadline()).days >= self.cycle_id.escalation_days

    def _current_deadline(self):
        self.ensure_one()
        if self.state == "self_review":
            return self.cycle_id.deadline_self
        return self.cycle_id.deadline_manager
