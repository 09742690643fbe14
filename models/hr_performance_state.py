# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError

# the longest text a person writes into a review, feedback or note (characters)
MAX_TEXT = 20000


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


def check_length(records, field_names):
    """Refuse a text longer than ``MAX_TEXT`` characters in ``field_names``."""
    for record in records:
        for name in field_names:
            if len(record[name] or "") > MAX_TEXT:
                raise ValidationError(
                    records.env._(
                        "%(field)s is too long: %(length)s characters, at most "
                        "%(limit)s.",
                        field=record._fields[name].get_description(records.env)[
                            "string"
                        ],
                        length=len(record[name]),
                        limit=MAX_TEXT,
                    )
                )


def check_scale(records, level_field, scale_field):
    """Refuse a rating level that is not on the record's rating scale."""
    for record in records:
        level, scale = record[level_field], record[scale_field]
        if level and scale and level.scale_id != scale:
            raise ValidationError(
                records.env._(
                    "The rating %(level)s is not on the scale %(scale)s of this "
                    "review.",
                    level=level.label,
                    scale=scale.name,
                )
            )
