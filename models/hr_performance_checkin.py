# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

from .hr_employee import RECURRING_CADENCES
from .hr_performance_access import OFFICER, ROLE_EMPLOYEE, ROLE_MANAGER, ROLE_OFFICER
from .hr_performance_activity import FOLLOWERS_INSERTED, insert_followers
from .hr_performance_guard import clean_sudo
from .hr_performance_state import rule_checked_domain
from .hr_performance_workflow import Transition

_lt = LazyTranslate(__name__)
PEOPLE = (ROLE_EMPLOYEE, ROLE_MANAGER, ROLE_OFFICER)
SHARED = ("shared_notes", "topic_ids", "action_ids", "update_ids")
# the employee never moves: private notes are read by the chain above them
CHECKIN_FIELDS = {
    ROLE_EMPLOYEE: {"planned": ("date", "mood", *SHARED), "done": ("mood", *SHARED)},
    ROLE_MANAGER: {
        "planned": ("date", "note_ids", *SHARED),
        "done": ("note_ids", *SHARED),
    },
    ROLE_OFFICER: {
        "planned": ("date", "manager_user_id", "note_ids", *SHARED),
        "done": ("note_ids", *SHARED),
    },
}

CADENCE = {
    "weekly": relativedelta(weeks=1),
    "biweekly": relativedelta(weeks=2),
    "monthly": relativedelta(months=1),
}
NUDGE_AFTER = timedelta(days=2)
# how long the calendar event of a 1:1 lasts
MEETING = timedelta(minutes=30)
# what the calendar event of a check-in follows
EVENT_FIELDS = ("date", "employee_id", "manager_user_id")
# the calendar event of a 1:1 is the server's: no invitation mail (the reminder
# activity tells both), no chatter of its own
EVENT_CONTEXT = {
    "no_mail_to_attendees": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "tracking_disable": True,
}
ACTIVITY_TYPE = "hr_performance.mail_activity_type_checkin"


class HrPerformanceCheckin(models.Model):
    """A 1:1 between an employee and their manager.

    Access rules (security/hr_performance_rules.xml): the employee and the manager of
    the meeting, the employee's manager chain and officers read and edit it. Private
    manager notes live in ``hr.performance.checkin.note``, readable by the employee's
    manager chain only: never by the employee, whatever groups they have.
    """

    _name = "hr.performance.checkin"
    _description = "Check-in"
    _inherit = ["hr.performance.workflow", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _workflow_transitions = (
        Transition(
            "done",
            ("planned",),
            "done",
            PEOPLE,
            _lt("Only the two people of a check-in, or their managers, hold it."),
        ),
        Transition(
            "cancel",
            ("planned",),
            "cancelled",
            PEOPLE,
            _lt("Only the two people of a check-in, or their managers, cancel it."),
        ),
        Transition(
            "reset",
            ("cancelled",),
            "planned",
            PEOPLE,
            _lt("Only the two people of a check-in, or their managers, plan it again."),
        ),
    )
    _workflow_fields = CHECKIN_FIELDS
    _workflow_create_roles = PEOPLE
    _workflow_create_fields = frozenset(
        ("employee_id", "manager_user_id", "date", "mood", "note_ids", *SHARED)
    )
    _workflow_server_fields = frozenset(("nudged", "calendar_event_id"))

    # the company follows the employee: no check_company, which would filter the
    # employee by the company not known yet
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    manager_user_id = fields.Many2one(
        "res.users",
        "Manager",
        compute="_compute_manager_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Datetime(
        required=True, tracking=True, index=True, default=fields.Datetime.now
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    mood = fields.Selection(
        [
            ("1", "Struggling"),
            ("2", "Low"),
            ("3", "Okay"),
            ("4", "Good"),
            ("5", "Great"),
        ],
        help="How the employee feels, in their own words.",
    )
    shared_notes = fields.Html(help="Notes both people read.")
    topic_ids = fields.One2many("hr.performance.checkin.topic", "checkin_id")
    action_ids = fields.One2many("hr.performance.checkin.action", "checkin_id")
    update_ids = fields.One2many("hr.performance.checkin.update", "checkin_id")
    note_ids = fields.One2many(
        "hr.performance.checkin.note",
        "checkin_id",
        groups="hr_performance.group_hr_performance_manager",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    nudged = fields.Boolean(copy=False, readonly=True)
    calendar_event_id = fields.Many2one(
        "calendar.event",
        copy=False,
        readonly=True,
        ondelete="set null",
        help="The meeting in both people's calendars, moved and cancelled with the "
        "check-in.",
    )

    @api.depends("employee_id")
    def _compute_manager_user_id(self):
        for checkin in self:
            checkin.manager_user_id = (
                checkin.employee_id.parent_id.user_id or checkin.manager_user_id
            )

    @api.depends("state", "date")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for checkin in self:
            checkin.is_overdue = bool(
                checkin.state == "planned" and checkin.date and checkin.date < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue check-ins."))
        domain = [("state", "=", "planned"), ("date", "<", fields.Datetime.now())]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("employee_id", "manager_user_id", "date")
    @api.depends_context("lang", "tz")
    def _compute_display_name(self):
        for checkin in self:
            checkin.display_name = self.env._(
                "1:1 %(employee)s / %(manager)s, %(date)s",
                employee=checkin.employee_id.name or "",
                manager=checkin.manager_user_id.name or "",
                date=checkin.date
                and format_date(
                    self.env,
                    fields.Datetime.context_timestamp(self, checkin.date).date(),
                    lang_code=self.env.lang or self.env.user.lang,
                )
                or "",
            )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # x2many emptiness tests go through the rules of their lines
        domain = rule_checked_domain(self, domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(OFFICER):
            # the manager of the meeting is the employee's manager
            vals_list = [
                {key: value for key, value in vals.items() if key != "manager_user_id"}
                for vals in vals_list
            ]
        checkins = super().create(vals_list)
        checkins._sync_calendar_events()
        return checkins

    def write(self, vals):
        result = super().write(vals)
        if "state" in vals or any(name in vals for name in EVENT_FIELDS):
            self._sync_calendar_events()
        return result

    def unlink(self):
        events = self._hrp_sudo().calendar_event_id
        result = super().unlink()
        # sudo: the meetings of the deleted check-ins, which the server created
        events.sudo().unlink()
        return result

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # followers of a batch of activities are inserted at once beforehand
        if self.env.context.get(FOLLOWERS_INSERTED):
            return True
        return super().message_subscribe(partner_ids, subtype_ids)

    def action_done(self):
        self._workflow_move("done")
        self._hrp_sudo().activity_feedback([ACTIVITY_TYPE])
        return True

    def action_cancel(self):
        self._workflow_move("cancel")
        self._hrp_sudo().activity_unlink([ACTIVITY_TYPE])
        return True

    def action_reset(self):
        self._workflow_move("reset", {"nudged": False})
        return True

    @api.model
    def _cron_schedule(self):
        """Daily: plan the next check-ins, then nudge managers about missed ones."""
        self.env["hr.employee"].search(
            [
                ("performance_checkin_cadence", "in", RECURRING_CADENCES),
                ("parent_id.user_id", "!=", False),
            ]
        )._schedule_next_checkins()
        self._nudge_overdue()

    @api.model
    def _nudge_overdue(self):
        """One activity for the manager of each check-in left planned two days past."""
        late = self.search(
            [
                ("state", "=", "planned"),
                ("nudged", "=", False),
                ("date", "<", fields.Datetime.now() - NUDGE_AFTER),
                ("manager_user_id", "!=", False),
            ]
        )
        # a nudge goes to the employee's manager, whom it concerns and who reads it
        late = late.filtered(
            lambda checkin: checkin.manager_user_id
            == checkin.employee_id.parent_id.user_id
        )
        if not late:
            return
        activity_type = self.env.ref(ACTIVITY_TYPE)
        model = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model,
                    "res_id": checkin.id,
                    "activity_type_id": activity_type.id,
                    "user_id": checkin.manager_user_id.id,
                    "summary": self.env._("Hold or reschedule this check-in"),
                    "date_deadline": fields.Date.context_today(self),
                    "automated": True,
                }
                for checkin in late
            ]
        )
        late.write({"nudged": True})

    def _calendar_event_vals(self):
        self.ensure_one()
        # one field at a time: each read is prefetched for the whole batch
        partners = self.employee_id.user_id.partner_id | self.manager_user_id.partner_id
        return {
            "name": self.env._(
                "1:1 %(employee)s / %(manager)s",
                employee=self.employee_id.name,
                manager=self.manager_user_id.name or "",
            ),
            "start": self.date,
            "stop": self.date + MEETING,
            "user_id": self.manager_user_id.id or self.employee_id.user_id.id,
            "partner_ids": [Command.set(partners.ids)],
        }

    def _sync_calendar_events(self):
        """A planned check-in has a meeting in both people's calendars, moved with
        it; a cancelled one has none. Batched: one create of the new events."""
        # sudo: the server's meetings of check-ins the caller was checked to write
        checkins = self._hrp_sudo().with_context(**EVENT_CONTEXT)
        cancelled = checkins.filtered(lambda checkin: checkin.state == "cancelled")
        events = cancelled.calendar_event_id
        if events:
            cancelled.write({"calendar_event_id": False})
            events.unlink()
        planned = checkins.filtered(
            lambda checkin: checkin.state == "planned" and checkin.date
        )
        for checkin in planned.filtered("calendar_event_id"):
            event = checkin.calendar_event_id
            vals = checkin._calendar_event_vals()
            if (
                event.start != vals["start"]
                or event.stop != vals["stop"]
                or event.name != vals["name"]
                or event.user_id.id != vals["user_id"]
                or set(event.partner_ids.ids) != set(vals["partner_ids"][0][2])
            ):
                event.write(vals)
        new = planned.filtered(lambda checkin: not checkin.calendar_event_id)
        if not new:
            return
        vals_list = [checkin._calendar_event_vals() for checkin in new]
        events = (
            clean_sudo(self.env["calendar.event"])
            .with_context(**EVENT_CONTEXT, **{FOLLOWERS_INSERTED: True})
            .create(vals_list)
        )
        insert_followers(
            self.env,
            events._name,
            {
                (event.id, partner_id)
                for event, vals in zip(events, vals_list, strict=True)
                for partner_id in vals["partner_ids"][0][2]
            },
        )
        for checkin, event in zip(new, events, strict=True):
            checkin.calendar_event_id = event

    @staticmethod
    def _working_day(date, calendar):
        """``date``, or the next day ``calendar`` works on (within a week)."""
        if not calendar or not calendar.attendance_ids:
            return date
        for days in range(7):
            day = date + timedelta(days=days)
            if calendar._works_on_date(day):
                return day
        return date

    def _activity_vals(self):
        """Activity values reminding both people of each check-in, on its day."""
        activity_type = self.env.ref(ACTIVITY_TYPE)
        model = self.env["ir.model"]._get_id(self._name)
        return [
            {
                "res_model_id": model,
                "res_id": checkin.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "summary": self.env._("1:1 check-in"),
                "date_deadline": checkin.date.date(),
                "automated": True,
            }
            for checkin in self
            for user in (checkin.employee_id.user_id | checkin.manager_user_id)
        ]

    @staticmethod
    def _next_date(last, now, cadence):
        """The next meeting: a cadence after the last one, never before tomorrow."""
        tomorrow = (now + timedelta(days=1)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        if not last:
            return tomorrow
        return max(last + CADENCE[cadence], tomorrow)
