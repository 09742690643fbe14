# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestHost(TransactionCase):
    """What the addon brings into the host's database keeps the host's code working."""

    def test_user_settings_without_calendar_s_column(self):
        """Code loaded before calendar (mail's tests at install) inserts user settings
        without calendar's required column: the database fills calendar's default."""
        user = self.env["res.users"].create({"name": "Settings", "login": "hrp_host"})
        self.env["res.users.settings"].search([("user_id", "=", user.id)]).unlink()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "INSERT INTO res_users_settings (user_id) VALUES (%s) "
                "RETURNING calendar_default_privacy",
                user.id,
            )
        )
        self.assertEqual(self.env.cr.fetchone()[0], "public")
