# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import json
import zipfile
from datetime import date

from odoo import Command, http
from odoo.tests import new_test_user, tagged

from .common import HrPerformanceCase, HrPerformanceHttpCase

MANAGER = "base.group_user,hr_performance.group_hr_performance_manager"
RATING = "hr.performance.report.rating"
GOAL = "hr.performance.report.goal"


class AnalyticsFixture:
    """Two teams rated in one cycle on the five-level scale (0, 25, 50, 75, 100 %):
    the manager rates the employee 5, and two reports 4 and 3 (75 % on average);
    a rival manager rates both of theirs 2 (25 %). The company's average is 55 %,
    so the manager's leniency is +20 points and the rival's -30."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rival = new_test_user(cls.env, login="hrp_rival", groups=MANAGER)
        Employee = cls.env["hr.employee"]
        rival_emp = Employee.create({"name": "Rival", "user_id": cls.rival.id})
        mine = Employee.create(
            [
                {"name": f"Report {n}", "parent_id": cls.employees["manager"].id}
                for n in (1, 2)
            ]
        )
        theirs = Employee.create(
            [{"name": f"Rival's {n}", "parent_id": rival_emp.id} for n in (1, 2)]
        )
        cls.level = {
            level.value: level
            for level in cls.env.ref("hr_performance.rating_scale_five").level_ids
        }
        template = cls.env["hr.performance.template"].create(
            {"name": "Analytics", "peer_min": 0}
        )
        cls.rated = cls.employees["employee"] | mine | theirs
        cls.cycle = cls.env["hr.performance.cycle"].create(
            {
                "name": "2026 review",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "template_id": template.id,
                "employee_ids": [Command.set(cls.rated.ids)],
            }
        )
        cls.cycle.with_user(cls.users["officer"]).action_launch()
        leads = cls.cycle.appraisal_ids.assessment_ids.filtered("is_lead")
        ratings = dict(zip(cls.rated, (5, 4, 3, 2, 2), strict=True))
        for lead in leads:
            lead.final_level_id = cls.level[ratings[lead.employee_id]]
        cls.own = cls.cycle.appraisal_ids.filtered(
            lambda a: a.employee_id == cls.employees["employee"]
        )


@tagged("post_install", "-at_install", "analytics")
class TestAnalytics(AnalyticsFixture, HrPerformanceCase):
    def rows(self, role, model=RATING, domain=None):
        user = self.users[role] if isinstance(role, str) else role
        self.env.invalidate_all()
        return self.env[model].with_user(user).search(domain or [])

    def test_rating_distribution_and_leniency(self):
        groups = self.env[RATING]._read_group(
            [("cycle_id", "=", self.cycle.id)],
            ["manager_id"],
            ["__count", "rating_percent:avg", "leniency:avg", "manager_rated:max"],
        )
        found = {
            manager.name: (count, percent, leniency, rated)
            for manager, count, percent, leniency, rated in groups
        }
        self.assertEqual(
            found,
            {
                self.employees["manager"].name: (3, 75.0, 20.0, 3),
                "Rival": (2, 25.0, -30.0, 2),
            },
        )
        by_level = dict(
            self.env[RATING]._read_group(
                [("cycle_id", "=", self.cycle.id)], ["level_id"], ["__count"]
            )
        )
        self.assertEqual(
            {level.value: count for level, count in by_level.items()},
            {5: 1, 4: 1, 3: 1, 2: 2},
        )

    def test_rating_rows_follow_the_reader(self):
        managers_team = self.rated[:3]
        self.assertEqual(self.rows("manager").employee_id, managers_team)
        self.assertEqual(self.rows(self.rival).employee_id, self.rated[3:])
        self.assertEqual(len(self.rows("officer")), 5)
        # the employee reads their own rating once released, and nothing else
        self.assertFalse(self.rows("employee"))
        self.own.sudo().released = True
        self.assertEqual(self.rows("employee").employee_id, self.employees["employee"])
        for role in ("payroll", "hr_manager"):
            with self.subTest(role=role):
                self.assertFalse(self.rows(role))

    def test_goal_attainment_by_alignment_level(self):
        Goal = self.env["hr.performance.goal"]
        common = {"date_start": date(2026, 1, 1), "progress_mode": "manual"}
        top = Goal.create(
            {**common, "name": "Top", "scope": "company", "date_deadline": "2026-12-31"}
        )
        employee = self.employees["employee"]
        Goal.create(
            [
                {
                    **common,
                    "name": "Aligned",
                    "employee_id": employee.id,
                    "parent_id": top.id,
                    "date_deadline": "2026-06-30",
                    "progress": 80,
                },
                {
                    **common,
                    "name": "Done",
                    "employee_id": employee.id,
                    "parent_id": top.id,
                    "date_deadline": "2026-06-30",
                    "progress": 100,
                    "state": "done",
                },
                {
                    **common,
                    "name": "Private",
                    "employee_id": employee.id,
                    "date_start": "2020-01-01",
                    "date_deadline": "2020-01-31",
                    "progress": 10,
                    "private": True,
                },
            ]
        )
        top.progress = 30
        groups = self.env[GOAL]._read_group(
            [("employee_id", "=", employee.id)],
            ["alignment_level"],
            ["__count", "progress:avg", "done_count:sum", "late_count:sum"],
        )
        self.assertEqual(sorted(groups), [(0, 1, 10.0, 0, 1), (1, 2, 90.0, 1, 1)])
        # the private goal stays with the employee and their manager chain
        for role, sees in (("manager", True), ("officer", False)):
            with self.subTest(role=role):
                names = self.rows(role, GOAL).mapped("name")
                self.assertEqual("Private" in names, sees)
                self.assertIn("Top", names)
        self.assertNotIn("Private", self.rows(self.rival, GOAL).mapped("name"))

    def test_read_group_queries(self):
        """Under 5 queries for any analysis, whatever its size: a manager's pays
        the record rules' ``child_of``, one query per level of their tree."""
        counts = {}
        for role in ("officer", "manager"):
            for model in (RATING, GOAL):
                report = self.env[model].with_user(self.users[role])
                report._read_group([], ["department_id"], ["__count"])  # warm rules
                counts[role, model] = self._count_queries(
                    lambda report=report: report._read_group(
                        [], ["department_id"], ["__count"]
                    )
                )
        self.assertEqual(
            counts,
            {
                ("officer", RATING): 2,
                ("officer", GOAL): 2,
                ("manager", RATING): 3,
                ("manager", GOAL): 3,
            },
        )


@tagged("post_install", "-at_install", "analytics")
class TestAnalyticsExport(AnalyticsFixture, HrPerformanceHttpCase, HrPerformanceCase):
    def test_xlsx_export_of_the_rating_analysis(self):
        self.users["officer"].groups_id += self.env.ref("base.group_allow_export")
        self.authenticate("hrp_officer", "hrp_officer")
        rows = self.env[RATING].search([("cycle_id", "=", self.cycle.id)])
        payload = {
            "model": RATING,
            "fields": [
                {"name": "employee_id", "label": "Employee", "type": "many2one"},
                {"name": "level_id", "label": "Rating", "type": "many2one"},
                {"name": "leniency", "label": "Leniency", "type": "float"},
            ],
            "ids": rows.ids,
            "domain": [],
            "groupby": [],
            "context": {},
            "import_compat": False,
        }
        response = self.url_open(
            "/web/export/xlsx",
            data={
                "data": json.dumps(payload),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        book = zipfile.ZipFile(io.BytesIO(response.content))
        strings = book.read("xl/sharedStrings.xml").decode()
        self.assertIn("Rival&apos;s 1", strings.replace("'", "&apos;"))
