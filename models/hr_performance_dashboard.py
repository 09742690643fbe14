# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from .hr_performance_access import MANAGER, OFFICER, PAYROLL

OPEN_GOAL_STATES = ("draft", "proposed", "active")
RUNNING_CYCLE_STATES = ("running", "calibrating")
LIST_LIMIT = 8  # records listed in a section; the counts cover them all
SOON_DAYS = 60  # payroll: raises taking effect within this many days


class HrPerformanceDashboard(models.AbstractModel):
    """The Performance dashboard: what needs attention, per role.

    Everything is read as the caller, never with ``sudo()``: the record rules decide
    which records are counted, and each section carries the domain of the list it
    opens, so a count and the list behind it always agree. The manager's section is
    limited to the caller's own tree, even for officers, who read every record.
    """

    _name = "hr.performance.dashboard"
    _description = "Performance Dashboard"

    @api.model
    def get_dashboard_data(self):
        """The sections of the caller's dashboard (employee; manager; officer).

        Few queries, whatever the number of records: the employee's and the team's
        goals in one search, their planned check-ins in another, the assessments to
        write in one count; the team is searched once. Each search of a manager
        pays the record rules' ``child_of``: a query per level of their tree.
        """
        user = self.env.user
        today = fields.Date.context_today(self)
        mine = user.employee_ids
        team = self._team(mine) if user.has_group(MANAGER) else mine.browse()
        people = (mine | team).ids
        goals = self.env["hr.performance.goal"].search_fetch(
            [
                ("employee_id", "in", people),
                ("scope", "=", "employee"),
                ("state", "in", OPEN_GOAL_STATES),
            ],
            ["name", "employee_id", "progress", "date_start", "date_deadline", "state"],
        )
        checkins = self.env["hr.performance.checkin"].search_fetch(
            [("employee_id", "in", people), ("state", "=", "planned")],
            ["employee_id", "manager_user_id", "date", "state"],
            order="date, id",
        )
        todo = self._assessments_to_write()
        # sections without anything to show are left out: no employee of one's
        # own, no team and no review to write
        return {
            "employee": bool(mine)
            and self._employee_section(mine, goals, checkins, todo),
            "manager": bool(team or todo.get("manager"))
            and self._manager_section(team, goals, checkins, todo),
            "officer": user.has_group(OFFICER) and self._officer_section(today),
            "payroll": user.has_group(PAYROLL) and self._payroll_section(today),
        }

    @api.model
    def _section(self, name, model, domain, count, records=()):
        """A counter of the dashboard with the list it opens."""
        return {
            "name": name,
            "res_model": model,
            "domain": domain,
            "count": count,
            "records": list(records),
        }

    @api.model
    def _goal_rows(self, goals, names=None):
        """The goals' rows; ``names``: {employee: name} to show whose they are."""
        states = dict(goals._fields["state"]._description_selection(self.env))
        return [
            {
                "id": goal.id,
                "name": goal.name,
                "state": goal.state,
                "state_name": states[goal.state],
                "employee": (names or {}).get(goal.employee_id, ""),
                "progress": goal.progress,
                "date_deadline": goal.date_deadline,
                "is_late": goal.is_late,
                "is_at_risk": goal.is_at_risk,
            }
            for goal in goals
        ]

    @api.model
    def _team(self, mine):
        """The caller's direct and indirect reports, the caller excluded, with their
        names (one search, plus one query per level of the tree)."""
        if not mine:
            return mine
        return self.env["hr.employee"].search_fetch(
            [("id", "child_of", mine.ids), ("id", "not in", mine.ids)], ["name"]
        )

    @api.model
    def _to_write_domains(self):
        """{kind: domain} of the caller's assessments to write now."""
        return {
            kind: [
                ("author_id", "=", self.env.uid),
                ("kind", "=", kind),
                ("state", "=", "draft"),
                ("appraisal_id.state", "=", state),
            ]
            for kind, state in (("self", "self_review"), ("manager", "manager_review"))
        }

    @api.model
    def _assessments_to_write(self):
        """{kind: count} of the caller's assessments to write now, in one query."""
        return dict(
            self.env["hr.performance.assessment"]._read_group(
                expression.OR(list(self._to_write_domains().values())),
                ["kind"],
                ["__count"],
            )
        )

    # ------------------------------------------------------------------ employee

    @api.model
    def _employee_section(self, mine, goals, checkins, todo):
        own_goals = goals.filtered(lambda g: g.employee_id in mine)
        own_checkins = checkins.filtered(lambda c: c.employee_id in mine)
        checkin = own_checkins[:1]
        uid = self.env.uid
        return {
            "goals": self._section(
                self.env._("My Goals"),
                goals._name,
                [
                    ("employee_id.user_id", "=", uid),
                    ("scope", "=", "employee"),
                    ("state", "in", OPEN_GOAL_STATES),
                ],
                len(own_goals),
                self._goal_rows(own_goals[:LIST_LIMIT]),
            ),
            "next_checkin": {
                "id": checkin.id,
                "date": checkin.date,
                "manager": checkin.manager_user_id.name or "",
                "is_overdue": checkin.is_overdue,
            }
            if checkin
            else False,
            "checkins": self._section(
                self.env._("My Check-ins"),
                checkins._name,
                [("employee_id.user_id", "=", uid), ("state", "=", "planned")],
                len(own_checkins),
            ),
            "self_reviews": self._section(
                self.env._("Self-Assessments to Write"),
                "hr.performance.assessment",
                self._to_write_domains()["self"],
                todo.get("self", 0),
            ),
            **self._employee_next_steps(),
        }

    @api.model
    def _employee_next_steps(self):
        """The employee's tiles of what waits for them: appraisals to sign and 360
        feedback to give (each counted with the domain of the list it opens)."""
        return {
            key: self._section(
                name, model, domain, self.env[model].search_count(domain)
            )
            for key, name, model, domain in (
                (
                    "to_sign",
                    self.env._("Appraisals to Sign"),
                    "hr.performance.appraisal",
                    self._to_sign_domain(),
                ),
                (
                    "feedback_to_give",
                    self.env._("360 Feedback to Give"),
                    "hr.performance.review.response",
                    self._feedback_to_give_domain(),
                ),
            )
        }

    @api.model
    def _to_sign_domain(self):
        return [("employee_id.user_id", "=", self.env.uid), ("state", "=", "to_sign")]

    @api.model
    def _feedback_to_give_domain(self):
        # drafts close with the 360 feedback: no need to read the appraisal (which
        # a reviewer does not)
        return [("author_id", "=", self.env.uid), ("state", "=", "draft")]

    # ------------------------------------------------------------------ manager

    @api.model
    def _manager_section(self, team, goals, checkins, todo):
        attention = goals.filtered(
            lambda g: g.employee_id in team and (g.is_late or g.is_at_risk)
        )
        overdue = checkins.filtered(lambda c: c.employee_id in team and c.is_overdue)
        return {
            "goals_at_risk": self._section(
                self.env._("Team Goals at Risk"),
                goals._name,
                [("id", "in", attention.ids)],
                len(attention),
                self._goal_rows(
                    attention[:LIST_LIMIT], {emp: emp.name for emp in team}
                ),
            ),
            "overdue_checkins": self._section(
                self.env._("Overdue Check-ins"),
                checkins._name,
                [("employee_id", "in", team.ids), ("is_overdue", "=", True)],
                len(overdue),
            ),
            "reviews": self._section(
                self.env._("Reviews to Write"),
                "hr.performance.assessment",
                self._to_write_domains()["manager"],
                todo.get("manager", 0),
            ),
            "goals_to_approve": self._goals_to_approve_section(team, goals),
        }

    @api.model
    def _goals_to_approve_section(self, team, goals):
        """The team's goals proposed for approval (from the goals already read)."""
        proposed = goals.filtered(
            lambda g: g.employee_id in team and g.state == "proposed"
        )
        return self._section(
            self.env._("Goals to Approve"),
            goals._name,
            [
                ("employee_id", "in", team.ids),
                ("scope", "=", "employee"),
                ("state", "=", "proposed"),
            ],
            len(proposed),
        )

    # ------------------------------------------------------------------ officer

    @api.model
    def _late_assessment_domain(self, today):
        """The assessments still to write whose appraisal is late (see
        ``hr.performance.appraisal._late_domain``): the late reviewers' work."""
        return [
            ("state", "=", "draft"),
            "|",
            "&",
            ("kind", "=", "self"),
            ("appraisal_id.state", "=", "self_review"),
            "&",
            ("kind", "=", "manager"),
            ("appraisal_id.state", "=", "manager_review"),
            (
                "appraisal_id",
                "any",
                self.env["hr.performance.appraisal"]._late_domain(today),
            ),
        ]

    @api.model
    def _officer_section(self, today):
        cycles = self.env["hr.performance.cycle"].search_fetch(
            [("state", "in", RUNNING_CYCLE_STATES)], ["name"], order="date_end desc, id"
        )
        Appraisal = self.env["hr.performance.appraisal"]
        counts = Appraisal._read_group(
            [("cycle_id", "in", cycles.ids), ("state", "!=", "cancelled")],
            ["cycle_id", "state"],
            ["__count"],
        )
        stages = dict(Appraisal._fields["state"]._description_selection(self.env))
        by_cycle = {cycle: {} for cycle in cycles}
        for cycle, state, count in counts:
            by_cycle[cycle][state] = count
        late_domain = self._late_assessment_domain(today)
        late = self.env["hr.performance.assessment"]._read_group(
            late_domain, ["author_id"], ["__count", "appraisal_id:array_agg"]
        )
        late_appraisals = sorted({aid for _author, _n, ids in late for aid in ids})
        return {
            "cycles": [
                {
                    "id": cycle.id,
                    "name": cycle.name,
                    "total": sum(states.values()),
                    "done": states.get("done", 0),
                    "progress": round(
                        100.0 * states.get("done", 0) / (sum(states.values()) or 1)
                    ),
                    "stages": [
                        {"state": state, "name": stages[state], "count": count}
                        for state, count in states.items()
                    ],
                }
                for cycle, states in by_cycle.items()
            ],
            "cycles_section": self._section(
                self.env._("Running Review Cycles"),
                "hr.performance.cycle",
                [("state", "in", RUNNING_CYCLE_STATES)],
                len(cycles),
            ),
            "late_reviewers": self._section(
                self.env._("Late Reviewers"),
                "hr.performance.appraisal",
                [("id", "in", late_appraisals)],
                len(late),
                [
                    {"id": author.id, "name": author.name, "count": count}
                    for author, count, _ids in late
                ],
            ),
        }

    @api.model
    def action_nudge_late_reviewers(self):
        """The officer's one-click nudge: a to-do for every late reviewer, as the
        reminder cron does; ``hr.performance.appraisal.action_remind_late`` checks
        that the caller is an officer of each. Returns the notification saying how
        many people were reminded."""
        if not self.env.user.has_group(OFFICER):
            raise AccessError(
                self.env._("Only performance officers nudge late reviewers.")
            )
        today = fields.Date.context_today(self)
        appraisals = self.env["hr.performance.appraisal"].search(
            self.env["hr.performance.appraisal"]._late_domain(today)
        )
        _appraisals, people = appraisals._remind_late_now()
        return self._nudge_notification(people)

    @api.model
    def _nudge_notification(self, people):
        """What *Nudge all* did, in a whole sentence."""
        if not people:
            message = self.env._(
                "Nobody to remind: everyone late was already reminded today."
            )
        elif len(people) == 1:
            # sudo: the name of the one user just reminded, for the officer
            message = self.env._(
                "%(name)s was reminded of their late review.", name=people.sudo().name
            )
        else:
            message = self.env._(
                "%(count)s people were reminded of their late reviews.",
                count=len(people),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success" if people else "info",
                "sticky": False,
                "count": len(people),
            },
        }

    # ------------------------------------------------------------------ payroll

    @api.model
    def _payroll_reward_rows(self, rewards):
        kinds = dict(rewards._fields["kind"]._description_selection(self.env))
        return [
            {
                "id": reward.id,
                "employee": reward.employee_id.name,
                "kind": kinds.get(reward.kind, ""),
                "amount": reward.amount,
                "new_wage": reward.new_wage if reward.kind != "bonus" else 0.0,
                "currency": reward.currency_id.symbol or "",
                "effective_date": reward.effective_date,
            }
            for reward in rewards
        ]

    @api.model
    def _payroll_section(self, today):
        """Payroll's week: the approved bonuses to pay, and the raises and
        promotions (approved or applied) taking effect in the coming days; read as
        the caller, whose record rules show only approved, applied or paid ones."""
        Reward = self.env["hr.performance.reward"]
        to_pay = [("kind", "=", "bonus"), ("state", "=", "approved")]
        soon = [
            ("kind", "in", ("raise", "promotion")),
            ("state", "in", ("approved", "applied")),
            ("effective_date", ">=", today),
            ("effective_date", "<=", fields.Date.add(today, days=SOON_DAYS)),
        ]
        fnames = ["employee_id", "kind", "amount", "new_wage", "effective_date"]
        bonuses = Reward.search_fetch(to_pay, fnames, order="effective_date, id")
        raises = Reward.search_fetch(soon, fnames, order="effective_date, id")
        sections = {
            "bonuses_to_pay": self._section(
                self.env._("Bonuses to Pay"),
                Reward._name,
                to_pay,
                len(bonuses),
                self._payroll_reward_rows(bonuses[:LIST_LIMIT]),
            ),
            "raises_soon": self._section(
                self.env._("Raises Taking Effect Soon"),
                Reward._name,
                soon,
                len(raises),
                self._payroll_reward_rows(raises[:LIST_LIMIT]),
            ),
        }
        sections["bonuses_to_pay"]["empty"] = self.env._(
            "No bonus is waiting to be paid."
        )
        sections["raises_soon"]["empty"] = self.env._(
            "No raise or promotion takes effect in the next %(days)s days.",
            days=SOON_DAYS,
        )
        return sections
