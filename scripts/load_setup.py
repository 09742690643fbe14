# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# ruff: noqa: F821  (run by `odoo shell`, which provides `env`)
"""The soak's own population, made by scripts/load_test.py in an ``odoo shell``:
LOAD_SIZE employees with users under a manager, a launched cycle (their
self-assessments), two 360 reviewers each among them, and LOAD_REWARDS proposals
for each of LOAD_APPROVERS officers' clients. Committed; prints ``PLAN <json>``."""

import json
import os
import sys
from datetime import timedelta

from odoo import Command, fields

run = os.environ["LOAD_RUN"]
size = int(os.environ["LOAD_SIZE"])
rewards_each = int(os.environ["LOAD_REWARDS"])
approvers = int(os.environ["LOAD_APPROVERS"])
Users = env["res.users"].with_context(no_reset_password=True)
internal = env.ref("base.group_user").id


def user(login, *groups):
    return Users.create(
        {
            "name": login,
            "login": login,
            "password": login,
            "groups_id": [Command.set([internal, *(env.ref(g).id for g in groups)])],
        }
    )


manager_user = user(
    f"hrp_load_{run}_manager", "hr_performance.group_hr_performance_manager"
)
manager = env["hr.employee"].create(
    {"name": manager_user.name, "user_id": manager_user.id}
)
users = Users.union(*(user(f"hrp_load_{run}_{i}") for i in range(size)))
employees = env["hr.employee"].create(
    [{"name": u.name, "user_id": u.id, "parent_id": manager.id} for u in users]
)
question = {"name": "Comment", "answer_type": "text"}
template = env["hr.performance.template"].create(
    {
        "name": f"Load {run}",
        "section_ids": [
            Command.create(
                {
                    "name": "Impact",
                    "in_review": True,
                    "question_ids": [Command.create(question)],
                }
            )
        ],
    }
)
today = fields.Date.today()
cycle = env["hr.performance.cycle"].create(
    {
        "name": f"Load {run}",
        "date_start": today - timedelta(days=300),
        "date_end": today + timedelta(days=60),
        "deadline_self": today + timedelta(days=30),
        "deadline_peer": today + timedelta(days=30),
        "template_id": template.id,
        "employee_ids": [Command.set(employees.ids)],
    }
)
cycle.action_launch()
appraisals = cycle.appraisal_ids
position = {employee: i for i, employee in enumerate(employees)}
requests = env["hr.performance.review.request"].create(
    [
        {
            "appraisal_id": appraisal.id,
            "category": "peer",
            "reviewer_id": users[(position[appraisal.employee_id] + k) % size].id,
        }
        for appraisal in appraisals
        for k in (1, 2)
    ]
)
requests.action_approve()
responses = env["hr.performance.review.response"].search(
    [("appraisal_id", "in", appraisals.ids)]
)
rewards = env["hr.performance.reward"].create(
    [
        {
            "cycle_id": cycle.id,
            "employee_id": employees[i % size].id,
            "kind": "other",
            "description": f"load {run} {i}",
            "effective_date": today,
        }
        for i in range(rewards_each * approvers)
    ]
)
rewards.write({"state": "proposed"})
plan = {
    "self": [],
    "review": {},
    "rewards": [rewards.ids[i::approvers] for i in range(approvers)],
}
for appraisal in appraisals:
    own = appraisal.assessment_ids.filtered(lambda a: a.kind == "self")
    text = own.line_ids.filtered(lambda line: line.answer_type == "text")[:1]
    plan["self"].append([appraisal.employee_id.user_id.login, own.id, text.id])
for response in responses:
    text = response.answer_ids.filtered(
        lambda answer: answer.question_id.answer_type == "text"
    )[:1]
    plan["review"].setdefault(response.author_id.login, []).append(
        [response.id, text.id]
    )
env.cr.commit()
sys.stdout.write("PLAN " + json.dumps(plan) + "\n")
