# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets of the reward batches: generating proposals for a closed cycle and
applying raises to contracts."""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestRewardPerformance(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scale = cls.env.ref("hr_performance.rating_scale_five")
        cls.level = cls.scale.level_ids.filtered(lambda lvl: lvl.value == 3)
        cls.template = cls.env["hr.performance.template"].create({"name": "Plain"})
        cls.job = cls.env["hr.job"].create({"name": "Analyst"})
        cls.matrix = cls.env["hr.performance.merit.matrix"].create(
            {
                "name": "Flat 3%",
                "line_ids": [
                    Command.create(
                        {
                            "level_id": cls.level.id,
                            "compa_band": band,
                            "raise_percent": 3,
                        }
                    )
                    for band in ("below", "within", "above")
                ],
            }
        )

    def _closed_cycle(self, size):
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": f"Analyst {size}-{i}",
                    "parent_id": self.employees["manager"].id,
                }
                for i in range(size)
            ]
        )
        self.env["hr.contract"].create(
            [
                {
                    "name": employee.name,
                    "employee_id": employee.id,
                    "job_id": self.job.id,
                    "wage": 2000 + index,
                    "date_start": date(2025, 1, 1),
                    "state": "open",
                }
                for index, employee in enumerate(employees)
            ]
        )
        cycle = self.env["hr.performance.cycle"].create(
            {
                "name": f"Closed {size}",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "template_id": self.template.id,
                "merit_matrix_id": self.matrix.id,
                "bonus_target_percent": 5,
            }
        )
        appraisals = self.env["hr.performance.appraisal"].create(
            [
                {
                    "cycle_id": cycle.id,
                    "employee_id": employee.id,
                    "manager_id": employee.parent_id.id,
                    "state": "done",
                }
                for employee in employees
            ]
        )
        appraisals.assessment_ids.filtered("is_lead").write(
            {"final_level_id": self.level.id, "state": "submitted"}
        )
        cycle.state = "closed"
        return cycle

    def test_generate_and_apply_in_batches(self):
        """Generating proposals costs the same for 10 appraisals as for 50. Applying
        raises grows by a few queries per contract: Odoo's own overlap check of
        ``hr.contract`` searches once per contract; ours are batched."""
        warm, again, small, mid = (self._closed_cycle(size) for size in (2, 10, 10, 50))
        officer = self.users["officer"]
        # the first generations load the record rules and caches a server keeps
        warm.with_user(officer).action_generate_rewards()
        counts = [
            self._count_queries(cycle.with_user(officer).action_generate_rewards)
            for cycle in (again, small, mid)
        ][1:]
        self.assertEqual(counts[0], counts[1], "generating grows with the population")
        # 1: the caller reads the cycle; 1: the contracts running on the effective
        # date, whose wage the proposals start from
        self.assertLessEqual(counts[1], 22)
        self.assertEqual(len(mid.reward_ids), 100, "a raise and a bonus each")
        raises = [
            cycle.reward_ids.filtered(lambda r: r.kind == "raise")
            for cycle in (again, small, mid)
        ]
        for batch in raises:
            batch.write({"state": "approved"})
        raises[0]._apply(date(2027, 1, 1))
        counts = [
            self._count_queries(lambda b=batch: b._apply(date(2027, 1, 1)))
            for batch in raises[1:]
        ]
        # 10 raises: 45 queries; 3 more per raise, Odoo's overlap checks of contracts
        self.assertLessEqual(counts[0], 50, counts)
        self.assertLessEqual((counts[1] - counts[0]) / 40, 3, counts)
        self.assertEqual(
            set(raises[2].new_contract_id.mapped("date_start")), {date(2027, 1, 1)}
        )

    def test_approve_and_export_at_10_and_100(self):
        """The payroll export costs the same for 10 appraisals as for 100.
        Generating grows by well under a query per appraisal (Odoo inserts at most
        100 rows at once, each chunk with its followers and tracking); approving
        is flat (``test_approve_in_bulk_flat``)."""
        warm, small, big = (self._closed_cycle(size) for size in (2, 10, 100))
        officer = self.users["officer"]
        warm.with_user(officer).action_generate_rewards()
        generate = [
            self._count_queries(cycle.with_user(officer).action_generate_rewards)
            for cycle in (small, big)
        ]
        self.assertLessEqual((generate[1] - generate[0]) / 90, 0.2, generate)
        batches = [cycle.reward_ids.with_user(officer) for cycle in (warm, small, big)]
        for batch in batches:
            batch.sudo().write({"state": "proposed"})
        batches[0].action_approve()
        approve = [self._count_queries(batch.action_approve) for batch in batches[1:]]
        per_proposal = (approve[1] - approve[0]) / (len(batches[2]) - len(batches[1]))
        self.assertLessEqual(per_proposal, 0.1, approve)
        self.assertEqual(set(batches[2].mapped("state")), {"approved"})
        export = [
            self._count_queries(lambda b=batch: b.browse(b.ids)._payroll_csv())
            for batch in batches
        ][1:]
        self.assertEqual(export[0], export[1], "the export grows with the size")

    def test_approve_in_bulk_flat(self):
        """Approving 20 proposals costs the same as approving 200, tracking notes and
        the budget check included: the notes and their values are inserted in one
        batch, not one message and one tracking value per proposal."""
        department = self.env["hr.department"].create({"name": "Bulk Approvals"})
        cycles = [self._closed_cycle(size) for size in (2, 10, 100)]
        officer = self.users["officer"]
        batches = []
        for cycle in cycles:
            cycle.appraisal_ids.employee_id.department_id = department
            self.env["hr.performance.reward.budget"].create(
                {"cycle_id": cycle.id, "department_id": department.id, "amount": 1e9}
            )
            cycle.with_user(officer).action_generate_rewards()
            cycle.reward_ids.sudo().write({"state": "proposed"})
            batches.append(cycle.reward_ids.with_user(officer))
        batches[0].action_approve()
        counts = [self._count_committed(batch.action_approve) for batch in batches[1:]]
        sizes = [len(batch) for batch in batches[1:]]
        self.assertEqual(sizes, [20, 200])
        per_proposal = (counts[1] - counts[0]) / (sizes[1] - sizes[0])
        self.assertEqual(counts[0], counts[1], "approving grows with the batch")
        self.assertLessEqual(per_proposal, 0.1, counts)
        self.assertLessEqual(counts[1] / sizes[1], 0.2, counts)
        big = batches[2].sudo()
        self.assertEqual(set(big.mapped("state")), {"approved"})
        self.assertEqual(set(big.mapped("approved_by_id")), {officer})
        # each proposal keeps its own note of the change, by its approver
        notes = self.env["mail.message"].search(
            [
                ("model", "=", big._name),
                ("res_id", "in", big.ids),
                ("tracking_value_ids.field_id.name", "=", "state"),
            ]
        )
        self.assertEqual(sorted(notes.mapped("res_id")), sorted(big.ids))
        self.assertEqual(notes.author_id, officer.partner_id)
        values = notes.tracking_value_ids.filtered(lambda v: v.field_id.name == "state")
        self.assertEqual(set(values.mapped("new_value_char")), {"Approved"})
        self.assertEqual(set(values.mapped("old_value_char")), {"Proposed"})
