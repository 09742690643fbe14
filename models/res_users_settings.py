# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL
from odoo.tools.sql import column_exists

# calendar's required column on res_users_settings, and the default calendar gives it
CALENDAR_PRIVACY = ("res_users_settings", "calendar_default_privacy", "public")


def set_calendar_privacy_default(cr, value):
    """Give (or, with ``value`` None, take back) the database default of calendar's
    required column on user settings. Calendar (a dependency of this addon, for the
    1:1s) makes the column NOT NULL with its default in Python only, so code of the
    modules loaded before it (mail's own tests run at install, with the registry up
    to mail) cannot create user settings on a database where calendar is installed;
    the database holds calendar's own default, as a core column should."""
    table, column, default = CALENDAR_PRIVACY
    if not column_exists(cr, table, column):
        return
    action = (
        SQL("SET DEFAULT %s", value or default)
        if value is not False
        else SQL("DROP DEFAULT")
    )
    cr.execute(
        SQL(
            "ALTER TABLE %s ALTER COLUMN %s %s",
            SQL.identifier(table),
            SQL.identifier(column),
            action,
        )
    )


class ResUsersSettings(models.Model):
    _inherit = "res.users.settings"

    def _auto_init(self):
        result = super()._auto_init()
        set_calendar_privacy_default(self.env.cr, None)
        return result
