# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# ruff: noqa: F821  (run by `odoo shell`, which provides `env`)
"""The scale benchmark, run by scripts/bench.sh inside ``odoo shell``.

Creates BENCH_N employees under 1 manager per 10 (managers have users, in trees of
departments), then measures each batch operation: seconds and queries, per employee.
The launch and the 360 invitations are also measured against two floors of the same
run, written with exactly the rows the operation wrote, in every table it wrote
(appraisals, assessments, answers, activities, followers, responses, mails...):

- the raw SQL floor: the rows deleted (untimed), then inserted again with multi-row
  ``INSERT``s of 1,000 rows, ids included;
- the ORM floor: the same rows given to ``BaseModel.create(vals_list)`` model by model,
  with ``tracking_disable``, ``mail_create_nolog`` and ``mail_notrack`` and no
  override of the models (no per-row work but Odoo's own), links remapped.

Both run in a savepoint rolled back afterwards. Nothing is committed: the shell's
transaction is rolled back at the end.
"""

import json
import os
import re
import sys
import time
import traceback
from collections import Counter, defaultdict
from datetime import date

from psycopg2.extras import Json

from odoo import Command, models
from odoo.sql_db import Cursor

N = int(os.environ.get("BENCH_N", "10000"))
OUT = os.environ.get("BENCH_OUT", "bench.json")
PROFILE = os.environ.get("BENCH_PROFILE")  # the query shapes of each operation
TRACE = os.environ.get("BENCH_TRACE")  # the stack of a query shape's third run
TEAM = 10
END = "2026-12-31"
LIST_SPEC = {"employee_id": {}, "state": {}, "cycle_id": {}, "date_deadline": {}}
TARGETS = {
    "launch a cycle": "at most 20x its raw SQL floor, at most 0.2 queries per employee",
    "360 requests, 5 per employee": "at most 20x its raw SQL floor, at most 0.1 "
    "queries per request",
    "approve reward proposals": "at most 0.1 queries per proposal",
    "manager's list of 80": "under 15 queries",
    "manager's dashboard": "flat in the team's size (tests/test_dashboard.py)",
    "rating distribution": "under 5 queries",
}
MAGIC = {"id", "create_uid", "create_date", "write_uid", "write_date"}
CHUNK = 1000

cr = env.cr
results = []


def settle():
    """Write everything pending, tracking messages included (cursor precommit)."""
    env.flush_all()
    cr.flush()


def _shapes(func):
    """Run ``func`` and print its ten most frequent query shapes (BENCH_PROFILE=1)."""
    seen = Counter()
    execute = Cursor.execute

    def logged(cursor, query, params=None, log_exceptions=True):
        shape = re.sub(r"\d+", "N", str(query))[:160]
        seen[shape] += 1
        if TRACE and TRACE in shape and seen[shape] == 3:  # BENCH_TRACE=<text>
            sys.stderr.write("".join(traceback.format_stack(limit=25)))
        return execute(cursor, query, params, log_exceptions)

    Cursor.execute = logged
    try:
        value = func()
        settle()
    finally:
        Cursor.execute = execute
    for shape, count in seen.most_common(10):
        sys.stderr.write(f"{count:>6}  {shape}\n")
    return value


def measure(name, func, count=N):
    settle()
    env.invalidate_all()
    queries, start = cr.sql_log_count, time.perf_counter()
    if PROFILE:
        sys.stderr.write(f"--- {name}\n")
        value = _shapes(func)
    else:
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


# ---------------------------------------------------------------- floors
MODEL_OF = {
    model._table: model
    for model in (env[name] for name in env.registry)
    if not model._abstract and model._auto and not model._transient
}


REL_KEY = {}  # relation table: the column its rows were captured by


def _tables_with_id():
    cr.execute(
        "SELECT table_name FROM information_schema.columns WHERE column_name = 'id' "
        "AND table_schema = 'public' AND table_name = ANY(%s)",
        [list(MODEL_OF)],
    )
    return sorted(row[0] for row in cr.fetchall())


def _max_ids(tables):
    cr.execute(
        " UNION ALL ".join(
            f"SELECT '{table}', COALESCE(MAX(id), 0) FROM \"{table}\""
            for table in tables
        )
    )
    return dict(cr.fetchall())


def snapshot():
    """The highest id of every table, before an operation."""
    settle()
    return _max_ids(_tables_with_id())


def written(before):
    """{table: (columns, rows)} the operation inserted since ``before``, many2many
    relations of those rows included."""
    settle()
    after = _max_ids(list(before))
    rows = {}
    for table, top in after.items():
        if top <= before[table]:
            continue
        cr.execute(
            f'SELECT * FROM "{table}" WHERE id > %s ORDER BY id', [before[table]]
        )
        rows[table] = ([col.name for col in cr.description], cr.fetchall())
    for table in list(rows):
        model = MODEL_OF[table]
        ids = [row[0] for row in rows[table][1]]
        for field in model._fields.values():
            if field.type != "many2many" or not field.store or field.relation in rows:
                continue
            cr.execute(
                f'SELECT * FROM "{field.relation}" WHERE "{field.column1}" = ANY(%s)',
                [ids],
            )
            found = cr.fetchall()
            if found:
                rows[field.relation] = ([col.name for col in cr.description], found)
                REL_KEY[field.relation] = field.column1
    return rows


def _delete(rows):
    """Delete the rows an operation wrote, foreign keys unchecked (untimed)."""
    cr.execute("SET LOCAL session_replication_role = replica")
    for table, (columns, found) in rows.items():
        if "id" in columns:
            cr.execute(
                f'DELETE FROM "{table}" WHERE id = ANY(%s)', [[r[0] for r in found]]
            )
        else:  # every row of the relation with these records was captured
            key = REL_KEY[table]
            at = columns.index(key)
            cr.execute(
                f'DELETE FROM "{table}" WHERE "{key}" = ANY(%s)',
                [list({r[at] for r in found})],
            )
    cr.execute("SET LOCAL session_replication_role = origin")


def _adapt(value):
    return Json(value) if isinstance(value, dict | list) else value


def raw_floor(name, rows, count):
    """The rows inserted again, as they were, with multi-row INSERTs."""
    settle()
    env.invalidate_all()
    cr.execute("SAVEPOINT bench_floor")
    _delete(rows)
    models_first = _order([t for t in rows if t in MODEL_OF], rows)
    models_first += [t for t in rows if t not in MODEL_OF]
    queries, start = cr.sql_log_count, time.perf_counter()
    for table in models_first:
        columns, found = rows[table]
        cols = ", ".join(f'"{col}"' for col in columns)
        marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for at in range(0, len(found), CHUNK):
            chunk = found[at : at + CHUNK]
            cr.execute(
                f'INSERT INTO "{table}" ({cols}) VALUES '
                + ", ".join([marks] * len(chunk)),
                [_adapt(value) for row in chunk for value in row],
            )
    seconds = time.perf_counter() - start
    queries = cr.sql_log_count - queries
    cr.execute("ROLLBACK TO SAVEPOINT bench_floor")
    env.invalidate_all()
    return _row(f"{name}: raw SQL floor", count, seconds, queries)


def _order(tables, rows):
    """Models before those linking them (many2one or res_model/res_id)."""
    deps = {}
    for table in tables:
        model = MODEL_OF[table]
        columns, found = rows[table]
        targets = set()
        if "res_model" in columns and "res_id" in columns:
            at = columns.index("res_model")
            targets = {env[row[at]]._table for row in found if row[at] in env}
        deps[table] = targets | {
            env[field.comodel_name]._table
            for field in model._fields.values()
            if field.type == "many2one" and field.store and not field.inherited
        }
    ordered, left = [], set(tables)
    while left:
        ready = sorted(t for t in left if not (deps[t] & left - {t})) or sorted(left)
        ordered.append(ready[0])
        left.discard(ready[0])
    return ordered


def orm_floor(name, rows, count):
    """The same rows given to the bare ORM create, model by model."""
    settle()
    env.invalidate_all()
    cr.execute("SAVEPOINT bench_floor")
    _delete(rows)
    tables = [t for t in rows if t in MODEL_OF]
    relations = {t: data for t, data in rows.items() if t not in MODEL_OF}
    new_id = defaultdict(dict)  # table: {old id: new id}
    context = {"tracking_disable": True, "mail_create_nolog": True}
    context["mail_notrack"] = True
    queries, start = cr.sql_log_count, time.perf_counter()
    for table in _order(tables, rows):
        model = MODEL_OF[table].sudo().with_context(**context)
        columns, found = rows[table]
        stored = {
            fname: field
            for fname, field in model._fields.items()
            if field.store
            and field.column_type
            and fname not in MAGIC
            and not field.inherited
            and fname in columns
        }
        m2m = [
            field
            for field in model._fields.values()
            if field.type == "many2many" and field.relation in relations
        ]
        links = defaultdict(lambda: defaultdict(list))
        for field in m2m:
            rel_columns, rel_rows = relations[field.relation]
            a, b = (rel_columns.index(field.column1), rel_columns.index(field.column2))
            for rel in rel_rows:
                links[field.name][rel[a]].append(rel[b])
        vals_list = []
        for row in found:
            record = dict(zip(columns, row, strict=True))
            vals = {}
            for fname, field in stored.items():
                value = record[fname]
                if field.type == "many2one" and value:
                    value = new_id[env[field.comodel_name]._table].get(value, value)
                elif fname == "res_id" and value and record.get("res_model"):
                    value = new_id[env[record["res_model"]]._table].get(value, value)
                vals[fname] = value
            for field in m2m:
                targets = links[field.name].get(record["id"], [])
                vals[field.name] = [Command.set(targets)]
            vals_list.append(vals)
        created = models.BaseModel.create(model, vals_list)
        new_id[table] = dict(zip((r[0] for r in found), created.ids, strict=True))
    settle()
    seconds = time.perf_counter() - start
    queries = cr.sql_log_count - queries
    cr.execute("ROLLBACK TO SAVEPOINT bench_floor")
    env.invalidate_all()
    return _row(f"{name}: ORM floor", count, seconds, queries)


def _row(name, count, seconds, queries):
    row = {
        "operation": name,
        "records": count,
        "seconds": round(seconds, 3),
        "queries": queries,
        "queries_per_record": round(queries / count, 3) if count else None,
    }
    results.append(row)
    return row


def with_floors(name, func, count=N):
    """Measure ``func``, then its two floors, from the rows it wrote."""
    before = snapshot()
    value = measure(name, func, count)
    rows = written(before)
    operation = results[-1]
    operation["rows_written"] = {t: len(data[1]) for t, data in rows.items()}
    raw = raw_floor(name, rows, count)
    orm = orm_floor(name, rows, count)
    operation["x_raw_sql_floor"] = round(
        operation["seconds"] / (raw["seconds"] or 1e-9), 1
    )
    operation["x_orm_floor"] = round(operation["seconds"] / (orm["seconds"] or 1e-9), 1)
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
env.flush_all()

# ---------------------------------------------------------------- measured
Appraisal = env["hr.performance.appraisal"]
with_floors("launch a cycle", cycle.action_launch)
# browsed again: a one2many's records prefetch nothing once the cache is invalidated
appraisals = Appraisal.browse(cycle.appraisal_ids.ids)


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


with_floors("360 requests, 5 per employee", request_reviews, count=5 * N)
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
width = max(len(row["operation"]) for row in results)
lines = [
    f"\n{N} employees, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores",
    f"{'operation'.ljust(width)}  records  seconds  queries  q/record  xSQL  xORM",
]
for row in results:
    lines.append(
        f"{row['operation'].ljust(width)}  {row['records']:>7}  {row['seconds']:>7.2f}"
        f"  {row['queries']:>7}  {row['queries_per_record'] or 0:>8.3f}"
        f"  {row.get('x_raw_sql_floor', ''):>4}  {row.get('x_orm_floor', ''):>4}"
    )
lines += [f"target, {name}: {target}" for name, target in TARGETS.items()]
sys.stdout.write("\n".join(lines) + "\n")
with open(OUT, "w") as out:
    json.dump(
        {
            "employees": N,
            "date": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "cores": os.cpu_count(),
            "results": results,
            "targets": TARGETS,
        },
        out,
        indent=2,
    )
