# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets of the officers' mass actions at 10 and at 100 (360 invitations),
and the mass actions of big companies as background jobs that resume after a crash."""

from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install", "performance")
class TestScale(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env["hr.performance.template"].create(
            {
                "name": "Scale 360",
                "section_ids": [
                    Command.create(
                        {
                            "name": "Impact",
                            "in_review": True,
                            "question_ids": [
                                Command.create({"name": "Delivers"}),
                                Command.create(
                                    {"name": "Comment", "answer_type": "text"}
                                ),
                            ],
                        }
                    )
                ],
            }
        )
        # five colleagues outside the team: they never read the appraisals
        cls.reviewers = cls.env["res.users"].union(
            *(new_test_user(cls.env, login=f"hrp_scale_peer_{i}") for i in range(5))
        )

    def _appraisals(self, size):
        employees = self.env["hr.employee"].create(
            [
                {"name": f"Scale {size}-{i}", "parent_id": self.employees["manager"].id}
                for i in range(size)
            ]
        )
        cycle = self.env["hr.performance.cycle"].create(
            {
                "name": f"Scale {size}",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "template_id": self.template.id,
                "employee_ids": [Command.set(employees.ids)],
            }
        )
        cycle.action_launch()
        return cycle.appraisal_ids

    def _invite(self, appraisals):
        officer = self.users["officer"]
        requests = (
            self.env["hr.performance.review.request"]
            .with_user(officer)
            .create(
                [
                    {
                        "appraisal_id": appraisal.id,
                        "category": "peer",
                        "reviewer_id": reviewer.id,
                    }
                    for appraisal in appraisals
                    for reviewer in self.reviewers
                ]
            )
        )
        requests.browse(requests.ids).action_approve()
        return requests

    def test_360_invitations_flat_for_10_and_100(self):
        """Nominating and inviting 5 reviewers for 100 appraisals costs what it costs
        for 10, but for Odoo's INSERT chunks of 100 rows (requests, responses,
        answers, mails): well under 0.1 query per request; the reviewers' access is
        checked once per reviewer, not per request."""
        warm, small, big = (self._appraisals(size) for size in (2, 10, 100))
        self._invite(warm)
        counts = [
            self._count_committed(lambda a=appraisals: self._invite(a))
            for appraisals in (small, big)
        ]
        self.assertLessEqual((counts[1] - counts[0]) / 450, 0.1, counts)
        self.assertLessEqual(counts[1] / 500, 0.3, counts)
        responses = self.env["hr.performance.review.response"].search(
            [("appraisal_id", "in", big.ids)]
        )
        self.assertEqual(len(responses), 500)
        self.assertEqual(set(responses.author_id), set(self.reviewers))


@tagged("post_install", "-at_install")
class TestBackgroundJobs(HrPerformanceCase):
    """Above the threshold (5 here, 10,000 by default) a launch and a batch approval
    run as a job of 3 rows per chunk (1,000 by default)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Params = cls.env["ir.config_parameter"]
        Params.set_param("hr_performance.job_threshold", 5)
        Params.set_param("hr_performance.job_chunk", 3)
        cls.Job = cls.env["hr.performance.job"]
        cls.team = cls.env["hr.employee"].create(
            [
                {"name": f"Job {i}", "parent_id": cls.employees["manager"].id}
                for i in range(8)
            ]
        )
        cls.cycle = cls.env["hr.performance.cycle"].create(
            {
                "name": "Big company",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "template_id": cls.env["hr.performance.template"]
                .create({"name": "Jobs"})
                .id,
                "employee_ids": [Command.set(cls.team.ids)],
            }
        )

    def _chunk(self):
        """One run of the cron, then what its commit does (the tracking notes)."""
        self.Job._cron_run()
        self.env.flush_all()
        self.cr.flush()

    def _crash_once(self, method):
        """Run the next chunk with ``method`` raising after its work: the chunk's
        transaction is rolled back, as Odoo's cron does."""
        original = getattr(self.registry["hr.performance.job"], method)

        def crash(job, ids):
            original(job, ids)
            raise RuntimeError("worker killed")

        with (
            patch.object(self.registry["hr.performance.job"], method, crash),
            self.assertRaises(RuntimeError),
        ):
            self.Job._cron_run()

    def _run_all(self):
        for _i in range(10):
            if not self.Job.search([("state", "=", "queued")]):
                return
            self._chunk()
        self.fail("the job never ends")

    def test_launch_in_chunks_resumes_after_a_crash(self):
        officer_cycle = self.cycle.with_user(self.users["officer"])
        officer_cycle.action_launch()
        job = self.Job.search([("cycle_id", "=", self.cycle.id)])
        self.assertEqual((job.operation, job.total, job.state), ("launch", 8, "queued"))
        self.assertEqual(self.cycle.state, "running")
        self.assertFalse(self.cycle.appraisal_ids, "nothing created in the request")
        self._chunk()
        self.assertEqual(len(self.cycle.appraisal_ids), 3)
        self.assertIn("3 of 8", officer_cycle.job_progress)
        self._crash_once("_run_launch")
        self.assertEqual(len(self.cycle.appraisal_ids), 3, "the crash left nothing")
        self.assertEqual(len(job.todo_ids), 5)
        self._run_all()
        self.assertEqual(job.state, "done")
        self.assertEqual(self.cycle.appraisal_ids.employee_id, self.team)
        self.assertEqual(len(self.cycle.appraisal_ids), 8, "no appraisal twice")
        self.assertFalse(officer_cycle.job_progress)
        # a chunk done again (its ids given back) creates nothing twice
        job.write({"state": "queued", "todo_ids": self.team.ids[:3]})
        self._run_all()
        self.assertEqual(len(self.cycle.appraisal_ids), 8)
        self.assertIn(
            "Launch done in the background",
            self.cycle.message_ids[:1].body + self.cycle.message_ids[1:2].body,
        )

    def test_approval_in_chunks_resumes_after_a_crash(self):
        officer = self.users["officer"]
        rewards = self.env["hr.performance.reward"].create(
            [
                {
                    "cycle_id": self.cycle.id,
                    "employee_id": employee.id,
                    "kind": "bonus",
                    "amount": 100,
                    "effective_date": date(2027, 1, 1),
                }
                for employee in self.team
            ]
        )
        rewards.write({"state": "proposed"})
        # committed: Odoo tracks nothing of records created in the same transaction
        self.env.flush_all()
        self.cr.flush()
        rewards.with_user(officer).action_approve()
        self.assertEqual(set(rewards.mapped("state")), {"proposed"})
        job = self.Job.search([("cycle_id", "=", self.cycle.id)])
        self.assertEqual((job.operation, job.user_id), ("approve_rewards", officer))
        self._chunk()
        self._crash_once("_run_approve_rewards")
        self.assertEqual(rewards.mapped("state").count("approved"), 3)
        self._run_all()
        self.assertEqual(set(rewards.mapped("state")), {"approved"})
        self.assertEqual(rewards.approved_by_id, officer, "approved as the approver")
        notes = self.env["mail.message"].search(
            [
                ("model", "=", rewards._name),
                ("res_id", "in", rewards.ids),
                ("tracking_value_ids.field_id.name", "=", "state"),
            ]
        )
        self.assertEqual(sorted(notes.mapped("res_id")), sorted(rewards.ids))
        self.assertIn("Approve Rewards done", self.cycle.message_ids[:1].body)

    def test_reward_proposals_in_chunks_resume_after_a_crash(self):
        level = self.env.ref("hr_performance.rating_scale_five").level_ids[2]
        job_position = self.env["hr.job"].create({"name": "Job Analyst"})
        self.env["hr.contract"].create(
            [
                {
                    "name": employee.name,
                    "employee_id": employee.id,
                    "job_id": job_position.id,
                    "wage": 2000,
                    "date_start": date(2025, 1, 1),
                    "state": "open",
                }
                for employee in self.team
            ]
        )
        appraisals = self.env["hr.performance.appraisal"].create(
            [
                {
                    "cycle_id": self.cycle.id,
                    "employee_id": employee.id,
                    "manager_id": employee.parent_id.id,
                    "state": "done",
                }
                for employee in self.team
            ]
        )
        appraisals.assessment_ids.filtered("is_lead").write(
            {"final_level_id": level.id, "state": "submitted"}
        )
        self.cycle.write({"state": "closed", "bonus_target_percent": 5})
        self.cycle.with_user(self.users["officer"]).action_generate_rewards()
        self.assertFalse(self.cycle.reward_ids, "nothing proposed in the request")
        self._chunk()
        self._crash_once("_run_generate_rewards")
        self.assertEqual(len(self.cycle.reward_ids), 3)
        self._run_all()
        self.assertEqual(len(self.cycle.reward_ids), 8, "one bonus each, never two")
        self.assertEqual(self.cycle.reward_ids.employee_id, self.team)
