# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ReportCycle(models.AbstractModel):
    """Completion of review cycles, counted with grouped reads."""

    _name = "report.hr_performance.report_cycle"
    _description = "Cycle Completion Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        cycles = self.env["hr.performance.cycle"].browse(docids)
        cycles.check_access("read")
        Appraisal = self.env["hr.performance.appraisal"]
        states = dict(Appraisal._fields["state"]._description_selection(self.env))
        counts = Appraisal._read_group(
            [("cycle_id", "in", cycles.ids)],
            ["cycle_id", "department_id", "state"],
            ["__count"],
        )
        completion = {
            cycle.id: {"by_state": {}, "by_department": {}} for cycle in cycles
        }
        for cycle, department, state, count in counts:
            stats = completion[cycle.id]
            stats["by_state"][state] = stats["by_state"].get(state, 0) + count
            row = stats["by_department"].setdefault(
                department, {"name": department.name or "—", "total": 0, "done": 0}
            )
            if state != "cancelled":
                row["total"] += count
                row["done"] += count if state == "done" else 0
        return {
            "doc_ids": docids,
            "doc_model": cycles._name,
            "docs": cycles,
            "completion": {
                cycle_id: self._summarize(stats, states)
                for cycle_id, stats in completion.items()
            },
        }

    @staticmethod
    def _rate(done, total):
        return 100.0 * done / total if total else 0.0

    def _summarize(self, stats, states):
        by_state = stats["by_state"]
        cancelled = by_state.get("cancelled", 0)
        total = sum(by_state.values()) - cancelled
        done = by_state.get("done", 0)
        departments = sorted(stats["by_department"].values(), key=lambda r: r["name"])
        for row in departments:
            row["rate"] = self._rate(row["done"], row["total"])
        return {
            "total": total,
            "done": done,
            "cancelled": cancelled,
            "rate": self._rate(done, total),
            "by_state": [(states[state], count) for state, count in by_state.items()],
            "by_department": departments,
        }
