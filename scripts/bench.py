# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# ruff: noqa: F821  (run by `odoo shell`, which provides `env`)
"""The scale benchmark, run by scripts/bench.sh inside ``odoo shell``.

Creates BENCH_N employees under 1 manager per 10 (managers have users, in trees of
departments), then measures each batch operation: seconds and queries, per employee,
and as a ratio to Odoo's bare ``create`` of the same number of appraisal rows.
Nothing is committed: the shell's transaction is rolled back at the end.
"""

import json
import os
import sys
import time
from datetime import date

from odoo import Command, models

N = int(os.environ.get("BENCH_N", "10000"))
OUT = os.environ.get("BENCH_OUT", "bench.json")
TEAM = 10
END = "2026-12-31"
LIST_SPEC = {"employee_id": {}, "state": {}, "cycle_id": {}, "date_deadline": {}}
TARGETS = {
    "launch a cycle": "under 15 s for 10,000 and under 1 query per employee",
    "manager's list of 80": "under 15 queries",
    "manager's dashboard": "flat in the team's size (tests/test_dashboard.py)",
    "rating distribution": "under 5 queries",
}

cr = env.cr
results = []


def settle():
    """Write everything pending, tracking messages included (cursor precommit)."""
    env.flush_all()
    cr.flush()


def measure(name, func, count=N):
    settle()
    env.invalidate_all()
    queries, start = cr.sql_log_count, time.perf_counter()
    value = func()
    settle()
    seconds = time.perf_counter() - start
    queries = cr.sql_log_count - queries
    results.append(
        {
            "operation": name,
            "records": count,
            "seconds": round(seconds, 3),
            "queries": queries,
            "queries_per_record": round(queries / count, 3) if count else None,
        }
    )
    return value


# ---------------------------------------------------------------- set-up (not timed)
company = env.company
managers_count = max(N // TEAM, 6)  # five distinct 360 reviewers each
users = (
    env["res.users"]
    .with_context(no_reset_password=True)
    .create(
        [
            {
                "name": f"Bench Manager {i}",
                "login": f"bench_manager_{i}",
                "groups_id": [
                    Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref("hr_performance.group_hr_performance_manager").id,
                        ]
                    )
                ],
            }
            for i in range(managers_count)
        ]
    )
)
departments = env["hr.department"].create(
    [{"name": f"Bench Department {i}"} for i in range(max(managers_count // 10, 1))]
)
managers = env["hr.employee"].create(
    [
        {
            "name": user.name,
            "user_id": user.id,
            "department_id": departments[i % len(departments)].id,
        }
        for i, user in enumerate(users)
    ]
)
employees = env["hr.employee"].create(
    [
        {
            "name": f"Bench Employee {i}",
            "parent_id": managers[i % managers_count].id,
            "department_id": managers[i % managers_count].department_id.id,
        }
        for i in range(N)
    ]
)
job = env["hr.job"].create({"name": "Bench Job"})
env["hr.contract"].create(
    [
        {
            "name": employee.name,
            "employee_id": employee.id,
            "job_id": job.id,
            "wage": 2500 + (i % 50) * 20,
            "date_start": date(2025, 1, 1),
            "state": "open",
        }
        for i, employee in enumerate(employees)
    ]
)
scale = env.ref("hr_performance.rating_scale_five")
levels = scale.level_ids.sorted("value")
template = env["hr.performance.template"].create(
    {
        "name": "Bench",
        "section_ids": [
            Command.create(
                {
                    "name": "Impact",
                    "in_review": True,
                    "question_ids": [
                        Command.create({"name": "Delivers"}),
                        Command.create({"name": "Comment", "answer_type": "text"}),
                    ],
                }
            )
        ],
    }
)
matrix = env["hr.performance.merit.matrix"].create(
    {
        "name": "Bench",
        "line_ids": [
            Command.create(
                {"level_id": level.id, "compa_band": band, "raise_percent": 3}
            )
            for level in levels
            for band in ("below", "within", "above")
        ],
    }
)


def new_cycle(name):
    return env["hr.performance.cycle"].create(
        {
            "name": name,
            "date_start": date(2026, 1, 1),
            "date_end": date(2026, 12, 31),
            "template_id": template.id,
            "employee_ids": [Command.set(employees.ids)],
            "merit_matrix_id": matrix.id,
            "bonus_target_percent": 5,
        }
    )


cycle = new_cycle("Bench cycle")
bare_cycle = new_cycle("Bench bare create")
env.flush_all()

# ---------------------------------------------------------------- measured
Appraisal = env["hr.performance.appraisal"]
measure(
    "bare create of appraisal rows (reference)",
    lambda: models.BaseModel.create(
        Appraisal.with_context(tracking_disable=True, mail_create_nolog=True),
        [
            {
                "cycle_id": bare_cycle.id,
                "employee_id": e.id,
                "date_reference": "2026-12-31",
            }
            for e in employees
        ],
    ),
)
measure("launch a cycle", cycle.action_launch)
appraisals = cycle.appraisal_ids


def request_reviews():
    # five managers after the employee's own one: never a reader of the summary
    position = {manager: index for index, manager in enumerate(managers)}
    requests = env["hr.performance.review.request"].create(
        [
            {
                "appraisal_id": appraisal.id,
                "category": "peer",
                "reviewer_id": users[
                    (position[appraisal.manager_id] + offset) % len(users)
                ].id,
            }
            for appraisal in appraisals
            for offset in range(1, 6)
        ]
    )
    requests.action_approve()


measure("360 requests, 5 per employee", request_reviews)
manager_user = users[0]


def managers_list():
    return Appraisal.with_user(manager_user).web_search_read([], LIST_SPEC, limit=80)


managers_list()  # a server has the manager's rules and groups in its caches already
measure("manager's list of 80", managers_list, count=80)


def managers_dashboard():
    return env["hr.performance.dashboard"].with_user(manager_user).get_dashboard_data()


managers_dashboard()
measure("manager's dashboard", managers_dashboard, count=1)
# the cycle ends: ratings in, appraisals done
leads = appraisals.assessment_ids.filtered("is_lead")
for index, level in enumerate(levels):
    leads[index :: len(levels)].write(
        {"final_level_id": level.id, "state": "submitted"}
    )
appraisals.write({"state": "done", "released": True})
cycle.state = "closed"
measure(
    "rating distribution",
    lambda: env["hr.performance.assessment"]._read_group(
        [("appraisal_id.cycle_id", "=", cycle.id), ("is_lead", "=", True)],
        ["final_level_id"],
        ["__count"],
    ),
    count=1,
)
measure("generate reward proposals", cycle.action_generate_rewards)
rewards = cycle.reward_ids
rewards.write({"state": "proposed"})
measure("approve reward proposals", rewards.action_approve, count=len(rewards))
measure(
    "payroll export (CSV)",
    lambda: rewards._payroll_csv(),
    count=len(rewards),
)
cr.rollback()

# ---------------------------------------------------------------- report
bare = results[0]["seconds"] or 1e-9
for row in results:
    row["ratio_to_bare_create"] = round(row["seconds"] / bare, 2)
width = max(len(row["operation"]) for row in results)
lines = [f"\n{'operation'.ljust(width)}  records  seconds  queries  q/record  ×bare"]
for row in results:
    lines.append(
        f"{row['operation'].ljust(width)}  {row['records']:>7}  {row['seconds']:>7.2f}"
        f"  {row['queries']:>7}  {row['queries_per_record'] or 0:>8.3f}"
        f"  {row['ratio_to_bare_create']:>5.1f}"
    )
lines += [f"target, {name}: {target}" for name, target in TARGETS.items()]
sys.stdout.write("\n".join(lines) + "\n")
with open(OUT, "w") as out:
    json.dump({"employees": N, "results": results, "targets": TARGETS}, out, indent=2)
