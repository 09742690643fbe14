# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError

from .hr_performance_activity import FOLLOWERS_INSERTED


class MailActivity(models.Model):
    """An activity on performance data goes to someone who reads its record.

    The assignee of an activity follows the record and receives its messages and
    tracked changes, and Odoo 18 no longer checks that they may read it. The batch
    helper ``create_activities`` picks its assignees among the readers itself.
    """

    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        if not self.env.context.get(FOLLOWERS_INSERTED):
            activities._check_assignee_reads_record()
        return activities

    def write(self, vals):
        result = super().write(vals)
        if vals.get("user_id"):
            self._check_assignee_reads_record()
        return result

    def _check_assignee_reads_record(self):
        # sudo: the activities' assignees and records, to check each reads its record
        for activity in self.sudo().filtered(
            lambda act: act.user_id
            and act.res_id
            and (act.res_model or "").startswith("hr.performance.")
        ):
            user = activity.user_id
            record = (
                self.env[activity.res_model]
                .browse(activity.res_id)
                .with_user(user)
                .with_context(allowed_company_ids=user.company_ids.ids)
            )
            if not record.has_access("read"):
                raise AccessError(
                    self.env._(
                        "%(user)s cannot read %(record)s, so cannot be given an "
                        "activity on it.",
                        user=user.name,
                        # sudo: the record's name, in the refusal to who assigns it
                        record=record.sudo().display_name,
                    )
                )
