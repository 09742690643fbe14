# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Regression tests of issue 13 ("Authority in one place") and of the outside attack
that followed it: each case as it was found, as the role that found it.

The generic matrices that keep the whole class closed (every model, field, role and
method) are in ``test_workflow_matrix``.
"""

from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import HrPerformanceReviewCase

OFFICER_GROUPS = "base.group_user,hr_performance.group_hr_performance_officer"
MANAGER_GROUPS = "base.group_user,hr_performance.group_hr_performance_manager"


@tagged("post_install", "-at_install", "access_rights")
class TestMeasuredKeyResults(HrPerformanceReviewCase):
    """1. A measured key result runs as a user the server derives, on allow-listed
    documents, through fields that user may read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source = cls.env["hr.performance.measure.source"].create(
            {"name": "HRP partners", "model_name": "res.partner", "sum_fields": "color"}
        )
        cls.company_goal = (
            cls.env["hr.performance.goal"]
            .with_user(cls.users["officer"])
            .create(
                {
                    "name": "HRP grow the network",
                    "scope": "company",
                    "date_deadline": date(2026, 12, 31),
                }
            )
        )
        cls.Result = cls.env["hr.performance.key.result"].with_user(
            cls.users["officer"]
        )

    def _measured(self, domain="[('comment', '=', 'hrp-authority')]", **vals):
        return self.Result.create(
            {
                "goal_id": self.company_goal.id,
                "name": "HRP measured",
                "measure": "erp",
                "measure_source_id": self.source.id,
                "measure_domain": domain,
                **vals,
            }
        )

    def test_the_owner_is_not_chosen(self):
        """An officer cannot make OdooBot (the superuser) or anyone the owner."""
        bot = self.env.ref("base.user_root")
        goal = self.company_goal.with_user(self.users["officer"])
        with self.assertRaises(AccessError):
            goal.write({"user_id": bot.id})
        created = goal.create(
            {
                "name": "HRP forged owner",
                "scope": "company",
                "user_id": bot.id,
                "date_deadline": date(2026, 12, 31),
            }
        )
        self.assertEqual(created.user_id, self.users["officer"])
        # administrators give a goal another owner
        goal.with_user(self.users["admin"]).write({"user_id": bot.id})
        self.assertEqual(self.company_goal.user_id, bot)

    def test_measured_as_the_configuring_officer_never_the_owner(self):
        self.env["res.partner"].create(
            [{"name": f"HRP P{i}", "comment": "hrp-authority"} for i in range(2)]
        )
        result = self._measured()
        self.assertEqual(result.sudo().measure_user_id, self.users["officer"])
        # the owner becomes the superuser: the measure still runs as the officer
        self.company_goal.sudo().user_id = self.env.ref("base.user_root")
        self.company_goal.sudo().state = "active"
        result.action_measure()
        self.assertFalse(result.measure_error)
        self.assertEqual(result.current_value, 2)
        # nobody writes who it runs as
        with self.assertRaises(AccessError):
            result.write({"measure_user_id": self.env.ref("base.user_root").id})

    def test_never_as_superuser_inactive_or_former_officer(self):
        result = self._measured()
        for forged in (
            self.env.ref("base.user_root"),
            self.users["employee"],  # no longer an officer
        ):
            with self.subTest(user=forged.login):
                result.sudo().measure_user_id = forged
                result.sudo()._measure()
                self.assertTrue(result.measure_error)
        result.sudo().measure_user_id = self.users["officer"]
        self.users["officer"].sudo().active = False
        result.sudo()._measure()
        self.assertTrue(result.measure_error)

    def test_employee_goals_measure_as_their_employee(self):
        result = self.Result.create(
            {
                "goal_id": self.goal.id,
                "name": "HRP measured for the employee",
                "measure": "erp",
                "measure_source_id": self.source.id,
                "measure_domain": "[('comment', '=', 'hrp-authority')]",
            }
        )
        user, error = result._measure_user()
        self.assertFalse(error)
        self.assertEqual(user, self.users["employee"])

    def test_forbidden_models_are_never_measured(self):
        """360 answers, queued mails (a reviewer's link), private notes, users:
        neither as a source nor through a field path."""
        Source = self.env["hr.performance.measure.source"].with_user(
            self.users["admin"]
        )
        for model in (
            "hr.performance.review.answer",
            "hr.performance.checkin.note",
            "hr.performance.feedback",
            "mail.mail",
            "ir.model",
            "res.users",
            "hr.employee",
        ):
            with self.subTest(model=model), self.assertRaises(ValidationError):
                Source.create({"name": model, "model_name": model})
        for domain in (
            "[('user_ids.login', '=like', 'a%')]",
            "[('message_ids.body', 'ilike', 'x')]",
            "[('employee_ids.private_email', '=like', 'a%')]",
            "[('user_ids', 'any', [('password', '!=', False)])]",
        ):
            with self.subTest(domain=domain), self.assertRaises(ValidationError):
                self._measured(domain=domain)

    def test_fields_the_user_cannot_read_are_refused(self):
        """A field path and the summed field pass the measuring user's field
        access; the sum is one of the source's listed fields."""
        field = next(
            name
            for name, field in self.env["res.partner"]._fields.items()
            if field.groups and field.store and not field.relational
        )
        self.users["officer"].groups_id = [
            Command.unlink(self.env.ref(group).id)
            for group in self.env["res.partner"]._fields[field].groups.split(",")
            if self.env.ref(group, raise_if_not_found=False)
        ]
        with self.assertRaises(ValidationError):
            self._measured(domain=f"[('{field}', '!=', False)]")
        with self.assertRaises(ValidationError):
            self._measured(measure_function="sum", measure_field="id")
        self._measured(measure_function="sum", measure_field="color")

    def test_other_companies_are_not_counted(self):
        other = self.env["res.company"].create({"name": "HRP Measure Co"})
        self.users["officer"].company_ids = [Command.link(other.id)]
        self.env["res.partner"].create(
            [
                {"name": "HRP here", "comment": "hrp-authority"},
                {
                    "name": "HRP there",
                    "comment": "hrp-authority",
                    "company_id": other.id,
                },
            ]
        )
        result = self._measured()
        self.company_goal.sudo().state = "active"
        result.action_measure()
        self.assertEqual(result.current_value, 1)

    def test_only_officers_configure_a_measure(self):
        manual = (
            self.env["hr.performance.key.result"]
            .with_user(self.users["employee"])
            .create({"goal_id": self.goal.id, "name": "HRP by hand"})
        )
        with self.assertRaises(AccessError):
            manual.write({"measure": "erp", "measure_source_id": self.source.id})


@tagged("post_install", "-at_install", "access_rights")
class TestSummaryReaders(HrPerformanceReviewCase):
    """2. Whoever gave or was asked for 360 feedback never reads the summary;
    nobody nominates or approves themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requests = cls.env["hr.performance.review.request"].create(
            [
                {"appraisal_id": cls.appraisal.id, "reviewer_id": peer.id}
                for peer in cls.peers[:3]
            ]
        )
        cls.requests.action_approve()
        level = cls.level[4]
        for response in cls.env["hr.performance.review.response"].search(
            [("request_id", "in", cls.requests.ids)]
        ):
            response.answer_ids.write({"level_id": level.id, "comment": "HRP fine"})
            response.with_user(response.author_id).action_submit()
        cls.appraisal.with_user(cls.users["manager"]).action_close_review()

    def summary_of(self, user):
        self.env.invalidate_all()
        return self.appraisal.with_user(user).review_summary or ""

    def test_readers_see_it_and_reviewers_never(self):
        self.assertIn("HRP fine", self.summary_of(self.users["manager"]))
        self.assertIn("HRP fine", self.summary_of(self.users["officer"]))
        # (b) a former reviewer made an appraiser afterwards: refused, and were it
        # done anyway, the summary stays hidden
        with self.assertRaises(UserError):
            self.appraisal.with_user(self.users["officer"]).write(
                {"appraiser_ids": [Command.link(self.peers[0].id)]}
            )
        self.appraisal.sudo().appraiser_ids = [Command.link(self.peers[0].id)]
        self.assertNotIn("HRP fine", self.summary_of(self.peers[0]))
        # (c) a reviewer made the employee's manager
        self.employees["employee"].parent_id = self.peers[1].employee_ids
        self.peers[1].groups_id = [
            Command.link(self.env.ref("hr_performance.group_hr_performance_manager").id)
        ]
        self.assertTrue(self.appraisal.with_user(self.peers[1]).has_access("read"))
        self.assertNotIn("HRP fine", self.summary_of(self.peers[1]))

    def test_an_officer_is_no_peer_and_never_reads_what_they_answered(self):
        """(a) An officer reads every appraisal: they cannot be asked for 360
        feedback; answered anyway (by the superuser), they do not read it."""
        rival = new_test_user(
            self.env, login="hrp_rival_officer", groups=OFFICER_GROUPS
        )
        self.env["hr.employee"].create({"name": "HRP rival", "user_id": rival.id})
        with self.assertRaises(ValidationError):
            self.env["hr.performance.review.request"].with_user(
                self.users["manager"]
            ).create({"appraisal_id": self.appraisal.id, "reviewer_id": rival.id})
        self.env["hr.performance.review.response"].sudo().create(
            {
                "appraisal_id": self.appraisal.id,
                "category": "peer",
                "author_id": rival.id,
                "state": "submitted",
            }
        )
        self.assertNotIn("HRP fine", self.summary_of(rival))

    def test_nobody_nominates_or_approves_themselves(self):
        officer = self.users["officer"]
        Request = self.env["hr.performance.review.request"].with_user(officer)
        with self.assertRaises(AccessError):
            Request.create(
                {"appraisal_id": self.appraisal.id, "reviewer_id": officer.id}
            )
        request = self.env["hr.performance.review.request"].create(
            {"appraisal_id": self.appraisal.id, "reviewer_id": self.peers[3].id}
        )
        with self.assertRaises(AccessError):
            request.with_user(self.peers[3]).action_approve()
        # as if nominated before becoming an officer (no constraint lets it happen)
        self.env.cr.execute(
            "UPDATE hr_performance_review_request SET reviewer_id = %s WHERE id = %s",
            [officer.id, request.id],
        )
        request.invalidate_recordset()
        with self.assertRaises(AccessError):
            request.with_user(officer).action_approve()

    def test_external_aliases_never_make_a_group_readable(self):
        """The employee nominates addresses of their own: external answers count
        for nothing towards the anonymity threshold."""
        appraisal = self.appraisal.sudo().copy(
            {"date_reference": date(2026, 6, 30), "review_state": "collecting"}
        )
        Request = self.env["hr.performance.review.request"]
        requests = Request.create(
            [
                {
                    "appraisal_id": appraisal.id,
                    "category": "external",
                    "partner_name": f"HRP alias {index}",
                    "email": f"hrp.alias+{index}@example.com",
                }
                for index in range(3)
            ]
        )
        requests.action_approve()
        for response in self.env["hr.performance.review.response"].search(
            [("request_id", "in", requests.ids)]
        ):
            response._submit_external(
                {a.id: (self.level[5].id, "HRP alias") for a in response.answer_ids}
            )
        appraisal._close_reviews()
        self.env.invalidate_all()
        summary = appraisal.with_user(self.users["employee"]).review_summary
        self.assertNotIn("HRP alias", summary)


@tagged("post_install", "-at_install", "access_rights")
class TestPrivateGoals(HrPerformanceReviewCase):
    """3. A private goal reaches nobody outside its owner and manager chain."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.private = cls.env["hr.performance.goal"].create(
            {
                "name": "HRP secret goal",
                "employee_id": cls.employees["employee"].id,
                "date_deadline": date(2026, 12, 31),
                "private": True,
                "state": "active",
                "key_result_ids": [Command.create({"name": "HRP secret result"})],
            }
        )

    def test_checkin_updates_of_private_goals_stay_in_the_chain(self):
        checkin = self.env["hr.performance.checkin"].create(
            {
                "employee_id": self.employees["employee"].id,
                "date": datetime(2026, 12, 1),
            }
        )
        self.env["hr.performance.checkin.update"].with_user(
            self.users["manager"]
        ).create(
            {
                "checkin_id": checkin.id,
                "key_result_id": self.private.key_result_ids.id,
                "value_after": 50,
            }
        )
        outsider = new_test_user(
            self.env, login="hrp_officer_outside", groups=OFFICER_GROUPS
        )
        Update = self.env["hr.performance.checkin.update"].with_user(outsider)
        self.assertTrue(Update.search([("checkin_id", "=", checkin.id)]) is not None)
        self.assertFalse(Update.search_read([("checkin_id", "=", checkin.id)]))
        self.assertFalse(
            Update.read_group(
                [("checkin_id", "=", checkin.id)], ["goal_id"], ["goal_id"]
            )
        )

    def test_onchange_tells_nothing_of_a_foreign_key_result(self):
        Update = self.env["hr.performance.checkin.update"].with_user(self.peers[0])
        with self.assertRaisesRegex(AccessError, "does not exist, or you may not"):
            Update.onchange(
                {"key_result_id": self.private.key_result_ids.id},
                ["key_result_id"],
                {"key_result_id": {}, "goal_id": {"fields": {"display_name": {}}}},
            )

    def test_no_public_record_links_a_private_goal(self):
        feedback = self.env["hr.performance.feedback"].with_user(self.users["manager"])
        for visibility in ("public", "manager"):
            with (
                self.subTest(visibility=visibility),
                self.assertRaises(ValidationError),
            ):
                feedback.create(
                    {
                        "kind": "praise",
                        "employee_id": self.employees["employee"].id,
                        "body": "<p>HRP well done</p>",
                        "goal_id": self.private.id,
                        "visibility": visibility,
                    }
                )
        with self.assertRaises(ValidationError):
            self.env["hr.performance.goal"].create(
                {
                    "name": "HRP public child",
                    "employee_id": self.employees["employee"].id,
                    "date_deadline": date(2026, 12, 31),
                    "parent_id": self.private.id,
                }
            )

    def test_a_public_parent_never_shows_a_private_childs_progress(self):
        parent = self.env["hr.performance.goal"].create(
            {
                "name": "HRP company objective",
                "scope": "company",
                "date_deadline": date(2026, 12, 31),
                "progress_mode": "children",
            }
        )
        child = self.env["hr.performance.goal"].create(
            {
                "name": "HRP private contribution",
                "employee_id": self.employees["employee"].id,
                "date_deadline": date(2026, 12, 31),
                "progress_mode": "manual",
                "private": True,
                "parent_id": parent.id,
            }
        )
        child.progress = 80
        self.assertEqual(parent.progress, 0)

    def test_a_department_manager_outside_the_chain_has_no_private_goal(self):
        rival = new_test_user(self.env, login="hrp_dept_head", groups=MANAGER_GROUPS)
        head = self.env["hr.employee"].create({"name": "HRP head", "user_id": rival.id})
        department = self.env["hr.department"].create(
            {"name": "HRP department", "manager_id": head.id}
        )
        self.employees["employee"].department_id = department
        self.employees["employee"].parent_id = self.employees["manager"]
        self.private.sudo().department_id = department
        goal = self.private.with_user(rival)
        self.assertFalse(goal.has_access("read"))
        with self.assertRaises(AccessError):
            goal.write({"name": "HRP rewritten"})

    def test_private_goals_stay_out_of_appraisals(self):
        lines = self.appraisal.sudo().assessment_ids.line_ids
        self.assertNotIn(self.private, lines.goal_id)
        self.appraisal.sudo()._create_assessments()
        extra = new_test_user(
            self.env, login="hrp_extra_appraiser", groups=MANAGER_GROUPS
        )
        self.appraisal.with_user(self.users["officer"]).appraiser_ids = [
            Command.link(extra.id)
        ]
        assessment = self.appraisal.sudo().assessment_ids.filtered(
            lambda a: a.author_id == extra
        )
        self.assertTrue(assessment)
        self.assertNotIn(self.private, assessment.line_ids.goal_id)


@tagged("post_install", "-at_install", "access_rights")
class TestNotesAndCheckins(HrPerformanceReviewCase):
    """4. A check-in keeps its employee; a note its author and its readers."""

    def test_a_checkin_never_moves(self):
        officer = self.users["officer"]
        report = self.env["hr.employee"].create(
            {"name": "HRP officer's report", "parent_id": self.employees["officer"].id}
        )
        checkin = self.env["hr.performance.checkin"].create(
            {
                "employee_id": self.employees["employee"].id,
                "date": datetime(2026, 12, 1),
            }
        )
        with self.assertRaises(AccessError):
            checkin.with_user(officer).write({"employee_id": report.id})
        self.assertEqual(checkin.employee_id, self.employees["employee"])

    def test_note_authors_and_readers_are_the_servers(self):
        checkin = self.env["hr.performance.checkin"].create(
            {
                "employee_id": self.employees["employee"].id,
                "date": datetime(2026, 12, 1),
            }
        )
        Note = self.env["hr.performance.checkin.note"].with_user(self.users["officer"])
        note = Note.create(
            {
                "checkin_id": checkin.id,
                "body": "<p>HRP note</p>",
                "author_id": self.users["manager"].id,
                "reader_ids": [Command.set(self.peers[0].ids)],
            }
        )
        self.assertEqual(note.author_id, self.users["officer"])
        self.assertNotIn(self.peers[0], note.sudo().reader_ids)
        with self.assertRaises(AccessError):
            note.write({"author_id": self.users["manager"].id})
        # another manager of the chain neither rewrites nor deletes it
        other = note.with_user(self.users["manager"])
        self.assertTrue(other.has_access("read"))
        with self.assertRaises(AccessError):
            other.write({"body": "<p>HRP rewritten</p>"})
        with self.assertRaises(UserError):
            other.unlink()

    def test_a_reorganisation_hands_no_note_over(self):
        rival = new_test_user(self.env, login="hrp_new_boss", groups=MANAGER_GROUPS)
        boss = self.env["hr.employee"].create(
            {"name": "HRP new boss", "user_id": rival.id}
        )
        note = (
            self.env["hr.performance.appraisal.note"]
            .with_user(self.users["manager"])
            .create({"appraisal_id": self.appraisal.id, "body": "<p>HRP before</p>"})
        )
        self.employees["employee"].parent_id = boss
        self.assertFalse(note.with_user(rival).has_access("read"))
        self.assertTrue(note.with_user(self.users["manager"]).has_access("read"))

    def test_the_meeting_manager_is_the_employees_manager(self):
        outsider = new_test_user(self.env, login="hrp_outsider")
        checkin = (
            self.env["hr.performance.checkin"]
            .with_user(self.users["employee"])
            .create(
                {
                    "employee_id": self.employees["employee"].id,
                    "date": datetime(2026, 11, 1),
                    "manager_user_id": outsider.id,
                }
            )
        )
        self.assertEqual(checkin.manager_user_id, self.users["manager"])
        # the nudge cron goes on whatever a 1:1 says
        checkin.sudo().manager_user_id = outsider
        self.env["hr.performance.checkin"]._nudge_overdue()


@tagged("post_install", "-at_install", "access_rights")
class TestPayrollKnowsNoRating(HrPerformanceReviewCase):
    """5. Payroll reads what it pays, nothing that works back to a rating."""

    def test_payroll_reads_no_bonus_rule_nor_reason(self):
        payroll = self.users["payroll"]
        for model, field in (
            ("hr.performance.cycle", "bonus_target_percent"),
            ("hr.performance.rating.level", "bonus_multiplier"),
            ("hr.performance.reward", "reason"),
            ("hr.performance.reward", "budget_override_reason"),
        ):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.env[model].with_user(payroll).search_read([], [field], limit=1)


@tagged("post_install", "-at_install", "access_rights")
class TestEmployeesAppOfficers(HrPerformanceReviewCase):
    """6. An Employees-app officer with no performance role never becomes the
    employee, and cancels nobody's appraisal."""

    def test_relinking_an_employee_with_performance_records(self):
        hr_manager = self.users["hr_manager"]
        employee = self.employees["employee"].with_user(hr_manager)
        with self.assertRaises(AccessError):
            employee.write({"user_id": hr_manager.id})
        self.assertEqual(self.employees["employee"].user_id, self.users["employee"])
        # an employee without any performance record is linked freely
        fresh = self.env["hr.employee"].create({"name": "HRP newcomer"})
        newcomer = new_test_user(self.env, login="hrp_newcomer")
        fresh.with_user(hr_manager).write({"user_id": newcomer.id})
        # a performance administrator (who edits employees) may, and it is logged
        successor = new_test_user(self.env, login="hrp_successor")
        self.users["admin"].groups_id = [
            Command.link(self.env.ref("hr.group_hr_user").id)
        ]
        self.employees["employee"].with_user(self.users["admin"]).write(
            {"user_id": successor.id}
        )
        self.assertIn(
            "performance records",
            self.employees["employee"].message_ids[:1].body,
        )

    def test_archiving_in_the_employees_app_cancels_no_appraisal(self):
        employee = self.employees["employee"].with_user(self.users["hr_manager"])
        employee.action_archive()
        employee.action_unarchive()
        self.assertEqual(self.appraisal.state, "self_review")


@tagged("post_install", "-at_install", "access_rights")
class TestStatesMoveThroughTheirSteps(HrPerformanceReviewCase):
    """7 and the attack's class A: neither a write nor a create skips a step."""

    def test_direct_writes_of_states(self):
        goal = (
            self.env["hr.performance.goal"]
            .with_user(self.users["employee"])
            .create(
                {
                    "name": "HRP own",
                    "employee_id": self.employees["employee"].id,
                    "date_deadline": date(2026, 12, 31),
                }
            )
        )
        pip = (
            self.env["hr.performance.pip"]
            .with_user(self.users["manager"])
            .create(
                {
                    "employee_id": self.employees["employee"].id,
                    "date_review": date(2027, 3, 1),
                }
            )
        )
        pip.action_start()
        cycle = self.cycle.copy({"name": "HRP draft cycle"})
        for record, state in (
            (goal, "done"),
            (pip, "closed"),
            (cycle.with_user(self.users["officer"]), "closed"),
        ):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.write({"state": state})
        with self.assertRaises(UserError):
            pip.action_close()  # no outcome

    def test_creating_in_a_later_state_or_with_the_servers_fields(self):
        manager = self.users["manager"]
        with self.assertRaises(AccessError):
            self.env["hr.performance.reward"].with_user(manager).create(
                {
                    "employee_id": self.employees["employee"].id,
                    "kind": "bonus",
                    "amount": 50000,
                    "effective_date": date(2026, 12, 31),
                    "state": "approved",
                }
            )
        reward = (
            self.env["hr.performance.reward"]
            .with_user(manager)
            .create(
                {
                    "employee_id": self.employees["employee"].id,
                    "kind": "bonus",
                    "amount": 500,
                    "effective_date": date(2026, 12, 31),
                    "approved_by_id": self.users["admin"].id,
                    "proposed_by_id": self.users["admin"].id,
                }
            )
        )
        self.assertFalse(reward.sudo().approved_by_id)
        self.assertFalse(reward.sudo().proposed_by_id)
        for model, vals in (
            (
                "hr.performance.goal",
                {
                    "name": "HRP done",
                    "employee_id": self.employees["employee"].id,
                    "date_deadline": date(2026, 12, 31),
                    "state": "done",
                },
            ),
            (
                "hr.performance.checkin",
                {"employee_id": self.employees["employee"].id, "state": "done"},
            ),
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.users["employee"]).create(vals)

    def test_an_officer_creates_no_appraisal_of_their_own(self):
        officer = self.users["officer"]
        Appraisal = self.env["hr.performance.appraisal"].with_user(officer)
        with self.assertRaises(AccessError):
            Appraisal.create(
                {
                    "cycle_id": self.cycle.id,
                    "employee_id": self.employees["officer"].id,
                    "date_reference": date(2026, 6, 30),
                }
            )
        with self.assertRaises(AccessError):
            Appraisal.create(
                {
                    "cycle_id": self.cycle.id,
                    "employee_id": self.employees["payroll"].id,
                    "released": True,
                    "state": "done",
                }
            )
        # the manager of an appraisal is the employee's
        appraisal = Appraisal.create(
            {
                "cycle_id": self.cycle.id,
                "employee_id": self.employees["payroll"].id,
                "manager_id": self.employees["officer"].id,
            }
        )
        self.assertFalse(appraisal.manager_id)
        self.assertFalse(appraisal.sudo().assessment_ids.filtered("is_lead"))

    def test_calibration_lines_come_from_the_session(self):
        officer = self.users["officer"]
        session = (
            self.env["hr.performance.calibration"]
            .with_user(officer)
            .create({"name": "HRP session", "cycle_id": self.cycle.id})
        )
        self.assertEqual(session.state, "draft")
        with self.assertRaises(AccessError):
            self.env["hr.performance.calibration.line"].with_user(officer).create(
                {
                    "session_id": session.id,
                    "appraisal_id": self.appraisal.id,
                    "level_id": self.level[1].id,
                }
            )

    def test_a_reward_does_not_move_to_its_writer(self):
        officer = self.users["officer"]
        reward = (
            self.env["hr.performance.reward"]
            .with_user(officer)
            .create(
                {
                    "employee_id": self.employees["employee"].id,
                    "kind": "bonus",
                    "amount": 9999,
                    "effective_date": date(2026, 12, 31),
                }
            )
        )
        with self.assertRaises(AccessError):
            reward.write({"employee_id": self.employees["officer"].id})

    def test_links_to_unreadable_records_are_refused(self):
        """A plan or a topic never points at a record its writer cannot read."""
        rival = new_test_user(self.env, login="hrp_rival_mgr", groups=MANAGER_GROUPS)
        rival_emp = self.env["hr.employee"].create(
            {"name": "HRP R", "user_id": rival.id}
        )
        report = self.env["hr.employee"].create(
            {"name": "HRP rival report", "parent_id": rival_emp.id}
        )
        with self.assertRaises(AccessError):
            self.env["hr.performance.pip"].with_user(rival).create(
                {
                    "employee_id": report.id,
                    "appraisal_id": self.appraisal.id,
                    "date_review": date(2027, 3, 1),
                }
            )


@tagged("post_install", "-at_install", "access_rights")
class TestLesserLeaks(HrPerformanceReviewCase):
    """8. Followers, the cycle summary, onchange, and the existence oracle."""

    def test_followers_of_performance_records_are_ones_own(self):
        Followers = self.env["mail.followers"].with_user(self.peers[0])
        self.assertTrue(
            self.env["mail.followers"]
            .sudo()
            .search_count([("res_model", "=like", "hr.performance.%")])
        )
        self.assertFalse(Followers.search([("res_model", "=like", "hr.performance.%")]))

    def test_the_cycle_summary_is_for_officers(self):
        report = self.env["ir.actions.report"]
        with self.assertRaises(AccessError):
            report.with_user(self.users["manager"])._render_qweb_html(
                "hr_performance.report_cycle", self.cycle.ids
            )

    def test_onchange_reveals_no_appraisal(self):
        Note = self.env["hr.performance.appraisal.note"].with_user(self.peers[0])
        with self.assertRaises(AccessError):
            Note.onchange(
                {"appraisal_id": self.appraisal.id},
                ["appraisal_id"],
                {"appraisal_id": {}, "employee_id": {"fields": {"display_name": {}}}},
            )

    def test_missing_and_unreadable_records_answer_alike(self):
        missing = self.appraisal.browse(10**9)
        errors = []
        for record in (missing, self.appraisal):
            with self.assertRaises(AccessError) as caught:
                record.with_user(self.peers[0]).action_release()
            errors.append(str(caught.exception))
        self.assertEqual(errors[0], errors[1])


@tagged("post_install", "-at_install", "access_rights")
class TestAggregatesOfHiddenRows(HrPerformanceReviewCase):
    """The attack's class B: no figure a reader reads depends on rows they may not
    read (subtracting the visible rows would give the hidden one)."""

    def test_an_officer_never_works_out_their_own_rating(self):
        officer = new_test_user(
            self.env, login="hrp_rated_officer", groups=OFFICER_GROUPS
        )
        rated = self.env["hr.employee"].create(
            {
                "name": "HRP rated officer",
                "user_id": officer.id,
                "parent_id": self.employees["manager"].id,
            }
        )
        self.employees["payroll"].parent_id = self.employees["officer"]
        theirs, elsewhere = self.env["hr.performance.appraisal"].create(
            [
                {
                    "cycle_id": self.cycle.id,
                    "employee_id": rated.id,
                    "manager_id": self.employees["manager"].id,
                },
                {
                    "cycle_id": self.cycle.id,
                    "employee_id": self.employees["payroll"].id,
                    "manager_id": self.employees["officer"].id,
                },
            ]
        )
        leads = (self.appraisal | theirs | elsewhere).assessment_ids.filtered("is_lead")
        for appraisal, value in ((self.appraisal, 4), (elsewhere, 2)):
            lead = leads.filtered(lambda a, ap=appraisal: a.appraisal_id == ap)
            lead.final_level_id = self.level[value]
        own = leads.filtered(lambda a: a.appraisal_id == theirs)
        self.assertEqual(len(leads), 3)
        Report = self.env["hr.performance.report.rating"].with_user(officer)

        def seen():
            self.env.flush_all()
            self.env.invalidate_all()
            return Report.search_read(
                [("cycle_id", "=", self.cycle.id)], ["leniency", "manager_rated"]
            )

        own.final_level_id = self.level[1]
        low = seen()
        own.final_level_id = self.level[5]
        self.assertEqual(seen(), low)
        self.assertNotIn(theirs.id, [row["id"] for row in low])
        # the manager's count of ratings is that of the rows the officer reads
        mine = [row for row in low if row["id"] == self.appraisal.id]
        self.assertEqual(mine[0]["manager_rated"], 1)

    def test_a_manager_never_works_out_their_own_reward_from_the_budget(self):
        manager = self.employees["manager"]
        department = self.env["hr.department"].create(
            {"name": "HRP budget department", "manager_id": manager.id}
        )
        (manager | self.employees["employee"]).write({"department_id": department.id})
        self.employees["employee"].parent_id = manager
        manager.parent_id = self.employees["officer"]
        budget = self.env["hr.performance.reward.budget"].create(
            {"cycle_id": self.cycle.id, "department_id": department.id, "amount": 1e6}
        )
        Reward = self.env["hr.performance.reward"]
        common = {
            "cycle_id": self.cycle.id,
            "kind": "bonus",
            "state": "proposed",
            "effective_date": date(2027, 1, 1),
        }
        Reward.create(
            [
                {**common, "employee_id": manager.id, "amount": 5400},
                {**common, "employee_id": self.employees["employee"].id, "amount": 100},
            ]
        )
        self.env.invalidate_all()
        self.assertEqual(budget.with_user(self.users["manager"]).proposed, 100)
        self.assertEqual(budget.with_user(self.users["officer"]).proposed, 5500)
