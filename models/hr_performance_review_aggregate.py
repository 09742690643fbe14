# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The 360 summary: aggregates only, and only above the anonymity threshold.

Nobody but its author reads a 360 response (record rules). The summary is computed
here with superuser rights and gives away nothing that could name an author:

* nothing at all while the appraisal still collects answers (no running averages to
  subtract from each other) or for a category below the template's threshold;
* small categories may be pooled into "Others", shown once the pool reaches it;
* per question: the count, the mean and the distribution over the scale's levels;
* comments without author, in an order that follows neither the submission order nor
  the reviewers (sorted by a keyed hash of their text);
* only answers of colleagues (internal users, whom the server knows) count towards
  the threshold: an e-mail address proves nobody's identity, and an external
  reviewer may be the employee or their manager under another address. External
  answers show only pooled with at least the threshold of colleagues' answers.
"""

import hashlib
import hmac

from markupsafe import Markup, escape

OTHERS = "others"


def category_labels(env):
    Request = env["hr.performance.review.request"]
    labels = dict(Request._fields["category"]._description_selection(env))
    labels[OTHERS] = env._("Others")
    return labels


def known(records, author):
    """How many of ``records`` (responses, or answers through ``author``) were
    written by colleagues: the answers that count towards the threshold."""
    return len(records.filtered(lambda record: author(record)))


def rules_of(appraisal):
    """(threshold, pooling) the 360 feedback was closed with (the template's,
    while it is open)."""
    if appraisal.review_state == "closed" and appraisal.review_threshold:
        return appraisal.review_threshold, appraisal.review_merge
    template = appraisal.template_id
    return template.anonymity_threshold, template.merge_small_categories


def groups_of(appraisal, responses):
    """{category: responses} of the categories shown, pooled as the template says."""
    threshold, merge = rules_of(appraisal)
    by_category = responses.grouped("category")
    shown = {
        cat: resp
        for cat, resp in by_category.items()
        if known(resp, lambda r: r.author_id) >= threshold
    }
    small = responses.browse().union(
        *(resp for cat, resp in by_category.items() if cat not in shown)
    )
    if merge and known(small, lambda r: r.author_id) >= threshold:
        shown[OTHERS] = small
    return shown


def aggregate(appraisal):
    """[{category, label, count, questions: [{question, count, mean, distribution,
    comments}]}] for the categories shown; [] while the 360 still collects."""
    if appraisal.review_state != "closed" or not appraisal.id:
        return []
    env = appraisal.env
    responses = (
        env["hr.performance.review.response"]
        # sudo: the 360 answers: only their aggregate above the threshold leaves here
        .sudo()
        .search([("appraisal_id", "=", appraisal.id), ("state", "=", "submitted")])
    )
    labels = category_labels(env)
    threshold = rules_of(appraisal)[0]
    # sudo: the database secret keys the order of the comments
    secret = env["ir.config_parameter"].sudo().get_param("database.secret", "")
    result = []
    for category, group in sorted(groups_of(appraisal, responses).items()):
        questions = []
        for question, answers in group.answer_ids.grouped("question_id").items():
            rated = answers.filtered("level_id")
            if known(rated, lambda a: a.response_id.author_id) < threshold:
                rated = (
                    rated.browse()
                )  # one or two ratings of a question name their authors
            levels = question.template_id.rating_scale_id.level_ids
            commented = answers.filtered("comment")
            comments = commented.mapped("comment")
            if known(commented, lambda a: a.response_id.author_id) < threshold:
                comments = []
            questions.append(
                {
                    "question": question.name,
                    "count": len(rated),
                    "mean": sum(rated.mapped("rating")) / len(rated) if rated else 0.0,
                    "distribution": [
                        (
                            level.label,
                            len(rated.filtered(lambda a, lv=level: a.level_id == lv)),
                        )
                        for level in levels
                    ]
                    if rated
                    else [],
                    "comments": sorted(
                        comments,
                        key=lambda text: hmac.new(
                            secret.encode(), text.encode(), hashlib.sha256
                        ).hexdigest(),
                    ),
                }
            )
        result.append(
            {
                "category": category,
                "label": labels[category],
                "count": len(group),
                "questions": questions,
            }
        )
    return result


def aggregate_html(appraisal, reviewer=False):
    """The summary as HTML for the appraisal form; escapes every answer. Nothing
    for a ``reviewer`` of the appraisal: their own answers would single out the
    others'."""
    env = appraisal.env
    if reviewer:
        return Markup("<p class='text-muted'>%s</p>") % env._(
            "You gave or were asked for 360 feedback on this appraisal, so its "
            "summary is not shown to you."
        )
    if appraisal.review_state != "closed":
        return Markup("<p class='text-muted'>%s</p>") % env._(
            "The 360 summary appears when the feedback is closed."
        )
    groups = aggregate(appraisal)
    if not groups:
        return Markup("<p class='text-muted'>%s</p>") % env._(
            "Not enough answers to show anything without naming their authors "
            "(at least %(threshold)s per category).",
            threshold=rules_of(appraisal)[0],
        )
    parts = []
    for group in groups:
        parts.append(
            Markup("<h4>%s <small class='text-muted'>(%s)</small></h4>")
            % (group["label"], env._("%(count)s answers", count=group["count"]))
        )
        for question in group["questions"]:
            parts.append(
                Markup("<p class='mb-1'><strong>%s</strong></p>") % question["question"]
            )
            if question["count"]:
                spread = ", ".join(
                    f"{label}: {count}" for label, count in question["distribution"]
                )
                parts.append(
                    Markup("<p class='mb-1'>%s</p>")
                    % env._(
                        "Average %(mean).2f (%(spread)s)",
                        mean=question["mean"],
                        spread=spread,
                    )
                )
            if question["comments"]:
                parts.append(
                    Markup("<ul>%s</ul>")
                    % Markup().join(
                        Markup("<li>%s</li>") % escape(text)
                        for text in question["comments"]
                    )
                )
    return Markup().join(parts)
