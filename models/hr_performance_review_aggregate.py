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
    """[{category, label, count, questions: [{question_id, question, answer_type,
    count, mean, distribution, comments}]}] for the categories shown; [] while the
    360 still collects."""
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
                    "question_id": question.id,
                    "question": question._wording("review"),
                    "answer_type": question.answer_type,
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


def by_question(appraisal, groups, marks=None):
    """The shown categories side by side, question by question, in the order of
    the template: [{question, answer_type, levels: [{value, label, cells: [{count,
    percent}], self, manager}], means: [mean or None], counts, comments: [(label,
    comments)]}]. ``marks`` ({question id: {"self": level, "manager": level}}) are
    the self and manager ratings the reader may read."""
    marks = marks or {}
    # the questions answered, in the template's order, as they were asked
    asked = {q["question_id"] for group in groups for q in group["questions"]}
    questions = (
        appraisal.env["hr.performance.template.question"]
        # sudo: the template's questions, configuration
        .sudo()
        .browse(sorted(asked))
        .sorted(lambda q: (q.section_id.sequence, q.section_id.id, q.sequence, q.id))
    )
    levels = appraisal.template_id.rating_scale_id.level_ids
    rows = []
    for question in questions:
        per_group = [
            next(
                (q for q in group["questions"] if q["question_id"] == question.id), None
            )
            for group in groups
        ]
        if not any(per_group):
            continue
        mark = marks.get(question.id, {})
        level_rows = []
        if question.answer_type == "rating":
            for index, level in enumerate(levels):
                cells = []
                for answers in per_group:
                    count = (
                        answers["distribution"][index][1]
                        if answers and answers["distribution"]
                        else None
                    )
                    cells.append(
                        {
                            "count": count,
                            "percent": round(100.0 * count / answers["count"])
                            if count is not None and answers["count"]
                            else 0,
                        }
                    )
                level_rows.append(
                    {
                        "value": level.value,
                        "label": level.label,
                        "cells": cells,
                        "self": mark.get("self") == level,
                        "manager": mark.get("manager") == level,
                    }
                )
        rows.append(
            {
                "question": question._wording("review"),
                "answer_type": question.answer_type,
                "levels": level_rows,
                "means": [
                    answers["mean"] if answers and answers["count"] else None
                    for answers in per_group
                ],
                "counts": [answers["count"] if answers else 0 for answers in per_group],
                "comments": [
                    (group["label"], answers["comments"])
                    for group, answers in zip(groups, per_group, strict=True)
                    if answers and answers["comments"]
                ],
            }
        )
    return rows


def aggregate_html(appraisal, reviewer=False, marks=None):
    """The summary as HTML, for the appraisal form, the manager's review and the
    PDF: per question, a bar per level for each category shown, with the self and
    manager ratings the reader may read marked. QWeb escapes every answer. Nothing
    for a ``reviewer`` of the appraisal: their own answers would single out the
    others'."""
    env = appraisal.env
    values = {"appraisal": appraisal, "message": False, "groups": [], "rows": []}
    if reviewer:
        values["message"] = env._(
            "You gave or were asked for 360 feedback on this appraisal, so its "
            "summary is not shown to you."
        )
    elif appraisal.review_state != "closed":
        values["message"] = env._(
            "The 360 feedback is still being collected: its summary shows once it "
            "is closed, so that no running average can be taken apart."
        )
    else:
        groups = aggregate(appraisal)
        asked = (
            env["hr.performance.review.request"]
            # sudo: whether anyone was asked, never who
            .sudo()
            .search_count(
                [("appraisal_id", "=", appraisal.id), ("state", "=", "approved")]
            )
        )
        if not asked:
            values["message"] = env._("No 360 feedback was asked for.")
        elif not groups:
            values["message"] = env._(
                "Not enough answers to show anything without naming their authors "
                "(at least %(threshold)s per category).",
                threshold=rules_of(appraisal)[0],
            )
        values["groups"] = groups
        values["rows"] = by_question(appraisal, groups, marks)
    return env["ir.qweb"]._render("hr_performance.review_results", values)
