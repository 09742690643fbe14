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


def rule_checked_domain(model, domain):
    """``domain`` with its x2many emptiness tests answered through the rules.

    Odoo answers ``(x2many, '=', False)`` and ``(x2many, '!=', False)`` with a bare
    subquery on the comodel, its record rules and the field's groups ignored: an
    oracle telling whether lines the caller cannot read exist (private notes, a
    draft improvement plan). They become ``not any`` / ``any`` of nothing, which
    searches the comodel as the caller; a field outside the caller's groups refuses.
    """
    if model.env.su:
        return domain
    checked = []
    for leaf in domain:
        if isinstance(leaf, list | tuple) and len(leaf) == 3:
            path, operator, value = leaf
            field = model._fields.get(str(path).split(".")[0])
            if field and field.groups:
                model.check_field_access_rights("read", [field.name])
            if (
                field
                and field.type in ("one2many", "many2many")
                and path == field.name
                and operator in ("=", "!=")
                and value in (False, None)
            ):
                leaf = (path, "any" if operator == "!=" else "not any", [])
        checked.append(leaf)
    return checked


def check_links_readable(model, vals_list, names):
    """Refuse linking to records the caller cannot read.

    A many2one shows its target's name to whoever reads the record (Odoo reads it
    as superuser): linking a private record by its id would reveal it to the caller,
    and to everyone who reads the new record.
    """
    if model.env.su:
        return
    for name in names:
        ids = {vals[name] for vals in vals_list if vals.get(name)}
        if ids:
            comodel = model.env[model._fields[name].comodel_name]
            comodel.browse(ids).check_access("read")
