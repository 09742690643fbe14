# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_performance_activity import create_activities

MANAGER = "hr_performance.group_hr_performance_manager"
CADENCE_SELECTION = [
    ("none", "No recurring check-in"),
    ("weekly", "Weekly"),
    ("biweekly", "Every two weeks"),
    ("monthly", "Monthly"),
]
# The cadences that plan check-ins; an empty cadence means "none", as hr's own
# inserts (which know nothing of this field) leave it empty.
RECURRING_CADENCES = ("weekly", "biweekly", "monthly")


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
        Checkin = self.env["hr.performance.checkin"].sudo()
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
                    "date": Checkin._next_date(
                        last.get(employee), now, employee.performance_checkin_cadence
                    ),
                }
                for employee in todo
            ]
        )
        create_activities(self.env, checkins._name, checkins._activity_vals())
        return checkins

    def write(self, vals):
        result = super().write(vals)
        if vals.get("active") is False:
            self._cancel_open_appraisals()
        return result

    def _cancel_open_appraisals(self):
        """A departing employee's open appraisals are cancelled, not left to nag."""
        Appraisal = self.env["hr.performance.appraisal"].sudo()
        appraisals = Appraisal.search(
            [
                ("employee_id", "in", self.ids),
                ("state", "not in", ("done", "cancelled")),
            ]
        )
        appraisals._cancel()
        for appraisal in appraisals:
            appraisal.message_post(
                body=self.env._("Cancelled: the employee left."),
                subtype_xmlid="mail.mt_note",
            )
