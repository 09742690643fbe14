# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError


class MailMessage(models.Model):
    """Reactions to a message of performance data come from its readers only.

    Odoo lets anyone react to a message that is not a thread message (such as the
    notice telling a recipient of their private feedback), whatever its document;
    here, who reacts to a message of the addon must read its record.
    """

    _inherit = "mail.message"

    def _message_reaction(self, content, action, partner, guest, store=None):
        self.ensure_one()
        # sudo: the message's document, checked below as the reacting user
        message = self.sudo()
        if (message.model or "").startswith("hr.performance.") and message.res_id:
            record = self.env[message.model].browse(message.res_id).sudo(False)
            if self.env.user._is_public() or not record.has_access("read"):
                raise AccessError(
                    self.env._("You may only react to what you may read.")
                )
        return super()._message_reaction(content, action, partner, guest, store)
