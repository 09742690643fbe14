# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bad input: each refused with a clear message, and nothing half-written."""

from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HrPerformanceReviewCase

TOO_LONG = "x" * 20001


@tagged("post_install", "-at_install", "bad_input")
class TestBadInput(HrPerformanceReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_scale = cls.env["hr.performance.rating.scale"].create(
            {
                "name": "Three levels",
                "level_ids": [
                    Command.create({"value": value, "label": f"Level {value}"})
                    for value in (1, 2, 3)
                ],
            }
        )

    def assertRefused(self, exception, regex, func, record, fields):
        """``func`` raises ``exception`` matching ``regex``; ``fields`` of
        ``record`` keep their values."""
        before = record.sudo().read(fields)
        with self.assertRaisesRegex(exception, regex):
            func()
            self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(record.sudo().read(fields), before)

    def test_validation_errors(self):
        self_assessment = self.assessment_of("employee", "self")
        lead = self.appraisal.assessment_ids.filtered("is_lead")
        line = self_assessment.line_ids.filtered(lambda x: x.answer_type == "rating")[0]
        foreign_level = self.other_scale.level_ids[0]
        goal = self.goal
        child = goal.copy({"name": "Child", "parent_id": goal.id})
        cases = [
            (
                "weights not summing to 100",
                self.template,
                ["goals_weight"],
                lambda: self.template.write({"goals_weight": 90}),
                "sum to 100",
            ),
            (
                "a rating off the scale",
                line,
                ["level_id"],
                lambda: line.write({"level_id": foreign_level.id}),
                "not on the scale",
            ),
            (
                "a final rating off the scale",
                lead,
                ["final_level_id"],
                lambda: lead.sudo().write({"final_level_id": foreign_level.id}),
                "not on the scale",
            ),
            (
                "deadlines out of order",
                self.cycle,
                ["deadline_manager"],
                lambda: self.cycle.write({"deadline_manager": date(2026, 6, 1)}),
                "comes before",
            ),
            (
                "a goal under itself",
                goal,
                ["parent_id"],
                lambda: goal.write({"parent_id": child.id}),
                "cannot contribute to itself",
            ),
            (
                "an oversized answer",
                line,
                ["comment"],
                lambda: line.write({"comment": TOO_LONG}),
                "too long: 20001 characters, at most 20000",
            ),
            (
                "an oversized summary",
                lead,
                ["summary"],
                lambda: lead.sudo().write({"summary": f"<p>{TOO_LONG}</p>"}),
                "too long",
            ),
        ]
        for label, record, fields, func, regex in cases:
            with self.subTest(case=label):
                self.assertRefused(ValidationError, regex, func, record, fields)

    def test_oversized_feedback_is_not_given(self):
        Feedback = self.env["hr.performance.feedback"].with_user(self.users["manager"])
        before = Feedback.sudo().search_count([])
        with self.assertRaisesRegex(ValidationError, "too long"):
            Feedback.create(
                {
                    "employee_id": self.employees["employee"].id,
                    "body": f"<p>{TOO_LONG}</p>",
                }
            )
        self.assertEqual(Feedback.sudo().search_count([]), before)

    @mute_logger("odoo.sql_db")
    def test_database_constraints(self):
        """Inverted dates and weights out of range are refused by the database,
        whose message the user reads (translated) over RPC."""
        goal = self.goal
        key_result = self.env["hr.performance.key.result"].create(
            {"goal_id": goal.id, "name": "Result"}
        )
        pip = self.env["hr.performance.pip"].create(
            {
                "employee_id": self.employees["employee"].id,
                "date_start": date(2026, 3, 1),
                "date_review": date(2026, 6, 1),
            }
        )
        cases = [
            ("an inverted period", self.cycle, {"date_end": date(2025, 1, 1)}),
            ("an inverted goal", goal, {"date_deadline": date(2025, 1, 1)}),
            ("an inverted plan", pip, {"date_review": date(2026, 1, 1)}),
            ("a goal weight of 0", goal, {"weight": 0}),
            ("a key result weight of 0", key_result, {"weight": 0}),
            ("progress over 100", goal, {"progress_mode": "manual", "progress": 120}),
        ]
        for label, record, vals in cases:
            with self.subTest(case=label):
                self.assertRefused(
                    IntegrityError,
                    "violates check constraint",
                    lambda record=record, vals=vals: record.write(vals),
                    record,
                    list(vals),
                )

    def test_launch_leaves_out_whom_it_cannot_review(self):
        """Employees without a manager and archived ones get no appraisal; the
        launch preview names them."""
        Employee = self.env["hr.employee"]
        alone = Employee.create({"name": "No manager"})
        archived = Employee.create(
            {"name": "Archived", "parent_id": self.employees["manager"].id}
        )
        fine = Employee.create(
            {"name": "Fine", "parent_id": self.employees["manager"].id}
        )
        archived.action_archive()
        cycle = self.cycle.copy({"name": "Second"})
        cycle.write(
            {
                "date_start": date(2027, 1, 1),
                "date_end": date(2027, 12, 31),
                "deadline_self": False,
                "deadline_peer": False,
                "deadline_manager": False,
                "employee_ids": [Command.set((alone | archived | fine).ids)],
            }
        )
        eligible, _archived, no_manager, _busy = cycle._launch_population()
        self.assertEqual((eligible, no_manager), (fine, alone))
        cycle.action_launch()
        self.assertEqual(cycle.appraisal_ids.employee_id, fine)
