# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .hr_performance_activity import FOLLOWERS_INSERTED


class CalendarEvent(models.Model):
    """The meetings of check-ins (``hr.performance.checkin._sync_calendar_events``)
    are created in batches, their attendees' followers inserted at once."""

    _inherit = "calendar.event"

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if self.env.context.get(FOLLOWERS_INSERTED):
            return True
        return super().message_subscribe(partner_ids, subtype_ids)
