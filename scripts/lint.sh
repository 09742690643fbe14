#!/usr/bin/env bash
# The lint gate, zero findings allowed: ruff (check and format), pylint-odoo (the full set of
# .pylintrc and OCA's mandatory .pylintrc-mandatory), oca-checks-odoo-module, oca-checks-po,
# prettier with @prettier/plugin-xml on every XML and JS file, ESLint with Odoo 18's web rules
# on static/src and static/tests. Every tool runs; the failing ones are named at the end.
# Versions: scripts/requirements-lint.txt and scripts/node/package-lock.json.
source "$(dirname "$0")/lib.sh"
require_odoo
mkdir -p "$HRP_HOME" "$LOGS"
ensure_lint_venv
ensure_node_tools
cd "$REPO"
bin=$LINT_VENV/bin
failed=()

# run_tool NAME HINT COMMAND...: runs COMMAND, and remembers NAME (with HINT) if it fails.
run_tool() {
    local name=$1 hint=$2
    shift 2
    say "lint: $name"
    if ! "$@"; then
        printf '\033[31m[hr_performance] %s found problems (above)%s\033[0m\n' "$name" \
            "${hint:+; $hint}" >&2
        failed+=("$name")
    fi
}

files() { git ls-files --cached --others --exclude-standard "$@"; }
mapfile -t pyfiles < <(files '*.py')
mapfile -t pofiles < <(files '*.po' '*.pot')
mapfile -t prettier_files < <(files '*.xml' '*.js')
mapfile -t eslint_files < <(files 'static/src/*.js' 'static/tests/*.js')

run_tool "ruff check" "run: $bin/ruff check --fix ." "$bin/ruff" check --no-fix .
run_tool "ruff format" "run: make format" "$bin/ruff" format --check .
run_tool "pylint-odoo (full set, .pylintrc)" "" \
    env PYTHONPATH="$ODOO_PATH" "$bin/pylint" --rcfile=.pylintrc "${pyfiles[@]}"
run_tool "pylint-odoo (OCA mandatory, .pylintrc-mandatory)" "" \
    env PYTHONPATH="$ODOO_PATH" "$bin/pylint" --rcfile=.pylintrc-mandatory "${pyfiles[@]}"
run_tool "oca-checks-odoo-module" "" "$bin/python" scripts/oca_module_checks.py "$REPO"
run_tool "oca-checks-po" "" "$bin/oca-checks-po" --disable=po-pretty-format "${pofiles[@]}"
run_tool "prettier" "run: make format" node_tool prettier --check --log-level warn "${prettier_files[@]}"
run_tool "eslint" "" node_tool eslint --no-eslintrc --config .eslintrc.json \
    --resolve-plugins-relative-to "$NODE_HOME/node_modules" --max-warnings 0 "${eslint_files[@]}"

if [ ${#failed[@]} -gt 0 ]; then
    die "lint failed: $(printf '%s, ' "${failed[@]}" | sed 's/, $//')"
fi
say "lint: clean (ruff, pylint-odoo, oca-checks-odoo-module, oca-checks-po, prettier, eslint)"
