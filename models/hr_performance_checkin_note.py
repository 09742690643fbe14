# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .hr_performance_access import ROLE_AUTHOR
from .hr_performance_workflow import ANY


class HrPerformanceCheckinNote(models.Model):
    """A private note of the manager chain about a check-in.

    Readable by the employee's manager chain only (strict: never by the employee
    themself, even when they manage others), through record rules and the Manager
    group's access rights, not through the view.
    """

    _name = "hr.performance.checkin.note"
    _description = "Check-in Private Note"
    _inherit = ["hr.performance.workflow"]
    _order = "id desc"
    # the author is the server's; the checkin, and so its employee, never changes
    _workflow_state = None
    _workflow_fields = {ROLE_AUTHOR: {ANY: ("body",)}}
    _workflow_create_fields = frozenset(("checkin_id", "body"))
    _workflow_server_fields = frozenset(("author_id", "reader_ids"))

    checkin_id = fields.Many2one(
        "hr.performance.checkin", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(related="checkin_id.employee_id", store=True)
    company_id = fields.Many2one(related="checkin_id.company_id", store=True)
    body = fields.Html(required=True)
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    reader_ids = fields.Many2many(
        "res.users",
        string="Readers",
        compute="_compute_reader_ids",
        store=True,
        precompute=True,
        help="The employee's manager chain when the note was written: a later "
        "manager does not read it, a former one still does.",
    )

    @api.depends("checkin_id")
    def _compute_reader_ids(self):
        """Fixed when the note is written: the note never follows a reorg."""
        for note in self:
            employee = note.checkin_id.employee_id
            chain = employee._hrp_managers(strict=True).user_id
            note.reader_ids = (chain | note.author_id) - employee.user_id

    @api.ondelete(at_uninstall=False)
    def _unlink_only_own(self):
        if not self.env.su and self.filtered(
            lambda note: note.author_id != self.env.user
        ):
            raise UserError(self.env._("Only its author deletes a private note."))

    def _workflow_roles(self):
        return {
            # sudo: the author, to tell the caller's role
            note: {ROLE_AUTHOR} if note.sudo().author_id == self.env.user else set()
            for note in self
        }
