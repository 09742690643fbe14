# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import csv
import io
from datetime import date

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..models.hr_performance_access import OFFICER, PAYROLL

EXPORTED = ("approved", "applied", "paid")
MONETARY = ("raise", "promotion", "bonus")


class HrPerformanceRewardExport(models.TransientModel):
    """The rewards payroll pays, as a CSV or an XLSX file: read as the caller (the
    record rules say which rewards, the fields are those payroll reads), written
    nowhere but in this wizard. Nothing of the review behind a reward is in it."""

    _name = "hr.performance.reward.export"
    _description = "Export Rewards for Payroll"
    _inherit = ["hr.performance.guard"]

    def _default_reward_ids(self):
        context = self.env.context
        Reward = self.env["hr.performance.reward"]
        domain = [("state", "in", EXPORTED), ("kind", "in", MONETARY)]
        if context.get("active_model") == Reward._name and context.get("active_ids"):
            domain.append(("id", "in", context["active_ids"]))
        return Reward.search(domain)

    reward_ids = fields.Many2many(
        "hr.performance.reward",
        string="Rewards",
        default=lambda self: self._default_reward_ids(),
        domain=[("state", "in", EXPORTED), ("kind", "in", MONETARY)],
    )
    reward_count = fields.Integer("Rewards to Export", compute="_compute_reward_count")
    file_format = fields.Selection(
        [("xlsx", "Excel (XLSX)"), ("csv", "CSV")],
        string="Format",
        required=True,
        default="xlsx",
    )
    data = fields.Binary("File", readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    @api.depends("reward_ids")
    def _compute_reward_count(self):
        for wizard in self:
            wizard.reward_count = len(wizard.reward_ids)

    def _check_caller(self):
        if not (
            self.env.su
            or self.env.user.has_group(PAYROLL)
            or self.env.user.has_group(OFFICER)
        ):
            raise AccessError(self.env._("Only payroll exports rewards."))

    @api.model
    def _columns(self):
        """(header, value of a reward): what payroll needs to pay, nothing more."""
        kinds = dict(
            self.env["hr.performance.reward"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        states = dict(
            self.env["hr.performance.reward"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        return [
            ("reference", lambda r: r.name),
            ("reward_id", lambda r: r.id),
            ("employee_id", lambda r: r.employee_id.id),
            ("employee", lambda r: r.employee_id.name),
            ("company", lambda r: r.company_id.name),
            ("department", lambda r: r.department_id.name or ""),
            ("kind", lambda r: r.kind),
            ("kind_label", lambda r: kinds.get(r.kind, "")),
            ("amount", lambda r: round(r.amount, 2)),
            (
                "new_monthly_wage",
                lambda r: round(r.new_wage, 2)
                if r.kind in ("raise", "promotion")
                else "",
            ),
            ("currency", lambda r: r.currency_id.name),
            ("effective_date", lambda r: r.effective_date),
            ("state", lambda r: r.state),
            ("state_label", lambda r: states.get(r.state, "")),
            ("payslip_ref", lambda r: r.payslip_ref or ""),
            ("date_paid", lambda r: r.date_paid or ""),
        ]

    def _rows(self, rewards):
        columns = self._columns()
        # browse again: prefetch the rewards together, whatever they were read from
        rewards = rewards.browse(rewards.ids).filtered(
            lambda r: r.kind in MONETARY and r.state in EXPORTED
        )
        return [name for name, _value in columns], [
            [value(reward) for _name, value in columns] for reward in rewards
        ]

    @api.model
    def _csv(self, rewards):
        header, rows = self._rows(rewards)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow(
                [f"{value:.2f}" if isinstance(value, float) else value for value in row]
            )
        return out.getvalue().encode()

    @api.model
    def _xlsx(self, rewards):
        header, rows = self._rows(rewards)
        out = io.BytesIO()
        workbook = xlsxwriter.Workbook(out, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Rewards"))
        bold = workbook.add_format({"bold": True})
        dates = workbook.add_format({"num_format": "yyyy-mm-dd"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        sheet.write_row(0, 0, header, bold)
        for index, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write_datetime(index, column, value, dates)
                elif isinstance(value, float):
                    sheet.write_number(index, column, value, money)
                else:
                    sheet.write(index, column, value)
        sheet.set_column(0, len(header) - 1, 16)
        workbook.close()
        return out.getvalue()

    def _export(self):
        """Fill the file; returns its download URL."""
        self.ensure_one()
        self._check_caller()
        content = (self._xlsx if self.file_format == "xlsx" else self._csv)(
            self.reward_ids
        )
        self.write(
            {
                "data": base64.b64encode(content),
                "filename": f"payroll_rewards.{self.file_format}",
            }
        )
        return (
            f"/web/content?model={self._name}&id={self.id}&field=data"
            "&filename_field=filename&download=true"
        )

    def action_export(self):
        """Make the file and show it to download: nothing is written on the
        rewards."""
        self._export()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Export for Payroll"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }
