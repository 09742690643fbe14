# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError


def check_state(records, allowed, action):
    """Refuse ``action`` (a translated verb) unless every record is in ``allowed``."""
    wrong = records.filtered(lambda record: record.state not in allowed)
    if wrong:
        raise UserError(
            records.env._(
                "%(action)s is not possible in their current state for: %(records)s",
                action=action,
                records=", ".join(wrong.mapped("display_name")),
            )
        )
