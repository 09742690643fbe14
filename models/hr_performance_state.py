# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError


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


def check_writable(records, vals, allowed):
    """Refuse writing fields outside ``allowed`` except as superuser.

    Readonly in a view is no protection over RPC: workflow fields (states, authors,
    links to other records) only change through the methods that check who calls.
    """
    if records.env.su:
        return
    refused = sorted(set(vals) - set(allowed))
    if refused:
        raise AccessError(
            records.env._(
                "These fields of %(model)s change only through their buttons: "
                "%(fields)s",
                model=records._description,
                fields=", ".join(refused),
            )
        )
