# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools.misc import clean_context

PREFIX = "hr.performance."


def check_readable(records):
    """Refuse, with one answer for both, ``records`` that do not exist and records
    the caller may not read: no telling them apart."""
    if records.env.su or not records:
        return
    try:
        # one query: the records that exist and pass the caller's rules
        readable = records.with_context(active_test=False).search(
            [("id", "in", records.ids)]
        )
    except AccessError:
        readable = records.browse()
    if set(readable.ids) != set(records.ids):
        raise AccessError(
            records.env._(
                "This record does not exist, or you may not act on it. Reload the "
                "page and try again."
            )
        )


def clean_sudo(records):
    """``records`` as superuser, in a context without the caller's ``default_``
    keys: for a step the caller was checked for, so that what it creates takes
    nothing from the caller's context."""
    # the whole context is replaced on purpose: merging would keep the defaults
    context = clean_context(records.env.context)
    return records.sudo().with_context(context)  # pylint: disable=context-overridden


def linked(model, vals, wanted):
    """Add to ``wanted`` ({comodel: ids}) the performance records ``vals`` of
    ``model`` link, through many2one ids and x2many commands, the values of nested
    commands included (lines created in an onchange carry links too)."""
    for name, value in vals.items():
        field = model._fields.get(name)
        if not field or not field.relational or not value:
            continue
        comodel = model.env[field.comodel_name]
        if field.type == "many2one":
            value = value.get("id") if isinstance(value, dict) else value
            if isinstance(value, int) and field.comodel_name.startswith(PREFIX):
                wanted[field.comodel_name].add(value)
            continue
        for command in value if isinstance(value, list | tuple) else []:
            if isinstance(command, int):
                ids, nested = [command], None
            elif isinstance(command, list | tuple) and command:
                ids = [command[1]] if command[0] in (1, 2, 3, 4) else []
                ids += list(command[2]) if command[0] == 6 and len(command) > 2 else []
                nested = (
                    command[2] if command[0] in (0, 1) and len(command) > 2 else None
                )
            else:
                continue
            if field.comodel_name.startswith(PREFIX):
                wanted[field.comodel_name].update(i for i in ids if isinstance(i, int))
            if isinstance(nested, dict):
                linked(comodel, nested, wanted)


class HrPerformanceGuard(models.AbstractModel):
    """Every model of the addon refuses links to performance records its caller
    cannot read, in ``create``, ``write`` and ``onchange``: a many2one shows its
    target's name to whoever reads the record (Odoo reads it as superuser), and an
    onchange answers with the related fields of any id it is given, those of lines
    in nested commands too."""

    _name = "hr.performance.guard"
    _description = "Performance Link Guard"

    def _hrp_sudo(self):
        """These records as superuser, in a clean context (``clean_sudo``)."""
        return clean_sudo(self)

    @api.model
    def _workflow_check_links(self, vals_list):
        if self.env.su:
            return
        wanted = defaultdict(set)
        for vals in vals_list:
            linked(self, vals, wanted)
        for comodel, ids in wanted.items():
            check_readable(self.env[comodel].browse(ids))

    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_links(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._workflow_check_links([vals])
        return super().write(vals)

    def onchange(self, values, field_names, fields_spec):
        self._workflow_check_links([values])
        return super().onchange(values, field_names, fields_spec)
