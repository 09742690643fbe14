# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# above this many rows, an officer's mass action runs as a background job
THRESHOLD_PARAM = "hr_performance.job_threshold"
CHUNK_PARAM = "hr_performance.job_chunk"
THRESHOLD, CHUNK = 10000, 1000


class HrPerformanceJob(models.Model):
    """A mass action of a cycle run in chunks by a cron, for big companies.

    Above ``hr_performance.job_threshold`` rows (10,000 by default) a launch or a
    batch approval of rewards does not run in the officer's request: the caller is
    checked there, then the ids left to process are kept here and Odoo's cron
    (``_trigger``) processes ``hr_performance.job_chunk`` of them (1,000 by default)
    per transaction, telling its progress with ``ir.cron._notify_progress``. A chunk
    and the ids it removes from the job are committed together: a crash rolls both
    back and the next run does the chunk again, never twice. The cycle shows the
    progress, and a message when the job is done.
    """

    _name = "hr.performance.job"
    _description = "Performance Background Job"
    _inherit = ["hr.performance.guard"]
    _order = "id"

    cycle_id = fields.Many2one(
        "hr.performance.cycle", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="cycle_id.company_id", store=True)
    operation = fields.Selection(
        [
            ("launch", "Launch"),
            ("approve_reviews", "Invite 360 Reviewers"),
            ("generate_rewards", "Propose Rewards"),
            ("approve_rewards", "Approve Rewards"),
        ],
        required=True,
        readonly=True,
    )
    # who started it: each chunk runs as them, their rights checked again
    user_id = fields.Many2one("res.users", required=True, readonly=True)
    state = fields.Selection(
        [("queued", "Queued"), ("done", "Done"), ("failed", "Failed")],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    todo_ids = fields.Json(readonly=True, help="The ids left to process.")
    total = fields.Integer(readonly=True)
    done = fields.Integer(readonly=True)
    error = fields.Text(readonly=True)

    @api.model
    def _threshold(self):
        # sudo: the addon's own setting, read for any caller
        value = self.env["ir.config_parameter"].sudo().get_param(THRESHOLD_PARAM)
        return int(value or THRESHOLD)

    @api.model
    def _chunk(self):
        # sudo: the addon's own setting, read for any caller
        value = self.env["ir.config_parameter"].sudo().get_param(CHUNK_PARAM)
        return max(int(value or CHUNK), 1)

    @api.model
    def _enqueue(self, cycle, operation, ids):
        """Queue ``operation`` on ``ids`` of ``cycle`` for a caller checked already,
        and wake the cron up."""
        # sudo: the job of a caller checked for the operation
        job = self.sudo().create(
            {
                "cycle_id": cycle.id,
                "operation": operation,
                "user_id": self.env.uid,
                "todo_ids": list(ids),
                "total": len(ids),
            }
        )
        cron = self.env.ref("hr_performance.ir_cron_hr_performance_job")
        cron.sudo()._trigger()  # sudo: waking the addon's cron up, for a checked caller
        return job

    @api.model
    def _cron_run(self):
        """One chunk of the oldest queued job per call: Odoo's cron commits it and
        calls again while ``_notify_progress`` says something is left."""
        # sudo: the cron reads the queue
        job = self.sudo().search([("state", "=", "queued")], limit=1)
        if not job:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return
        done = job._run_chunk()
        # sudo: what is left in the queue, for the cron's progress
        queued = self.sudo().search([("state", "=", "queued")])
        remaining = sum(len(queued_job.todo_ids or []) for queued_job in queued)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _run_chunk(self):
        """Process the next chunk of this job; returns how many rows were done."""
        self.ensure_one()
        size = self._chunk()
        todo = list(self.todo_ids or [])
        chunk, left = todo[:size], todo[size:]
        runner = getattr(self, f"_run_{self.operation}")
        runner(chunk)
        vals = {"todo_ids": left, "done": self.done + len(chunk)}
        if not left:
            vals["state"] = "done"
        self.write(vals)
        if not left:
            self._tell_done()
        return len(chunk)

    def _tell_done(self):
        operations = dict(self._fields["operation"]._description_selection(self.env))
        # sudo: the cycle's note of a job its officer started
        self.cycle_id._hrp_sudo().message_post(
            body=self.env._(
                "%(operation)s done in the background: %(count)s records, started by "
                "%(user)s.",
                operation=operations[self.operation],
                count=self.total,
                user=self.user_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _run_launch(self, ids):
        """Appraisals for the employees of ``ids`` that have none in the cycle yet."""
        cycle = self.cycle_id.with_user(self.user_id)._hrp_sudo()
        existing = set(
            self.env["hr.performance.appraisal"]
            # sudo: the cycle's appraisals, not to create one twice
            .sudo()
            .search([("cycle_id", "=", cycle.id), ("employee_id", "in", ids)])
            .employee_id.ids
        )
        employees = self.env["hr.employee"].browse(
            [i for i in ids if i not in existing]
        )
        # sudo: the employees of a launch its officer was checked for
        cycle._create_appraisals(
            [(employee, cycle.date_end) for employee in employees.sudo()]
        )

    def _run_approve_rewards(self, ids):
        """Approve, as the approver, those of ``ids`` still proposed."""
        rewards = (
            self.env["hr.performance.reward"]
            .with_user(self.user_id)
            .browse(ids)
            # sudo: which are still proposed: a chunk done again skips the approved
            .sudo()
            .filtered(lambda r: r.state == "proposed")
        )
        if rewards:
            rewards.with_user(self.user_id).with_context(
                hr_performance_job=True
            ).action_approve()

    def _run_generate_rewards(self, ids):
        """Reward proposals of the appraisals of ``ids``; employees who have one of
        a kind already are skipped, so a chunk done again proposes nothing twice."""
        # sudo: the appraisals of a cycle its officer was checked for
        appraisals = self.env["hr.performance.appraisal"].sudo().browse(ids).exists()
        self.cycle_id._hrp_sudo()._create_rewards(appraisals)

    def _run_approve_reviews(self, ids):
        """Invite, as the approver, the reviewers of ``ids`` still proposed."""
        requests = (
            self.env["hr.performance.review.request"]
            .browse(ids)
            # sudo: which are still proposed: a chunk done again skips the invited
            .sudo()
            .filtered(lambda r: r.state == "proposed")
        )
        if requests:
            requests.with_user(self.user_id).with_context(
                hr_performance_job=True
            ).action_approve()
