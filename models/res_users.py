# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models

from .hr_performance_access import MANAGER, OFFICER

# context key of the org chart's own group changes (not a grant by hand)
ORG_CHART_SYNC = "hr_performance_manager_sync"


class ResUsers(models.Model):
    """Performance managers follow the reporting line.

    A user becomes a performance manager as soon as an employee's manager
    (``parent_id``) is one of their employees, and stops being one when no report is
    left, unless the group was granted by hand: ``hr_performance_manager_auto`` tells
    the two apart (set only when the org chart granted it).
    """

    _inherit = "res.users"

    # Never required, no default: an empty column reads as False, and the host's own
    # inserts of users know nothing of it.
    hr_performance_manager_auto = fields.Boolean(
        "Performance Manager from the Org Chart",
        copy=False,
        groups="base.group_erp_manager",
        help="Set when the user became a performance manager because employees "
        "report to them: they stop being one when no report is left. Untick it to "
        "keep the right whatever the org chart says.",
    )

    def write(self, vals):
        result = super().write(vals)
        if not self.env.context.get(ORG_CHART_SYNC) and any(
            key == "groups_id" or key.startswith(("in_group_", "sel_groups_"))
            for key in vals
        ):
            group = self.env.ref(MANAGER)
            # sudo: the org chart's flag, after the caller's own write of the groups
            users = self.sudo().filtered("hr_performance_manager_auto")
            # granted by hand (the group named in the write), or removed by hand:
            # no longer the org chart's
            by_hand = users if _grants(vals, group) else users.browse()
            by_hand |= users.filtered(lambda user: group not in user.groups_id)
            by_hand.write({"hr_performance_manager_auto": False})
        return result

    def _hrp_sync_manager_group(self):
        """Make these users performance managers if an active employee reports to
        one of their employees, and remove the group the org chart granted from
        those left without a report. Three queries whatever the number of users."""
        # sudo: the org chart is public; groups follow it whoever edits an employee
        users = self.sudo().with_context(**{ORG_CHART_SYNC: True}).exists()
        if not users:
            return
        group = self.env.ref(MANAGER)
        officer = self.env.ref(OFFICER)
        reports = (
            self.env["hr.employee"]
            # sudo: the reports of these users' employees: the org chart is public
            .sudo()
            .with_context(active_test=True)
            .search([("parent_id.user_id", "in", users.ids)])
        )
        managing = users & reports.parent_id.filtered("active").user_id.filtered(
            lambda user: user.active and not user.share
        )
        to_grant = managing.filtered(lambda user: group not in user.groups_id)
        to_grant.write(
            {"groups_id": [Command.link(group.id)], "hr_performance_manager_auto": True}
        )
        stale = (users - managing).filtered("hr_performance_manager_auto")
        staff = stale.filtered(lambda user: officer in user.groups_id)
        # officers are managers by their own group: the flag is simply dropped
        staff.write({"hr_performance_manager_auto": False})
        (stale - staff).write(
            {
                "groups_id": [Command.unlink(group.id)],
                "hr_performance_manager_auto": False,
            }
        )


def _grants(vals, group):
    """Whether the ``res.users`` values ``vals`` give ``group`` explicitly."""
    for command in vals.get("groups_id") or ():
        if isinstance(command, list | tuple) and command:
            if command[0] == Command.LINK and command[1] == group.id:
                return True
            if command[0] == Command.SET and group.id in (command[2] or ()):
                return True
    return bool(vals.get(f"in_group_{group.id}")) or any(
        key.startswith("sel_groups_") and value == group.id
        for key, value in vals.items()
    )
