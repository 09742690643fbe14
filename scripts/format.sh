#!/usr/bin/env bash
# Applies the formatters of the lint gate: prettier (with @prettier/plugin-xml) to every XML
# and JS file, ruff format to every Python file. `make lint` checks the same.
source "$(dirname "$0")/lib.sh"
mkdir -p "$HRP_HOME" "$LOGS"
ensure_lint_venv
ensure_node_tools
cd "$REPO"
mapfile -t prettier_files < <(git ls-files --cached --others --exclude-standard '*.xml' '*.js')
say "format: prettier"
node_tool prettier --write --log-level warn "${prettier_files[@]}"
say "format: ruff format"
"$LINT_VENV/bin/ruff" format .
say "format: done (git diff shows what changed)"
