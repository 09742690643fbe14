#!/usr/bin/env bash
# The scale benchmark: a fresh database with N employees (BENCH_N, default 10000;
# BENCH_QUICK=1 for 1000), then the time and the queries of each batch operation,
# printed as a table and written as JSON (see scripts/bench.py).
source "$(dirname "$0")/lib.sh"
setup_all
N=${BENCH_N:-10000}
[ -n "${BENCH_QUICK:-}" ] && N=1000
DB="${HRP_DB_PREFIX:-hrp}_bench"
OUT="$HRP_HOME/logs/bench.json"
mkdir -p "$HRP_HOME/logs"
say "install into a fresh database $DB (log: $HRP_HOME/logs/bench-install.log)"
drop_db "$DB"
odoo -d "$DB" -i hr_performance --without-demo=all --stop-after-init --log-level=warn \
    --logfile="$HRP_HOME/logs/bench-install.log" \
    || die "installing into $DB failed; see $HRP_HOME/logs/bench-install.log"
say "benchmark with $N employees (a few minutes for 10000)"
BENCH_N="$N" BENCH_OUT="$OUT" odoo_shell -d "$DB" --log-level=warn \
    < "$(dirname "$0")/bench.py" 2> "$HRP_HOME/logs/bench-shell.log" \
    || die "the benchmark failed; see $HRP_HOME/logs/bench-shell.log"
[ -s "$OUT" ] || die "the benchmark wrote no result; see $HRP_HOME/logs/bench-shell.log"
say "results written to $OUT"
