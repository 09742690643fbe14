# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError

from ..models.hr_performance_access import OFFICER


class ReportCycle(models.AbstractModel):
    """The summary of review cycles for leadership: completion by status and
    department, the rating distribution against the scale's guideline, the average
    rating by department, and the rewards against the budgets. Everything is
    counted with grouped reads as the reader, so their record rules apply."""

    _name = "report.hr_performance.report_cycle"
    _description = "Cycle Summary Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        if not self.env.user.has_group(OFFICER):
            raise AccessError(
                self.env._("The cycle summary is for performance officers.")
            )
        cycles = self.env["hr.performance.cycle"].browse(docids)
        cycles._workflow_check_readable()
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
            "ratings": self._ratings(cycles),
            "budgets": {
                cycle.id: cycle.env["hr.performance.reward.budget"].search(
                    [("cycle_id", "=", cycle.id)], order="department_id"
                )
                for cycle in cycles
            },
        }

    @api.model
    def _ratings(self, cycles):
        """{cycle id: {"levels": [(level, count, share %, guideline %)],
        "departments": [(name, ratings, average %)], "total": ratings}}."""
        Rating = self.env["hr.performance.report.rating"]
        domain = [("cycle_id", "in", cycles.ids)]
        by_level = Rating._read_group(domain, ["cycle_id", "level_id"], ["__count"])
        by_department = Rating._read_group(
            domain, ["cycle_id", "department_id"], ["__count", "rating_percent:avg"]
        )
        ratings = {
            cycle.id: {"levels": [], "departments": [], "total": 0} for cycle in cycles
        }
        for cycle, _level, count in by_level:
            ratings[cycle.id]["total"] += count
        for cycle, level, count in sorted(by_level, key=lambda r: -r[1].value):
            total = ratings[cycle.id]["total"]
            ratings[cycle.id]["levels"].append(
                (level.label, count, self._rate(count, total), level.guideline_percent)
            )
        for cycle, department, count, average in by_department:
            ratings[cycle.id]["departments"].append(
                (department.name or "—", count, average)
            )
        return ratings

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
