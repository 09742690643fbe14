# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request


class HrPerformanceReviewController(http.Controller):
    """External 360 reviewers answer through their personal link.

    The link opens one draft response and nothing else: an unknown, used, expired
    or closed link gets the same page, which says nothing about why.
    """

    def _response(self, token):
        return request.env["hr.performance.review.response"]._get_by_token(token)

    @http.route(
        "/performance/review/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def review_form(self, token, **kwargs):
        response = self._response(token)
        if not response:
            return request.render("hr_performance.review_link_invalid", status=404)
        return self._render_form(response, token)

    def _render_form(self, response, token, error=None):
        return request.render(
            "hr_performance.review_form",
            {
                "response": response,
                "employee_name": response.employee_id.name,
                "token": token,
                "levels": response.appraisal_id.template_id.rating_scale_id.level_ids,
                "error": error,
            },
        )

    @http.route(
        "/performance/review/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
    )
    def review_submit(self, token, **post):
        response = self._response(token)
        if not response:
            return request.render("hr_performance.review_link_invalid", status=404)
        answers = {}
        for answer in response.answer_ids:
            level = post.get(f"level_{answer.id}") or ""
            answers[answer.id] = (
                int(level) if level.isdigit() else False,
                post.get(f"comment_{answer.id}", ""),
            )
        try:
            response._submit_external(answers)
        except UserError as error:
            request.env.cr.rollback()
            return self._render_form(self._response(token), token, error.args[0])
        return request.render("hr_performance.review_thanks")
