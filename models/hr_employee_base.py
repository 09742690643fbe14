# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

EMPLOYEE = "hr_performance.group_hr_performance_employee"
MANAGER = "hr_performance.group_hr_performance_manager"
OFFICER = "hr_performance.group_hr_performance_officer"
# field -> (model, domain) of the performance history tab
HISTORY = {
    "performance_goal_ids": ("hr.performance.goal", [("scope", "=", "employee")]),
    "performance_checkin_ids": ("hr.performance.checkin", []),
    "performance_appraisal_ids": ("hr.performance.appraisal", []),
}


class HrEmployeeBase(models.AbstractModel):
    """The performance history of an employee, on ``hr.employee`` and on
    ``hr.employee.public`` alike (users without Employees rights read the latter).

    The history is for the employee, their manager chain and officers: for anyone
    else the fields are empty. Within that, every record is searched as the reader,
    so the record rules decide what is listed: an employee reads their ratings only
    once released, never their reward proposals; a manager never reads their own.
    """

    _inherit = "hr.employee.base"

    performance_history_visible = fields.Boolean(
        compute="_compute_performance_history_visible", groups=EMPLOYEE
    )
    performance_goal_ids = fields.Many2many(
        "hr.performance.goal",
        string="Goal History",
        compute="_compute_performance_history",
        groups=EMPLOYEE,
    )
    performance_checkin_ids = fields.Many2many(
        "hr.performance.checkin",
        string="Check-in History",
        compute="_compute_performance_history",
        groups=EMPLOYEE,
    )
    performance_appraisal_ids = fields.Many2many(
        "hr.performance.appraisal",
        string="Appraisal History",
        compute="_compute_performance_history",
        groups=EMPLOYEE,
    )
    performance_reward_ids = fields.Many2many(
        "hr.performance.reward",
        string="Reward History",
        compute="_compute_performance_reward_ids",
        groups=MANAGER,
    )

    def _performance_history_readable(self):
        """The ids of these employees whose history the caller reads: their own,
        their direct and indirect reports', and everyone's for officers."""
        ids = {employee._origin.id for employee in self if employee._origin.id}
        user = self.env.user
        if not ids or user.has_group(OFFICER):
            return ids
        mine = user.employee_ids.ids
        if not mine:
            return set()
        return set(
            self.env["hr.employee.public"]
            .search([("id", "in", list(ids)), ("id", "child_of", mine)])
            .ids
        )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_performance_history_visible(self):
        readable = self._performance_history_readable()
        for employee in self:
            employee.performance_history_visible = employee._origin.id in readable

    def _performance_history_of(self, readable, model, domain):
        """{employee id: records of ``model``} of the ``readable`` employee ids,
        searched as the caller."""
        records = self.env[model].search(
            [("employee_id", "in", list(readable)), *domain]
        )
        return {
            employee.id: found
            for employee, found in records.grouped("employee_id").items()
        }

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_performance_history(self):
        readable = self._performance_history_readable()
        for field, (model, domain) in HISTORY.items():
            history = self._performance_history_of(readable, model, domain)
            empty = self.env[model]
            for employee in self:
                employee[field] = history.get(employee._origin.id, empty)

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_performance_reward_ids(self):
        history = self._performance_history_of(
            self._performance_history_readable(), "hr.performance.reward", []
        )
        empty = self.env["hr.performance.reward"]
        for employee in self:
            employee.performance_reward_ids = history.get(employee._origin.id, empty)
