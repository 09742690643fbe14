# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .hr_performance_access import ADMIN, MANAGER, OFFICER
from .hr_performance_activity import create_activities
from .hr_performance_guard import clean_sudo

_logger = logging.getLogger(__name__)
CADENCE_SELECTION = [
    ("none", "No recurring check-in"),
    ("weekly", "Weekly"),
    ("biweekly", "Every two weeks"),
    ("monthly", "Monthly"),
]
# The cadences that plan check-ins; an empty cadence means "none", as hr's own
# inserts (which know nothing of this field) leave it empty.
RECURRING_CADENCES = ("weekly", "biweekly", "monthly")
# the fields of the org chart that make a user a performance manager or not
ORG_CHART_FIELDS = ("parent_id", "user_id", "active")


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # Every field added here carries groups=: a plain user reads employees freely.
    # Never required: a NOT NULL column on hr_employee breaks every insert of the
    # host that runs without this addon's code loaded (hr's own tests and data).
    performance_checkin_cadence = fields.Selection(
        CADENCE_SELECTION,
        "Check-in Cadence",
        default="none",
        groups=MANAGER,
        help="Plans the next 1:1 with the manager automatically, with a reminder "
        "activity for both.",
    )

    def _schedule_next_checkins(self):
        """Plan the next check-in of each employee with a cadence and a manager.

        Employees who already have a planned check-in ahead are left alone. The number
        of queries does not grow with the number of employees: grouped reads, one
        create of the check-ins, one of their followers and one of their activities.
        """
        Checkin = clean_sudo(self.env["hr.performance.checkin"])
        # sudo: the employees with a cadence, for the scheduling cron
        employees = self.sudo().filtered(
            lambda emp: emp.performance_checkin_cadence in RECURRING_CADENCES
            and emp.parent_id.user_id
            and emp.active
        )
        if not employees:
            return Checkin
        now = fields.Datetime.now()
        planned = {
            employee
            for [employee] in Checkin._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "=", "planned"),
                    ("date", ">=", now),
                ],
                ["employee_id"],
            )
        }
        last = dict(
            Checkin._read_group(
                [("employee_id", "in", employees.ids), ("state", "=", "done")],
                ["employee_id"],
                ["date:max"],
            )
        )
        todo = employees.filtered(lambda emp: emp not in planned)
        checkins = Checkin.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        ).create(
            [
                {
                    "employee_id": employee.id,
                    "manager_user_id": employee.parent_id.user_id.id,
                    "date": Checkin._working_day(
                        Checkin._next_date(
                            last.get(employee),
                            now,
                            employee.performance_checkin_cadence,
                        ),
                        employee.resource_calendar_id,
                    ),
                }
                for employee in todo
            ]
        )
        create_activities(self.env, checkins._name, checkins._activity_vals())
        return checkins

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        if any(vals.get("user_id") for vals in vals_list):
            self._clear_rule_cache()
        if any(vals.get("parent_id") for vals in vals_list):
            employees._org_chart_users()._hrp_sync_manager_group()
        return employees

    def write(self, vals):
        if vals.get("user_id"):
            self._check_user_relink(vals["user_id"])
        chart_changes = any(name in vals for name in ORG_CHART_FIELDS)
        before = self._org_chart_users() if chart_changes else None
        result = super().write(vals)
        if "user_id" in vals or "active" in vals:
            self._clear_rule_cache()
        if vals.get("active") is False:
            self._cancel_open_appraisals()
        if "parent_id" in vals:
            self._log_new_manager()
        if chart_changes:
            (before | self._org_chart_users())._hrp_sync_manager_group()
        return result

    def unlink(self):
        before = self._org_chart_users()
        result = super().unlink()
        self._clear_rule_cache()
        before._hrp_sync_manager_group()
        return result

    @api.model
    def _hrp_sync_all_managers(self):
        """Make every user with reports a performance manager, and remove the
        org chart's group from those left without: on install and update (the
        org chart may have changed without this addon's code loaded)."""
        # sudo: the org chart is public; groups follow it
        employees = self.sudo().search([("parent_id.user_id", "!=", False)])
        Users = self.env["res.users"]
        # sudo: the users the org chart made managers before
        flagged = Users.sudo().search([("hr_performance_manager_auto", "=", True)])
        (employees.parent_id.user_id | flagged)._hrp_sync_manager_group()

    def _org_chart_users(self):
        """The users whose reports these employees change: their managers' and
        their own (who may manage others)."""
        # sudo: the managers' users: the org chart is public
        employees = self.sudo().with_context(active_test=False)
        return employees.parent_id.user_id | employees.user_id

    def action_set_checkin_cadence(self, cadence):
        """Set the check-in cadence of these employees: for their managers (the
        strict chain above each) and performance officers, without the Employees
        app's rights."""
        if cadence not in dict(CADENCE_SELECTION):
            raise UserError(
                self.env._("%(cadence)s is not a check-in cadence.", cadence=cadence)
            )
        if not self:
            return True
        employees = self.with_context(active_test=False).exists()
        user = self.env.user
        if employees != self or not (
            self.env.su
            or employees._hrp_is_managed_by(user)
            or (
                user.has_group(OFFICER)
                # sudo: the employees' companies and users, to tell an officer's own
                and employees.sudo().company_id <= user.company_ids
                and user not in employees.sudo().user_id
            )
        ):
            raise AccessError(
                self.env._(
                    "Only the managers of these employees, or a performance officer, "
                    "set their check-in cadence."
                )
            )
        # sudo: the caller manages each employee (checked above); the field is
        # on hr.employee, which managers without the Employees app cannot write
        employees.sudo().write({"performance_checkin_cadence": cadence})
        return True

    def _clear_rule_cache(self):
        """The record rules hold each user's employees (the manager chain): they
        are computed again once an employee changes user."""
        self.env.registry.clear_cache()

    def _check_user_relink(self, user_id):
        """Whoever is linked to an employee reads their performance records as
        theirs: giving an employee who has some another user is for performance
        administrators only, and is logged."""
        moved = self.filtered(lambda employee: employee.user_id.id != user_id)
        with_records = moved._with_performance_records()
        if not with_records:
            return
        if not self.env.su and not self.env.user.has_group(ADMIN):
            raise AccessError(
                self.env._(
                    "%(employees)s have performance records (goals, feedback, "
                    "appraisals): only a performance administrator links them to "
                    "another user.",
                    employees=", ".join(with_records.mapped("name")),
                )
            )
        user = self.env["res.users"].browse(user_id)
        for employee in with_records:
            _logger.info(
                "user %s linked employee %s (performance records) from user %s to %s",
                self.env.uid,
                employee.id,
                employee.user_id.id,
                user_id,
            )
            # the caller is a performance administrator (checked above)
            clean_sudo(employee).message_post(
                body=self.env._(
                    "%(admin)s linked this employee, who has performance records, "
                    "to the user %(user)s.",
                    admin=self.env.user.name,
                    # sudo: the new user's name, for the log
                    user=user.sudo().name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _with_performance_records(self):
        """These employees who are the employee of any performance record."""
        found = self.browse()
        if not self:
            return found
        for model in self.env.registry.values():
            field = model._fields.get("employee_id")
            if (
                model._name.startswith("hr.performance.")
                and not model._abstract
                and not model._transient
                and model._auto
                and field
                and field.store
                and field.comodel_name == "hr.employee"
            ):
                found |= self.browse().union(
                    *(
                        employee
                        for [employee] in self.env[model._name]
                        # sudo: whether an employee has performance records at all
                        .sudo()
                        .with_context(active_test=False)
                        ._read_group(
                            [("employee_id", "in", (self - found).ids)],
                            ["employee_id"],
                        )
                    )
                )
            if found == self:
                break
        return found.with_env(self.env)

    def _open_appraisals(self):
        return (
            self.env["hr.performance.appraisal"]
            # sudo: the employee's open appraisals, for a step of an officer (or a log)
            .sudo()
            .search(
                [
                    ("employee_id", "in", self.ids),
                    ("state", "not in", ("done", "cancelled")),
                ]
            )
        )

    def _cancel_open_appraisals(self):
        """A departing employee's open appraisals are cancelled, not left to nag,
        when a performance officer archives them. Archived by someone without a
        performance role (the Employees app), they are left to an officer to
        decide: archiving must not wipe a review."""
        appraisals = self._open_appraisals()
        if self.env.su or self.env.user.has_group(OFFICER):
            appraisals._cancel()
            body = self.env._("Cancelled: the employee left.")
        else:
            body = self.env._(
                "%(user)s archived the employee. A performance officer cancels the "
                "appraisal if it is no longer needed.",
                user=self.env.user.name,
            )
        for appraisal in appraisals:
            appraisal.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _log_new_manager(self):
        """Who reads an employee's private goals and feedback follows their manager
        chain: a new manager is logged on their open appraisals."""
        # sudo: the employee's new manager, for the log of their open appraisals
        for employee in self.sudo():
            for appraisal in employee._open_appraisals():
                appraisal.message_post(
                    body=self.env._(
                        "%(user)s changed the manager of %(employee)s to %(manager)s.",
                        user=self.env.user.name,
                        employee=employee.name,
                        manager=employee.parent_id.name or "-",
                    ),
                    subtype_xmlid="mail.mt_note",
                )
