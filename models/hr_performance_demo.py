# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

ORDER = ["self_review", "manager_review", "calibration", "to_sign", "done"]
CALIBRATION = ORDER.index("calibration")


class HrPerformanceDemo(models.AbstractModel):
    """Moves the demo review cycle along, the way its people would have.

    Called by demo/hr_performance_cycle_demo.xml only: the assessments and 360
    responses it fills are created by the launch and have no XML ids. It uses the
    same methods as the buttons, as each author where the flow checks the author.
    """

    _name = "hr.performance.demo"
    _description = "Performance Demo Data"

    @api.model
    def _progress_cycle(self, cycle_id, plan, reviewers):
        """``plan``: {employee xmlid: target state}; ``reviewers``: {employee xmlid:
        [(user xmlid, category, rating or None for a draft)]}."""
        cycle = self.env["hr.performance.cycle"].browse(cycle_id)
        by_employee = {a.employee_id: a for a in cycle.appraisal_ids}
        for xmlid, answers in reviewers.items():
            self._give_360(by_employee[self.env.ref(xmlid)], answers)
        targets = [
            (by_employee[self.env.ref(xmlid)], target) for xmlid, target in plan.items()
        ]
        # those released went through a first calibration session, closed before
        # the others reached calibration (the cycle requires calibration)
        released = [(a, t) for a, t in targets if ORDER.index(t) > CALIBRATION]
        for appraisal, _target in released:
            self._advance(appraisal, "calibration")
        if released and cycle.calibration_required:
            self._calibrate(cycle, [appraisal for appraisal, _target in released])
        for appraisal, target in released:
            self._advance(appraisal, target)
        for appraisal, target in targets:
            if (appraisal, target) not in released:
                self._advance(appraisal, target)

    def _calibrate(self, cycle, appraisals):
        """A closed calibration session holding ``appraisals``."""
        session = self.env["hr.performance.calibration"].create(
            {
                "name": self.env._("R&D calibration, first round"),
                "cycle_id": cycle.id,
                "participant_ids": [
                    fields.Command.set(
                        self.env.ref("base.user_demo").ids
                        + self.env.ref("hr_performance.user_officer_demo").ids
                    )
                ],
            }
        )
        session.action_start()
        session.action_close()
        return session

    def _fill(self, assessment, rating):
        scale = assessment.rating_scale_id.level_ids
        level = scale.filtered(lambda lvl: lvl.value == rating)
        for line in assessment.line_ids:
            line.write(
                {
                    "rating": {"level_id": level.id},
                    "yesno": {"answer_yes": "yes"},
                    "text": {"comment": self.env._("Steady progress, well explained.")},
                }[line.answer_type]
            )

    def _give_360(self, appraisal, answers):
        Request = self.env["hr.performance.review.request"]
        requests = Request.create(
            [
                {
                    "appraisal_id": appraisal.id,
                    "category": category,
                    "reviewer_id": self.env.ref(user).id,
                }
                for user, category, _rating in answers
            ]
        )
        requests.action_approve()
        responses = self.env["hr.performance.review.response"].search(
            [("request_id", "in", requests.ids)], order="id"
        )
        comments = [
            self.env._("Explains complex topics patiently."),
            self.env._("Reviews come back fast and kind."),
            self.env._("Could share progress earlier."),
            self.env._("Takes ownership of incidents."),
        ]
        for index, (response, (_user, _category, rating)) in enumerate(
            zip(responses, answers, strict=True)
        ):
            if rating is None:
                continue
            rated = response.answer_ids.filtered(lambda a: a.answer_type == "rating")
            rated.write({"level_id": self._level(response, rating).id})
            (response.answer_ids - rated).write({"comment": comments[index % 4]})
            response._submit()

    def _level(self, response, rating):
        return response.appraisal_id.template_id.rating_scale_id.level_ids.filtered(
            lambda lvl: lvl.value == rating
        )

    def _advance(self, appraisal, target):
        steps = ORDER[ORDER.index(appraisal.state) + 1 : ORDER.index(target) + 1]
        for step in steps:
            if step == "manager_review":
                mine = appraisal.assessment_ids.filtered(lambda a: a.kind == "self")
                if mine:
                    self._fill(mine, 4)
                    mine.action_submit()
                else:
                    appraisal.action_skip_self_review()
                appraisal.action_close_review()
            elif step == "calibration":
                managers = appraisal.assessment_ids.filtered(
                    lambda a: a.kind == "manager"
                )
                self._fill(managers, 3)
                managers.action_submit()
            elif step == "to_sign":
                # released by the lead appraiser, whose sign-off it is
                lead = appraisal.assessment_ids.filtered("is_lead").author_id
                appraisal.with_user(lead or self.env.user).action_release(
                    self.env._("Thank you for this year: let us talk about what next.")
                )
            elif step == "done":
                appraisal.write(
                    {
                        "state": "done",
                        "date_signed": fields.Datetime.now(),
                        "signoff_comment": self.env._("Thanks, a fair summary."),
                    }
                )

    @api.model
    def _fill_merit_matrix(self, matrix_id, raises):
        """``raises``: {rating value: (below, within, above) raise %} on the default
        five-level scale."""
        scale = self.env.ref("hr_performance.rating_scale_five")
        levels = {level.value: level for level in scale.level_ids}
        self.env["hr.performance.merit.matrix.line"].create(
            [
                {
                    "matrix_id": matrix_id,
                    "level_id": levels[value].id,
                    "compa_band": band,
                    "raise_percent": percent,
                }
                for value, percents in raises.items()
                for band, percent in zip(
                    ("below", "within", "above"), percents, strict=True
                )
            ]
        )
