# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import json
import zipfile
from datetime import date

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HrPerformanceCase, HrPerformanceHttpCase

MANAGER = "base.group_user,hr_performance.group_hr_performance_manager"
RATING = "hr.performance.report.rating"
GOAL = "hr.performance.report.goal"
CYCLE = "hr.performance.report.cycle"
REWARD = "hr.performance.report.reward"
CHECKIN = "hr.performance.report.checkin"
FEEDBACK = "hr.performance.report.feedback"


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
        cls.rival_emp = rival_emp

    def rows(self, role, model=RATING, domain=None):
        user = self.users[role] if isinstance(role, str) else role
        self.env.invalidate_all()
        return self.env[model].with_user(user).search(domain or [])

    def of_cycle(self):
        """The rows of the fixture's cycle: a database may hold others (demo)."""
        return [("cycle_id", "=", self.cycle.id)]

    def read_group_queries(self, roles, models):
        """{(role, model): queries of a read_group by department}, rules warm."""
        counts = {}
        for role in roles:
            for model in models:
                report = self.env[model].with_user(self.users[role])
                report._read_group([], ["department_id"], ["__count"])  # warm rules
                counts[role, model] = self._count_queries(
                    lambda report=report: report._read_group(
                        [], ["department_id"], ["__count"]
                    )
                )
        return counts


@tagged("post_install", "-at_install", "analytics")
class TestAnalytics(AnalyticsFixture, HrPerformanceCase):
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
        # the officer reads every rating of the cycle (and others' of the company)
        self.assertEqual(len(self.rows("officer", domain=self.of_cycle())), 5)
        # the employee reads their own rating once released, and nothing else
        self.assertFalse(self.rows("employee"))
        self.own.sudo().released = True
        self.assertEqual(self.rows("employee").employee_id, self.employees["employee"])
        for role in ("payroll", "hr_manager"):
            with self.subTest(role=role):
                self.assertFalse(self.rows(role))

    def test_manager_rule_costs_a_query_per_level(self):
        """hr.employee has no parent_path: the managers' ``child_of`` searches the
        tree one level at a time, so a deeper tree costs one more query."""
        before = self.read_group_queries(("manager",), (RATING, CYCLE))
        self.env["hr.employee"].create(
            {"name": "Third level", "parent_id": self.rated[1].id}
        )
        after = self.read_group_queries(("manager",), (RATING, CYCLE))
        self.assertEqual(
            {key: after[key] - count for key, count in before.items()},
            {("manager", RATING): 1, ("manager", CYCLE): 1},
        )

    def test_leniency_is_for_officers(self):
        """Leniency and the manager's count come from every rating of the cycle,
        released or not: the employee's own released row does not carry them."""
        self.own.sudo().released = True
        for role in ("employee", "manager"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.rows(role).read(["leniency"])
        self.assertEqual(
            self.rows("officer", domain=[("employee_id", "=", self.rated[0].id)]).read(
                ["leniency", "manager_rated"]
            )[0]["leniency"],
            20.0,
        )

    def test_rating_follows_pending_writes(self):
        """The view reads its sources' tables: writes not yet flushed count."""
        lead = self.own.assessment_ids.filtered("is_lead")
        lead.final_level_id = self.level[1]
        [(count, percent)] = self.env[RATING]._read_group(
            [("appraisal_id", "=", self.own.id)], [], ["__count", "rating_percent:avg"]
        )
        self.assertEqual((count, percent), (1, 0.0))

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
        self.assertEqual(
            self.read_group_queries(("officer", "manager"), (RATING, GOAL)),
            {
                ("officer", RATING): 2,
                ("officer", GOAL): 2,
                ("manager", RATING): 3,
                ("manager", GOAL): 3,
            },
        )


@tagged("post_install", "-at_install", "analytics")
class TestCycleAndRewardAnalytics(AnalyticsFixture, HrPerformanceCase):
    """Cycle completion and reward spend on the fixture's cycle.

    Phases: the employee's appraisal is signed; report 1 is released and waits for
    the signature; report 2 is in manager assessment; rival's 1 is still in
    self-assessment; rival's 2 is cancelled (left out). Only the employee has a user,
    so only they write a self-assessment. The sign-off deadline is past, so the
    three unsigned ones are late.

    Rewards: in Sales (the manager's department, budget 5,000) a bonus of 1,000
    approved for the employee and a 5 % raise of 2,000 a month proposed for
    report 1 (1,200 a year); in Ops (the rival's, budget 10 % of the yearly
    payroll of 2,000 a month: 2,400) a bonus of 500 paid and one of 300 refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.deadline_signoff = date(2026, 6, 30)
        employee, report1, report2, rival1, rival2 = cls.rated
        appraisal = {a.employee_id: a for a in cls.cycle.appraisal_ids}
        assessments = cls.cycle.appraisal_ids.assessment_ids
        done = employee | report1 | report2
        assessments.filtered(
            lambda s: s.employee_id in done and (s.kind == "self" or s.is_lead)
        ).write({"state": "submitted"})
        assessments.filtered(
            lambda s: s.employee_id == report2 and s.is_lead
        ).state = "draft"
        appraisal[employee].write({"state": "done", "released": True})
        appraisal[report1].write({"state": "to_sign", "released": True})
        appraisal[report2].state = "manager_review"
        appraisal[rival1].state = "self_review"
        appraisal[rival2].state = "cancelled"

        Department = cls.env["hr.department"]
        cls.sales = Department.create(
            {"name": "Sales", "manager_id": cls.employees["manager"].id}
        )
        cls.ops = Department.create({"name": "Ops", "manager_id": cls.rival_emp.id})
        (employee | report1).department_id = cls.sales
        (rival1 | rival2).department_id = cls.ops
        cls.env["hr.contract"].create(
            {
                "name": "Rival's 1 contract",
                "employee_id": rival1.id,
                "department_id": cls.ops.id,
                "wage": 2000,
                "date_start": date(2025, 1, 1),
                "state": "open",
            }
        )
        cls.env["hr.performance.reward.budget"].create(
            [
                {
                    "cycle_id": cls.cycle.id,
                    "department_id": cls.sales.id,
                    "amount": 5000,
                },
                {
                    "cycle_id": cls.cycle.id,
                    "department_id": cls.ops.id,
                    "basis": "percent",
                    "percent": 10,
                },
            ]
        )
        common = {"cycle_id": cls.cycle.id, "effective_date": date(2027, 1, 1)}
        cls.env["hr.performance.reward"].create(
            [
                {
                    **common,
                    "employee_id": employee.id,
                    "kind": "bonus",
                    "amount": 1000,
                    "state": "approved",
                },
                {
                    **common,
                    "employee_id": report1.id,
                    "kind": "raise",
                    "current_wage": 2000,
                    "percent": 5,
                    "state": "proposed",
                },
                {
                    **common,
                    "employee_id": rival1.id,
                    "kind": "bonus",
                    "amount": 500,
                    "state": "paid",
                },
                {
                    **common,
                    "employee_id": rival2.id,
                    "kind": "bonus",
                    "amount": 300,
                    "state": "refused",
                },
            ]
        )

    def test_cycle_completion(self):
        measures = [
            "__count",
            "self_count:sum",
            "manager_count:sum",
            "released_count:sum",
            "done_count:sum",
            "late_count:sum",
            "completion:avg",
        ]
        [(cycle, *figures)] = self.env[CYCLE]._read_group(
            [("cycle_id", "=", self.cycle.id)], ["cycle_id"], measures
        )
        self.assertEqual(cycle, self.cycle)
        self.assertEqual(figures, [4, 1, 2, 2, 1, 3, 25.0])
        by_state = dict(
            self.env[CYCLE]._read_group(
                [("cycle_id", "=", self.cycle.id)], ["state"], ["__count"]
            )
        )
        self.assertEqual(
            by_state,
            {"done": 1, "to_sign": 1, "manager_review": 1, "self_review": 1},
        )

    def test_cycle_rows_follow_the_reader(self):
        self.assertEqual(self.rows("manager", CYCLE).employee_id, self.rated[:3])
        self.assertEqual(self.rows(self.rival, CYCLE).employee_id, self.rated[3])
        self.assertEqual(len(self.rows("officer", CYCLE, self.of_cycle())), 4)
        self.assertEqual(
            self.rows("employee", CYCLE).employee_id, self.employees["employee"]
        )
        for role in ("payroll", "hr_manager"):
            with self.subTest(role=role):
                self.assertFalse(self.rows(role, CYCLE))

    def test_reward_spend_against_budget(self):
        groups = self.env[REWARD]._read_group(
            [("cycle_id", "=", self.cycle.id)],
            ["department_id"],
            ["count:sum", "spent:sum", "proposed:sum", "budget:sum"],
        )
        self.assertEqual(
            {department.name: tuple(figures) for department, *figures in groups},
            {"Sales": (2, 1000.0, 1200.0, 5000.0), "Ops": (2, 500.0, 0.0, 2400.0)},
        )
        # the same budgets and spend as the budget form's
        budgets = self.env["hr.performance.reward.budget"].search(
            [("cycle_id", "=", self.cycle.id)]
        )
        self.assertEqual(
            {b.department_id.name: (b.used, b.proposed, b.limit) for b in budgets},
            {"Sales": (1000.0, 1200.0, 5000.0), "Ops": (500.0, 0.0, 2400.0)},
        )
        by_kind = self.env[REWARD]._read_group(
            [("cycle_id", "=", self.cycle.id), ("line_type", "=", "reward")],
            ["kind", "state"],
            ["amount:sum"],
        )
        self.assertEqual(
            sorted(by_kind),
            [
                ("bonus", "approved", 1000.0),
                ("bonus", "paid", 500.0),
                ("bonus", "refused", 300.0),
                ("raise", "proposed", 100.0),
            ],
        )

    def test_reward_rows_follow_the_reader(self):
        mine = self.rows("manager", REWARD)
        self.assertEqual(mine.employee_id, self.rated[:2])
        self.assertEqual(mine.department_id, self.sales)
        self.assertEqual(set(mine.mapped("line_type")), {"reward", "budget"})
        theirs = self.rows(self.rival, REWARD)
        self.assertEqual(theirs.employee_id, self.rated[3:])
        self.assertEqual(theirs.department_id, self.ops)
        self.assertEqual(len(self.rows("officer", REWARD, self.of_cycle())), 6)
        for role in ("employee", "payroll", "hr_manager"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.rows(role, REWARD)

    def test_read_group_queries(self):
        """As for the ratings: at most 2 queries for an officer (1 for the cycle
        completion, whose officer rule needs no join), 3 for a manager (the
        ``child_of`` of the rule reads the tree first)."""
        self.assertEqual(
            self.read_group_queries(("officer", "manager"), (CYCLE, REWARD)),
            {
                ("officer", CYCLE): 1,
                ("officer", REWARD): 2,
                ("manager", CYCLE): 3,
                ("manager", REWARD): 3,
            },
        )


@tagged("post_install", "-at_install", "analytics")
class TestCheckinCadence(AnalyticsFixture, HrPerformanceCase):
    """The employee (weekly) meets the manager on 5 and 12 January (kept: 7 days),
    26 January (late: 14 days); the meeting of 2 February is overdue and the one of
    9 February cancelled (left out). Report 1, without a cadence, on 5 January and
    5 March. The rival's report (monthly) on 10 January and 5 February (kept)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        employee, report1, __, rival1, __ = cls.rated
        employee.performance_checkin_cadence = "weekly"
        rival1.performance_checkin_cadence = "monthly"
        meetings = [
            (employee, "2026-01-05", "done"),
            (employee, "2026-01-12", "done"),
            (employee, "2026-01-26", "done"),
            (employee, "2026-02-02", "planned"),
            (employee, "2026-02-09", "cancelled"),
            (report1, "2026-01-05", "done"),
            (report1, "2026-03-05", "done"),
            (rival1, "2026-01-10", "done"),
            (rival1, "2026-02-05", "done"),
        ]
        cls.env["hr.performance.checkin"].create(
            [
                {"employee_id": who.id, "date": f"{day} 09:00:00", "state": state}
                for who, day, state in meetings
            ]
        )

    def test_cadence_kept_by_manager(self):
        groups = self.env[CHECKIN]._read_group(
            [("employee_id", "in", self.rated.ids)],
            ["manager_user_id"],
            [
                "__count",
                "held_count:sum",
                "overdue_count:sum",
                "gap_days:avg",
                "kept:avg",
            ],
        )
        found = {user.name: tuple(figures) for user, *figures in groups}
        self.assertEqual(found[self.rival.name], (2, 2, 0, 26.0, 100.0))
        count, held, overdue, gap, kept = found[self.users["manager"].name]
        self.assertEqual((count, held, overdue, kept), (6, 5, 1, 50.0))
        self.assertAlmostEqual(gap, (7 + 14 + 59) / 3, places=1)

    def test_checkin_rows_follow_the_reader(self):
        self.assertEqual(self.rows("manager", CHECKIN).employee_id, self.rated[:2])
        self.assertEqual(self.rows(self.rival, CHECKIN).employee_id, self.rated[3])
        self.assertEqual(
            self.rows("employee", CHECKIN).employee_id, self.employees["employee"]
        )
        ours = [("employee_id", "in", self.rated.ids)]
        self.assertEqual(len(self.rows("officer", CHECKIN, ours)), 8)
        self.assertFalse(self.rows("payroll", CHECKIN))
        # the cadence is the managers' business, as on the employee
        with self.assertRaises(AccessError):
            self.rows("employee", CHECKIN).read(["cadence"])

    def test_read_group_queries(self):
        """One query for an officer and for an employee (their rule's joins are
        subqueries), three for a manager (``child_of`` reads the tree first)."""
        self.assertEqual(
            self.read_group_queries(("officer", "manager", "employee"), (CHECKIN,)),
            {
                ("officer", CHECKIN): 1,
                ("manager", CHECKIN): 3,
                ("employee", CHECKIN): 1,
            },
        )


@tagged("post_install", "-at_install", "analytics")
class TestFeedbackParticipation(AnalyticsFixture, HrPerformanceCase):
    """The employee writes private feedback to report 1 and feedback shared with
    the managers to rival's 1; the manager praises the employee; the rival gives
    rival's 1 feedback shared with the managers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        employee, report1, __, rival1, __ = cls.rated
        given = [
            ("employee", report1, "continuous", "private"),
            ("employee", rival1, "continuous", "manager"),
            ("manager", employee, "praise", "public"),
            (cls.rival, rival1, "continuous", "manager"),
        ]
        for author, to, kind, visibility in given:
            user = cls.users[author] if isinstance(author, str) else author
            cls.env["hr.performance.feedback"].with_user(user).create(
                {
                    "employee_id": to.id,
                    "kind": kind,
                    "visibility": visibility,
                    "body": "<p>Thanks</p>",
                }
            ).action_send()
        cls.sales = cls.env["hr.department"].create({"name": "Sales"})
        cls.employees["employee"].department_id = cls.sales

    def test_participation_by_author(self):
        groups = self.env[FEEDBACK]._read_group(
            [("employee_id", "in", self.rated.ids)],
            ["author_id", "kind"],
            ["__count"],
        )
        self.assertEqual(
            sorted((user.name, kind, count) for user, kind, count in groups),
            sorted(
                [
                    (self.users["employee"].name, "continuous", 2),
                    (self.users["manager"].name, "praise", 1),
                    (self.rival.name, "continuous", 1),
                ]
            ),
        )
        by_department = dict(
            self.env[FEEDBACK]._read_group(
                [("employee_id", "in", self.rated.ids)],
                ["author_department_id"],
                ["__count"],
            )
        )
        self.assertEqual(by_department[self.sales], 2)

    def test_private_feedback_counts_for_its_two_people_only(self):
        def seen(role):
            rows = self.rows(role, FEEDBACK, [("employee_id", "in", self.rated.ids)])
            return sorted(rows.mapped(lambda r: (r.author_id.login, r.visibility)))

        shared = ("hrp_test_employee", "manager")
        praise = ("hrp_test_manager", "public")
        rival = ("hrp_rival", "manager")
        self.assertEqual(seen("officer"), sorted([shared, praise, rival]))
        self.assertEqual(seen("manager"), [praise])
        self.assertEqual(seen(self.rival), sorted([shared, praise, rival]))
        self.assertEqual(
            seen("employee"), sorted([("hrp_test_employee", "private"), shared, praise])
        )
        self.assertEqual(seen("payroll"), [praise])

    def test_read_group_queries(self):
        """Officers hold the managers' rule too (implied group), whose ``child_of``
        reads the tree first: 2 queries; a manager 3; an employee 1."""
        self.assertEqual(
            self.read_group_queries(("officer", "manager", "employee"), (FEEDBACK,)),
            {
                ("officer", FEEDBACK): 2,
                ("manager", FEEDBACK): 3,
                ("employee", FEEDBACK): 1,
            },
        )


@tagged("post_install", "-at_install", "analytics")
class TestAnalyticsViews(HrPerformanceCase):
    def test_views_open_for_each_reader(self):
        """Every analysis opens in each of its views for the roles that may read it,
        the fields kept for officers or managers left out of the others' views."""
        views = [(False, kind) for kind in ("list", "pivot", "graph", "search")]
        readers = {
            RATING: ("employee", "manager", "officer"),
            GOAL: ("employee", "manager", "officer"),
            CYCLE: ("employee", "manager", "officer"),
            CHECKIN: ("employee", "manager", "officer"),
            FEEDBACK: ("employee", "manager", "officer"),
            REWARD: ("manager", "officer"),
        }
        hidden = {RATING: "leniency", CHECKIN: "cadence"}
        for model, roles in readers.items():
            for role in roles:
                with self.subTest(model=model, role=role):
                    report = self.env[model].with_user(self.users[role])
                    result = report.get_views(views)
                    fields = result["models"][model]["fields"]
                    self.assertIn("company_id", fields)
                    if model in hidden:
                        self.assertEqual(
                            hidden[model] in fields,
                            role == "officer"
                            or (model == CHECKIN and role == "manager"),
                        )
                    report.web_read_group([], ["__count"], ["department_id"])


@tagged("post_install", "-at_install", "analytics")
class TestAnalyticsExport(AnalyticsFixture, HrPerformanceHttpCase, HrPerformanceCase):
    def test_xlsx_export_of_the_rating_analysis(self):
        self.users["officer"].groups_id += self.env.ref("base.group_allow_export")
        self.authenticate("hrp_test_officer", "hrp_test_officer")
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
