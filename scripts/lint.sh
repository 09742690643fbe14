#!/usr/bin/env bash
# The lint gate: ruff, ruff format, OCA's pylint-odoo mandatory checks, oca-checks-odoo-module.
source "$(dirname "$0")/lib.sh"
require_odoo
mkdir -p "$HRP_HOME" "$LOGS"
ensure_venv
cd "$REPO"
bin=$VENV/bin
say "lint: ruff check"
"$bin/ruff" check --no-fix . || die "ruff check found problems (run: $bin/ruff check --fix .)"
say "lint: ruff format --check"
"$bin/ruff" format --check . || die "ruff format would change files (run: $bin/ruff format .)"
say "lint: pylint-odoo (OCA mandatory checks)"
mapfile -t pyfiles < <(git ls-files --cached --others --exclude-standard '*.py')
PYTHONPATH=$ODOO_PATH "$bin/pylint" --rcfile=.pylintrc "${pyfiles[@]}" \
    || die "pylint-odoo found problems (above)"
say "lint: oca-checks-odoo-module"
"$PY" scripts/oca_module_checks.py "$REPO" \
    || die "oca-checks-odoo-module found problems (above)"
say "lint: clean"
