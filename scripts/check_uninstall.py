"""Compare a database's schema and data before and after the addon came and went.

Usage: check_uninstall.py snapshot DB FILE | compare DB FILE
Exits 1 listing what the addon left behind: tables, columns, constraints, models,
fields, xml ids, views, menus, groups, rules or actions.
"""

import json
import sys

import psycopg2

QUERIES = {
    "columns": """
        SELECT table_name || '.' || column_name FROM information_schema.columns
        WHERE table_schema = 'public'""",
    "constraints": """
        SELECT conrelid::regclass::text || ':' || conname FROM pg_constraint
        JOIN pg_namespace ns ON ns.oid = connamespace WHERE nspname = 'public'""",
    "indexes": "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'",
}
RESIDUE = {
    "xml ids": "SELECT module || '.' || name FROM ir_model_data "
    "WHERE module = 'hr_performance'",
    "models": "SELECT model FROM ir_model WHERE model LIKE 'hr.performance%%'",
    "fields": "SELECT model || '.' || name FROM ir_model_fields "
    "WHERE model LIKE 'hr.performance%%' OR relation LIKE 'hr.performance%%'",
    "views": "SELECT name FROM ir_ui_view WHERE arch_fs LIKE 'hr_performance/%%' "
    "OR model LIKE 'hr.performance%%'",
    "actions": "SELECT name->>'en_US' FROM ir_act_window "
    "WHERE res_model LIKE 'hr.performance%%'",
    "demo users": "SELECT login FROM res_users "
    "WHERE login IN ('hrp_employee', 'hrp_officer', 'hrp_payroll')",
    "rules": "SELECT r.name FROM ir_rule r JOIN ir_model m ON m.id = r.model_id "
    "WHERE m.model LIKE 'hr.performance%%'",
}


def fetch(cr, query):
    cr.execute(query)
    return sorted(row[0] for row in cr.fetchall())


def main(mode, dbname, path):
    with psycopg2.connect(dbname=dbname) as conn, conn.cursor() as cr:
        schema = {key: fetch(cr, query) for key, query in QUERIES.items()}
        if mode == "snapshot":
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(schema, handle)
            return 0
        with open(path, encoding="utf-8") as handle:
            before = json.load(handle)
        problems = [
            f"{key}: {item}"
            for key, items in schema.items()
            for item in sorted(set(items) - set(before[key]))
        ]
        problems += [
            f"{key}: {item}"
            for key, query in RESIDUE.items()
            for item in fetch(cr, query)
        ]
    for problem in problems:
        sys.stdout.write(f"left behind after uninstall: {problem}\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
