# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError

# the longest text a person writes into a review, feedback or note (characters)
MAX_TEXT = 20000


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
