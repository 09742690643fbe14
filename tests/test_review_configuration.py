# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestReviewConfiguration(HrPerformanceCase):
    """Rating scales and review templates: the configuration appraisals build on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.five = cls.env.ref("hr_performance.rating_scale_five")
        cls.Template = cls.env["hr.performance.template"]

    def _template(self, **vals):
        return self.Template.create(
            {
                "name": "Annual",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Impact",
                            "question_ids": [
                                (0, 0, {"name": "How much impact?"}),
                                (0, 0, {"name": "Proudest?", "answer_type": "text"}),
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {"name": "Growth", "question_ids": [(0, 0, {"name": "Next?"})]},
                    ),
                ],
                **vals,
            }
        )

    def test_default_scale(self):
        self.assertEqual(self.five.level_ids.mapped("value"), [1, 2, 3, 4, 5])
        self.assertEqual((self.five.min_value, self.five.max_value), (1, 5))
        self.assertEqual(self.five._level_of(3).label, "Meets expectations")
        with self.assertRaisesRegex(ValidationError, "1 to 5"):
            self.five._level_of(7)

    def test_scale_needs_two_distinct_levels(self):
        Scale = self.env["hr.performance.rating.scale"]
        with self.assertRaises(ValidationError):
            Scale.create(
                {"name": "One", "level_ids": [(0, 0, {"value": 1, "label": "A"})]}
            )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                Scale.create(
                    {
                        "name": "Twice",
                        "level_ids": [
                            (0, 0, {"value": 1, "label": "A"}),
                            (0, 0, {"value": 1, "label": "B"}),
                        ],
                    }
                )

    def test_template_defaults_and_copy(self):
        template = self._template()
        self.assertEqual(template.rating_scale_id, self.five)
        self.assertEqual(template.question_count, 3)
        self.assertEqual(
            (
                template.goals_weight,
                template.competencies_weight,
                template.questions_weight,
            ),
            (40, 20, 40),
        )
        copy = template.copy()
        self.assertEqual(copy.question_count, 3)
        self.assertFalse(copy.section_ids & template.section_ids)

    def test_weights_sum_to_100(self):
        with self.assertRaisesRegex(ValidationError, "sum to 100"):
            self._template(goals_weight=50)
        with self.assertRaisesRegex(ValidationError, "positive"):
            self._template(goals_weight=-10, questions_weight=90)
        template = self._template(
            goals_weight=50, competencies_weight=0, questions_weight=50
        )
        self.assertEqual(template.goals_weight, 50)

    def test_administrators_configure_employees_read(self):
        with Form(self.Template.with_user(self.users["admin"])) as form:
            form.name = "Probation review"
            form.goals_weight = 60
            form.questions_weight = 20
        template = form.record
        as_employee = template.with_user(self.users["employee"])
        self.assertEqual(as_employee.name, "Probation review")
        with self.assertRaises(AccessError):
            as_employee.write({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.Template.with_user(self.users["officer"]).create({"name": "Officer's"})

    def test_other_company_templates_hidden(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        foreign = self._template(company_id=other.id)
        shared = self._template(company_id=False)
        seen = self.Template.with_user(self.users["employee"]).search([])
        self.assertIn(shared, seen)
        self.assertNotIn(foreign, seen)
        questions = self.env["hr.performance.template.question"].with_user(
            self.users["employee"]
        )
        self.assertFalse(questions.search([("template_id", "=", foreign.id)]))
