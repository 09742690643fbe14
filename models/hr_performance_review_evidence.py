# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

from odoo import api, fields, models

from .hr_performance_access import (
    ROLE_APPRAISER,
    ROLE_LEAD,
    ROLE_MANAGER,
    ROLE_OFFICER,
)

# who sees the business documents counted as the employee's user: the people who
# write or oversee the appraisal, never anyone else who reads it
ERP_READERS = {ROLE_APPRAISER, ROLE_LEAD, ROLE_MANAGER, ROLE_OFFICER}
LIMIT = 30


class HrPerformanceReviewEvidence(models.AbstractModel):
    """The evidence beside a manager's review: what the period holds about the
    employee, read **as the caller** (never as superuser), so that the record
    rules decide what each reader gets: the self-assessment once shared, the 360
    summary, the goals and their progress over the period, the check-ins held and
    their action items, the feedback and praise received. The business documents
    of the allow-listed sources are counted as the employee's user, the way a
    measured key result is (``hr.performance.measure.source._evidence``), and
    shown to the appraisers, the manager chain and officers only.
    """

    _name = "hr.performance.review.evidence"
    _description = "Review Evidence"
    _inherit = ["hr.performance.guard"]

    @api.model
    def _collect(self, appraisal):
        """The evidence of ``appraisal`` (read by the caller) as a dict."""
        appraisal.ensure_one()
        date_from, date_to = self._period(appraisal)
        employee = appraisal.employee_id
        roles = appraisal._workflow_roles()[appraisal]
        erp = []
        if roles & ERP_READERS:
            erp = self.env["hr.performance.measure.source"]._evidence(
                employee, appraisal.company_id, date_from, date_to
            )
        return {
            "employee": employee.name,
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
            "self_assessment": self._self_assessment(appraisal),
            "review": {
                "state": appraisal.review_state,
                "html": str(appraisal.review_summary or ""),
            },
            "goals": self._goals(employee, date_from, date_to),
            "checkins": self._checkins(employee, date_from, date_to),
            "feedback": self._feedback(employee, date_from, date_to),
            "erp": erp,
        }

    @api.model
    def _period(self, appraisal):
        cycle = appraisal.cycle_id
        return cycle.date_start, cycle.date_end

    @api.model
    def _bounds(self, date_from, date_to):
        """Datetimes of the first and last moment of the period."""
        return datetime.combine(date_from, time.min), datetime.combine(
            date_to, time.max
        )

    # ------------------------------------------------------------ parts

    @api.model
    def _self_assessment(self, appraisal):
        """The self-assessment if the caller reads it, else why not."""
        mine = self.env["hr.performance.assessment"].search(
            [("appraisal_id", "=", appraisal.id), ("kind", "=", "self")], limit=1
        )
        if not mine:
            # whether one exists is no secret: the appraisal's state tells as much
            exists = bool(
                # sudo: whether it exists, not what it says
                appraisal.sudo().assessment_ids.filtered(lambda a: a.kind == "self")
            )
            return {
                "shown": False,
                "reason": self.env._(
                    "%(employee)s has not shared the self-assessment yet: it shows "
                    "here once submitted.",
                    employee=appraisal.employee_id.name,
                )
                if exists
                else self.env._(
                    "There is no self-assessment in this appraisal (skipped, or the "
                    "employee has no user)."
                ),
            }
        yes_no = dict(mine.line_ids._fields["answer_yes"].selection)
        return {
            "shown": True,
            "state": mine.state,
            "score": mine.score
            if (mine.goal_rated or mine.competency_rated or mine.question_rated)
            else False,
            "answers": [
                {
                    "id": line.id,
                    "type": line.line_type,
                    "question": line.display_name,
                    "answer": line.level_id.label
                    if line.answer_type == "rating"
                    else yes_no.get(line.answer_yes, "")
                    if line.answer_type == "yesno"
                    else "",
                    "value": line.rating or False,
                    "comment": line.comment or "",
                }
                for line in mine.line_ids
            ],
            "strengths": str(mine.strengths or ""),
            "improvements": str(mine.improvements or ""),
            "summary": str(mine.summary or ""),
        }

    @api.model
    def _goals(self, employee, date_from, date_to):
        """The employee's goals of the period the caller reads, with their key
        results and the check-in updates that moved them."""
        goals = self.env["hr.performance.goal"].search(
            [
                ("employee_id", "=", employee.id),
                ("scope", "=", "employee"),
                ("state", "not in", ("draft", "cancelled")),
                ("date_start", "<=", date_to),
                ("date_deadline", ">=", date_from),
            ],
            order="date_deadline, id",
            limit=LIMIT,
        )
        start, end = self._bounds(date_from, date_to)
        updates = (
            self.env["hr.performance.checkin.update"]
            .search(
                [
                    ("goal_id", "in", goals.ids),
                    ("checkin_id.date", ">=", start),
                    ("checkin_id.date", "<=", end),
                ]
            )
            .sorted(lambda update: (update.checkin_id.date, update.id))
            .grouped("goal_id")
        )
        states = dict(goals._fields["state"]._description_selection(self.env))
        return [
            {
                "id": goal.id,
                "name": goal.name,
                "state": states.get(goal.state, ""),
                "progress": goal.progress,
                "deadline": fields.Date.to_string(goal.date_deadline),
                "key_results": [
                    {
                        "id": result.id,
                        "name": result.name,
                        "current": result.current_value,
                        "target": result.target_value,
                        "progress": result.progress,
                    }
                    for result in goal.key_result_ids._filtered_access("read")
                ],
                "history": [
                    {
                        "id": update.id,
                        "date": fields.Date.to_string(update.checkin_id.date.date()),
                        "key_result": update.key_result_id.name,
                        "before": update.value_before,
                        "after": update.value_after,
                        "progress": update.progress_after,
                    }
                    for update in updates.get(goal, [])
                ],
            }
            for goal in goals
        ]

    @api.model
    def _checkins(self, employee, date_from, date_to):
        """The check-ins held in the period the caller reads, with action items."""
        start, end = self._bounds(date_from, date_to)
        domain = [
            ("employee_id", "=", employee.id),
            ("state", "=", "done"),
            ("date", ">=", start),
            ("date", "<=", end),
        ]
        Checkin = self.env["hr.performance.checkin"]
        checkins = Checkin.search(domain, order="date desc", limit=LIMIT)
        actions = (
            self.env["hr.performance.checkin.action"]
            .search([("checkin_id", "in", checkins.ids)])
            .grouped("checkin_id")
        )
        return {
            "count": Checkin.search_count(domain),
            "items": [
                {
                    "id": checkin.id,
                    "date": fields.Date.to_string(checkin.date.date()),
                    "manager": checkin.manager_user_id.name or "",
                    "actions": [
                        {
                            "id": action.id,
                            "name": action.name,
                            "assignee": action.user_id.name or "",
                            "deadline": fields.Date.to_string(action.date_deadline)
                            or "",
                            "done": action.done,
                        }
                        for action in actions.get(checkin, [])
                    ],
                }
                for checkin in checkins
            ],
        }

    @api.model
    def _feedback(self, employee, date_from, date_to):
        """The feedback and praise the employee received in the period that the
        caller reads (private feedback stays with its recipient)."""
        start, end = self._bounds(date_from, date_to)
        domain = [
            ("employee_id", "=", employee.id),
            ("state", "=", "sent"),
            ("create_date", ">=", start),
            ("create_date", "<=", end),
        ]
        Feedback = self.env["hr.performance.feedback"]
        received = Feedback.search(domain, order="create_date desc", limit=LIMIT)
        kinds = dict(Feedback._fields["kind"]._description_selection(self.env))
        return {
            "count": Feedback.search_count(domain),
            "items": [
                {
                    "id": feedback.id,
                    "kind": feedback.kind,
                    "kind_label": kinds.get(feedback.kind, ""),
                    "author": feedback.author_id.name or "",
                    "date": fields.Date.to_string(feedback.create_date.date()),
                    "body": str(feedback.body or ""),
                    "values": feedback.value_ids.mapped("name"),
                }
                for feedback in received
            ],
        }
