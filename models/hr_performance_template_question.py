# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# who answers an assessment or a 360 response: the employee, an appraiser, a reviewer
KINDS = ("self", "manager", "review")
AUDIENCES = [
    ("all", "Everyone"),
    ("self", "The employee"),
    ("manager", "The appraisers"),
    ("review", "The 360 reviewers"),
]


class HrPerformanceTemplateQuestion(models.Model):
    """A question of a review template: free text, a rating on the scale, or yes/no.

    A question is asked to an audience: everyone (the employee, the appraisers and,
    in a section asked in 360 feedback, the 360 reviewers), or one of them only. A
    question asked to everyone may read differently for the appraisers and the 360
    reviewers ("How much did the results of the employee move...") while staying
    one question, so that the answers of all can be compared.
    """

    _name = "hr.performance.template.question"
    _description = "Review Template Question"
    _inherit = ["hr.performance.guard"]
    _order = "section_id, sequence, id"

    section_id = fields.Many2one(
        "hr.performance.template.section",
        required=True,
        ondelete="cascade",
        index=True,
    )
    template_id = fields.Many2one(related="section_id.template_id", store=True)
    name = fields.Char("Question", required=True, translate=True)
    manager_name = fields.Char(
        "Asked to the Appraisers as",
        translate=True,
        help="How the question reads in the appraisers' assessments, e.g. \"Which "
        'result of the employee stands out?". Empty: as the question.',
    )
    review_name = fields.Char(
        "Asked to 360 Reviewers as",
        translate=True,
        help="How the question reads for the 360 reviewers. Empty: as asked to the "
        "appraisers.",
    )
    help = fields.Text("Guidance", translate=True)
    sequence = fields.Integer(default=10)
    audience = fields.Selection(
        AUDIENCES,
        "Asked To",
        required=True,
        default="all",
        help="Everyone: the employee, the appraisers and, when the section is asked "
        "in 360 feedback, the 360 reviewers. Otherwise only the audience chosen "
        "(a question for the 360 reviewers is asked to them in any section).",
    )
    answer_type = fields.Selection(
        [
            ("rating", "Rating on the scale"),
            ("text", "Free text"),
            ("yesno", "Yes / no"),
        ],
        required=True,
        default="rating",
    )
    weight = fields.Float(
        default=1.0, help="Weight among the rated questions of its section."
    )
    required = fields.Boolean(default=True)

    _sql_constraints = [
        ("weight_positive", "CHECK (weight > 0)", "A question's weight must be > 0."),
    ]

    def _asked_to(self, kind):
        """The questions among these that ``kind`` (self, manager, review) answers;
        360 reviewers answer ratings and texts only."""
        if kind == "review":
            return self.filtered(
                lambda q: q.answer_type in ("rating", "text")
                and (
                    q.audience == "review"
                    or q.audience == "all"
                    and q.section_id.in_review
                )
            )
        return self.filtered(lambda q: q.audience in ("all", kind))

    def _wording(self, kind):
        """The question as ``kind`` (self, manager, review) reads it."""
        self.ensure_one()
        if kind == "review":
            return self.review_name or self.manager_name or self.name
        if kind == "manager":
            return self.manager_name or self.name
        return self.name
