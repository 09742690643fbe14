# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from .hr_performance_access import EMPLOYEE, MANAGER, OFFICER

# field -> (model, domain) of the performance history tab
HISTORY = {
    "performance_goal_ids": ("hr.performance.goal", [("scope", "=", "employee")]),
    "performance_checkin_ids": ("hr.performance.checkin", []),
    "performance_appraisal_ids": ("hr.performance.appraisal", []),
}


class HrEmployeeBase(models.AbstractModel):
    """The performance history of an employee, on ``hr.employee`` and on
    ``hr.employee.public`` alike (users without Employees rights read the latter).

    It also holds **the manager-chain API** every check of the addon uses: who is
    above whom (``_hrp_managers``), who is below (``_hrp_reports``), the employees of a
    user (``_hrp_user_employees``), and the domain of the record rules
    (``_hrp_chain_domain``, called as ``hrp_chain(...)`` in the rules). The org chart
    is public in Odoo (``hr.employee.public``), so walking it reads ``parent_id`` as
    superuser; what a chain grants is decided by the rules that use it.

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

    # ------------------------------------------------------------ manager chain

    @api.model
    def _hrp_user_employees(self, user):
        """The active employees of ``user`` in every company (not only the current
        one, unlike ``res.users.employee_ids``)."""
        return self.browse(self._hrp_user_employee_ids(user.id))

    @api.model
    @tools.ormcache("uid")
    def _hrp_user_employee_ids(self, uid):
        # cleared whenever an employee changes user (hr.employee._clear_rule_cache)
        # sudo: the user's employees: the org chart is public
        return tuple(self.sudo().search([("user_id", "=", uid)]).ids)

    def _hrp_managers(self, strict=True):
        """Everyone above these employees in the org chart (and themselves unless
        ``strict``). Batched: one read per level of the chart."""
        chain = self.browse() if strict else self
        # sudo: the managers above: the org chart is public
        level = self.sudo().parent_id
        while level - chain:
            level -= chain
            chain |= level
            level = level.parent_id
        return chain.with_env(self.env)

    def _hrp_reports(self, strict=True):
        """Everyone below these employees (and themselves unless ``strict``)."""
        # sudo: the reports below: the org chart is public
        below = self.sudo().search([("id", "child_of", self.ids)])
        return (below - self if strict else below).with_env(self.env)

    def _hrp_is_managed_by(self, user, strict=True):
        """Whether ``user`` is in the manager chain of every employee of ``self``:
        one of their employees is above each (or is it, unless ``strict``)."""
        mine = self._hrp_user_employees(user)
        # sudo: the employees' users: the org chart is public
        if not mine or not self or (strict and user in self.sudo().user_id):
            return False
        return all(employee._hrp_managers(strict) & mine for employee in self)

    @api.model
    def _hrp_chain_domain(self, path="employee_id", strict=False, user=None):
        """The employees of ``path`` in the manager chain of ``user`` (the current
        user by default): below one of their employees, or one of them unless
        ``strict``. Record rules name it as ``hrp_chain(path, strict=...)``.

        The ids are the user's own employees, cached with the rules: linking an
        employee to another user clears that cache (``hr.employee.write``).
        """
        user = user or self.env.user
        mine = self._hrp_user_employees(user).ids
        if not strict:
            return [(path, "child_of", mine)]
        return [
            "&",
            (f"{path}.parent_id", "child_of", mine),
            (f"{path}.user_id", "!=", user.id),
        ]

    # ------------------------------------------------------------ history

    def _performance_history_readable(self):
        """The ids of these employees whose history the caller reads: their own,
        their direct and indirect reports', and everyone's for officers."""
        ids = {employee._origin.id for employee in self if employee._origin.id}
        user = self.env.user
        if not ids or user.has_group(OFFICER):
            return ids
        return set(
            self.env["hr.employee.public"]
            .search([("id", "in", list(ids)), *self._hrp_chain_domain("id")])
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
