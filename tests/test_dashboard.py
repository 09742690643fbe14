# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HrPerformanceCase

NOW = "2026-06-01 12:00:00"
OVERDUE = "Your part of this appraisal is overdue"


class DashboardCase(HrPerformanceCase):
    """A known dataset on 1 June 2026.

    The officer heads two managers: the manager (reports: the employee and a second
    employee) and a peer manager (report: the peer report). Goals, check-ins and a
    review cycle whose self-assessment deadline has passed give each dashboard
    something to count, and the peer's team what must not leak into the manager's.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(NOW):
            cls._org()
            cls._goals()
            cls._checkins()
            cls._cycle()

    @classmethod
    def _org(cls):
        Employee = cls.env["hr.employee"]
        for login, groups in (
            ("employee2", "base.group_user"),
            (
                "peer_manager",
                "base.group_user,hr_performance.group_hr_performance_manager",
            ),
            ("peer_report", "base.group_user"),
        ):
            cls.users[login] = new_test_user(
                cls.env, login=f"hrp_{login}", groups=groups, name=f"HRP {login}"
            )
        officer = cls.employees["officer"]
        cls.employees["manager"].parent_id = officer
        cls.employees["employee2"] = Employee.create(
            {
                "name": "HRP employee2",
                "user_id": cls.users["employee2"].id,
                "parent_id": cls.employees["manager"].id,
            }
        )
        cls.employees["peer_manager"] = Employee.create(
            {
                "name": "HRP peer_manager",
                "user_id": cls.users["peer_manager"].id,
                "parent_id": officer.id,
            }
        )
        cls.employees["peer_report"] = Employee.create(
            {
                "name": "HRP peer_report",
                "user_id": cls.users["peer_report"].id,
                "parent_id": cls.employees["peer_manager"].id,
            }
        )

    @classmethod
    def _goal(cls, role, name, deadline, progress=0.0, state="active"):
        return cls.env["hr.performance.goal"].create(
            {
                "name": name,
                "employee_id": cls.employees[role].id,
                "date_start": date(2026, 1, 1),
                "date_deadline": deadline,
                "progress_mode": "manual",
                "progress": progress,
                "state": state,
            }
        )

    @classmethod
    def _goals(cls):
        end = date(2026, 12, 31)
        cls.goal_at_risk = cls._goal("employee", "Behind", end)
        cls.goal_late = cls._goal("employee", "Late", date(2026, 5, 1))
        cls.goal_draft = cls._goal("employee", "Idea", end, state="draft")
        cls._goal("employee", "Shipped", date(2026, 3, 1), 100.0, state="done")
        cls.goal_on_track = cls._goal("employee2", "Ahead", end, progress=80.0)
        cls.peer_goal = cls._goal("peer_report", "Peer behind", end)

    @classmethod
    def _checkins(cls):
        Checkin = cls.env["hr.performance.checkin"]

        def checkin(role, when, state="planned"):
            return Checkin.create(
                {"employee_id": cls.employees[role].id, "date": when, "state": state}
            )

        cls.checkin_overdue = checkin("employee", datetime(2026, 5, 20, 9))
        cls.checkin_next = checkin("employee", datetime(2026, 6, 10, 9))
        checkin("employee2", datetime(2026, 5, 1, 9), state="done")
        cls.peer_checkin = checkin("peer_report", datetime(2026, 5, 15, 9))

    @classmethod
    def _cycle(cls):
        template = cls.env["hr.performance.template"].create(
            {
                "name": "Mid-year",
                "section_ids": [
                    Command.create(
                        {
                            "name": "Impact",
                            "question_ids": [Command.create({"name": "Results"})],
                        }
                    )
                ],
            }
        )
        cls.cycle = cls.env["hr.performance.cycle"].create(
            {
                "name": "Mid-year 2026",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 6, 30),
                "template_id": template.id,
                "employee_ids": [
                    Command.set(
                        [
                            cls.employees[role].id
                            for role in ("employee", "employee2", "peer_report")
                        ]
                    )
                ],
                "deadline_self": date(2026, 5, 15),
                "deadline_manager": date(2026, 5, 31),
            }
        )
        cls.cycle.with_user(cls.users["officer"]).action_launch()
        cls.appraisal = {a.employee_id: a for a in cls.cycle.appraisal_ids}
        # the second employee is done with the self-assessment: the manager's turn
        cls.appraisal[cls.employees["employee2"]]._start_manager_review()

    def dashboard(self, role):
        self.env.invalidate_all()
        Dashboard = self.env["hr.performance.dashboard"].with_user(self.users[role])
        return Dashboard.get_dashboard_data()

    @classmethod
    def ours(cls, cycles):
        """The entry of the fixture's cycle among the running cycles listed."""
        [cycle] = [row for row in cycles if row["id"] == cls.cycle.id]
        return cycle


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestDashboard(DashboardCase):
    def assertOpens(self, role, section, records):
        """The list a counter opens holds what it counts, for the same user."""
        found = (
            self.env[section["res_model"]]
            .with_user(self.users[role])
            .search(section["domain"])
        )
        self.assertEqual(found, records)
        self.assertEqual(section["count"], len(records))

    def assertOpensAmongOthers(self, role, section, records):
        """As ``assertOpens`` for a company-wide counter, on a database that may
        hold other records (demo data): the list holds ``records``."""
        found = (
            self.env[section["res_model"]]
            .with_user(self.users[role])
            .search(section["domain"])
        )
        self.assertEqual(found & records, records)

    def test_employee(self):
        data = self.dashboard("employee")
        self.assertFalse(data["manager"])
        self.assertFalse(data["officer"])
        mine = data["employee"]
        goals = self.goal_late | self.goal_at_risk | self.goal_draft
        self.assertOpens("employee", mine["goals"], goals)
        rows = {row["name"]: row for row in mine["goals"]["records"]}
        self.assertEqual(set(rows), {"Behind", "Late", "Idea"})
        self.assertTrue(rows["Late"]["is_late"])
        self.assertTrue(rows["Behind"]["is_at_risk"])
        self.assertFalse(rows["Idea"]["is_at_risk"])
        self.assertEqual(mine["next_checkin"]["id"], self.checkin_overdue.id)
        self.assertTrue(mine["next_checkin"]["is_overdue"])
        self.assertEqual(mine["next_checkin"]["manager"], "HRP Manager")
        own = self.appraisal[self.employees["employee"]].sudo().assessment_ids
        self.assertOpens(
            "employee", mine["self_reviews"], own.filtered(lambda a: a.kind == "self")
        )
        # the second employee wrote theirs already and has no check-in planned
        other = self.dashboard("employee2")["employee"]
        self.assertEqual(other["self_reviews"]["count"], 0)
        self.assertIs(other["next_checkin"], False, "JSON false, not an empty list")
        self.assertEqual(other["goals"]["count"], 1)

    def test_manager_sees_their_tree_only(self):
        team = self.dashboard("manager")["manager"]
        self.assertOpens(
            "manager", team["goals_at_risk"], self.goal_at_risk | self.goal_late
        )
        self.assertEqual(
            {row["employee"] for row in team["goals_at_risk"]["records"]},
            {"HRP Employee"},
        )
        self.assertOpens("manager", team["overdue_checkins"], self.checkin_overdue)
        lead = self.appraisal[self.employees["employee2"]].sudo().assessment_ids
        self.assertOpens(
            "manager",
            team["reviews"],
            lead.filtered(lambda a: a.kind == "manager").with_user(
                self.users["manager"]
            ),
        )
        peer = self.dashboard("peer_manager")["manager"]
        self.assertOpens("peer_manager", peer["goals_at_risk"], self.peer_goal)
        self.assertOpens("peer_manager", peer["overdue_checkins"], self.peer_checkin)
        self.assertEqual(peer["reviews"]["count"], 0)
        self.assertFalse(self.dashboard("peer_manager")["officer"])

    def test_officer_manages_their_own_tree_too(self):
        """Officers read every goal; their manager section still covers their tree:
        here both managers' teams, and nobody outside it."""
        outsider = self.env["hr.employee"].create({"name": "Outside the tree"})
        self.env["hr.performance.goal"].create(
            {
                "name": "Outsider behind",
                "employee_id": outsider.id,
                "date_start": date(2026, 1, 1),
                "date_deadline": date(2026, 12, 31),
                "progress_mode": "manual",
                "state": "active",
            }
        )
        team = self.dashboard("officer")["manager"]
        self.assertEqual(
            team["goals_at_risk"]["count"], 3, team["goals_at_risk"]["records"]
        )
        self.assertOpens(
            "officer",
            team["goals_at_risk"],
            self.goal_at_risk | self.goal_late | self.peer_goal,
        )

    def test_officer(self):
        data = self.dashboard("officer")["officer"]
        cycle = self.ours(data["cycles"])
        self.assertEqual((cycle["total"], cycle["done"], cycle["progress"]), (3, 0, 0))
        self.assertEqual(
            {stage["state"]: stage["count"] for stage in cycle["stages"]},
            {"self_review": 2, "manager_review": 1},
        )
        late = data["late_reviewers"]
        self.assertEqual(
            {
                (row["name"], row["count"])
                for row in late["records"]
                if row["name"].startswith("HRP ")  # the test's users
            },
            {("HRP Employee", 1), ("HRP peer_report", 1), ("HRP Manager", 1)},
        )
        self.assertEqual(late["count"], len(late["records"]), "one per reviewer")
        self.assertOpensAmongOthers("officer", late, self.cycle.appraisal_ids)
        self.assertEqual(data["cycles_section"]["count"], len(data["cycles"]))
        self.assertOpensAmongOthers("officer", data["cycles_section"], self.cycle)

    def test_nudge_reminds_late_reviewers_once_a_day(self):
        Dashboard = self.env["hr.performance.dashboard"]
        for role in ("employee", "manager"):
            with self.assertRaisesRegex(AccessError, "Only performance officers"):
                Dashboard.with_user(self.users[role]).action_nudge_late_reviewers()
        done = Dashboard.with_user(self.users["officer"]).action_nudge_late_reviewers()
        self.assertEqual(done["params"]["count"], 3)
        self.assertEqual(
            done["params"]["message"],
            "3 people were reminded of their late reviews.",
        )
        todos = self.cycle.appraisal_ids.activity_ids.filtered(
            lambda act: act.summary == OVERDUE
        )
        self.assertEqual(
            todos.user_id,
            self.users["employee"] | self.users["peer_report"] | self.users["manager"],
        )
        self.assertEqual(
            set(self.cycle.appraisal_ids.mapped("date_reminded")), {date(2026, 6, 1)}
        )
        # a second click the same day nudges nobody again
        again = Dashboard.with_user(self.users["officer"]).action_nudge_late_reviewers()
        self.assertEqual(again["params"]["count"], 0)
        self.assertIn("Nobody to remind", again["params"]["message"])
        self.assertEqual(
            len(
                self.cycle.appraisal_ids.activity_ids.filtered(
                    lambda act: act.summary == OVERDUE
                )
            ),
            3,
        )
        # the cron does not remind them a second time; it escalates later
        self.env["hr.performance.appraisal"]._cron_remind()
        self.assertEqual(
            len(
                self.cycle.appraisal_ids.activity_ids.filtered(
                    lambda act: act.summary == OVERDUE
                )
            ),
            3,
        )


@tagged("post_install", "-at_install", "hr_performance_perf")
@freeze_time(NOW)
class TestDashboardPerformance(DashboardCase):
    """Query budgets of a dashboard load: flat in the number of records."""

    def _grow(self, count):
        """``count`` more goals and overdue check-ins in the manager's team, and as
        many late appraisals for the officer."""
        reports = self.env["hr.employee"].create(
            [
                {"name": f"Report {i}", "parent_id": self.employees["manager"].id}
                for i in range(count)
            ]
        )
        self.env["hr.performance.goal"].create(
            [
                {
                    "name": f"Goal {i}",
                    "employee_id": report.id,
                    "date_start": date(2026, 1, 1),
                    "date_deadline": date(2026, 12, 31),
                    "progress_mode": "manual",
                    "state": "active",
                }
                for i, report in enumerate(reports)
            ]
        )
        self.env["hr.performance.checkin"].create(
            [
                {"employee_id": report.id, "date": datetime(2026, 5, 20, 9)}
                for report in reports
            ]
        )
        self.cycle.employee_ids = [Command.link(report.id) for report in reports]
        self.cycle._create_appraisals(
            [(report, date(2026, 6, 30)) for report in reports]
        )

    def _queries(self, role):
        Dashboard = self.env["hr.performance.dashboard"].with_user(self.users[role])
        self.env.flush_all()  # a flush of new records clears the rules' cache
        Dashboard.get_dashboard_data()  # warm-up: groups, rules, translations
        return self._count_queries(Dashboard.get_dashboard_data)

    def test_budgets_flat(self):
        """Each role's load costs the same with 10 or 100 more records.

        Employee, 10: the user and partner (time zone), the user's employees, the
        goals, the check-ins, the assessments to write (one grouped count), the
        manager's name (user and partner), the appraisals to sign and the 360
        feedback to give (a count each). Manager, 23: the same plus the team, and
        the record rules' ``child_of`` on every search, one query per level of the
        tree (two levels here). Officer, 26 (three levels): the same plus the
        running cycles, their appraisals grouped by state, and the late reviewers
        grouped with their names.
        """
        budgets = {"employee": 10, "manager": 23, "officer": 26}
        self._grow(10)
        small = {role: self._queries(role) for role in budgets}
        self._grow(90)
        large = {role: self._queries(role) for role in budgets}
        self.assertEqual(small, large, "a dashboard's queries grow with the records")
        for role, budget in budgets.items():
            self.assertLessEqual(large[role], budget, large)
        data = self.dashboard("manager")["manager"]
        self.assertEqual(data["goals_at_risk"]["count"], 102)
        self.assertEqual(data["overdue_checkins"]["count"], 101)
        officer = self.dashboard("officer")["officer"]
        self.assertEqual(self.ours(officer["cycles"])["total"], 103)
