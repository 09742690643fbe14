# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models, tools
from odoo.tools import SQL


class HrPerformanceReportView(models.AbstractModel):
    """The SQL view behind an analysis: the model's ``_query()``, (re)created at
    every install and update."""

    _name = "hr.performance.report.view"
    _description = "Performance Analysis View"
    _inherit = ["hr.performance.guard"]

    def _query(self):
        raise NotImplementedError

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(self._query()),
            )
        )
