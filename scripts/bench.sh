#!/usr/bin/env bash
# The scale benchmark: a fresh database with N employees (BENCH_N, default 10000;
# BENCH_QUICK=1 for 1000), then the time and the queries of each batch operation
# and of the floors of the launch and the 360 invitations, printed as a table and
# written as JSON (see scripts/bench.py). BENCH_PROFILE=1 logs each operation's most
# frequent queries to bench-shell.log; BENCH_REUSE=1 keeps the last run's database.
source "$(dirname "$0")/lib.sh"
setup_all
N=${BENCH_N:-10000}
[ -n "${BENCH_QUICK:-}" ] && N=1000
DB="${HRP_DB_PREFIX:-hrp}_bench"
OUT="$HRP_HOME/logs/bench.json"
mkdir -p "$HRP_HOME/logs"
if [ -n "${BENCH_REUSE:-}" ] && db_exists "$DB"; then
    # BENCH_REUSE=1: the database of the last run, updated (the run rolls back)
    say "update the database $DB (log: $HRP_HOME/logs/bench-install.log)"
    odoo -d "$DB" -u hr_performance --stop-after-init --log-level=warn \
        --logfile="$HRP_HOME/logs/bench-install.log" \
        || die "updating $DB failed; see $HRP_HOME/logs/bench-install.log"
else
    say "install into a fresh database $DB (log: $HRP_HOME/logs/bench-install.log)"
    drop_db "$DB"
    odoo -d "$DB" -i hr_performance --without-demo=all --stop-after-init --log-level=warn \
        --logfile="$HRP_HOME/logs/bench-install.log" \
        || die "installing into $DB failed; see $HRP_HOME/logs/bench-install.log"
fi
say "benchmark with $N employees (a few minutes for 10000)"
BENCH_N="$N" BENCH_OUT="$OUT" odoo_shell -d "$DB" --log-level=warn \
    < "$(dirname "$0")/bench.py" 2> "$HRP_HOME/logs/bench-shell.log" \
    || die "the benchmark failed; see $HRP_HOME/logs/bench-shell.log"
[ -s "$OUT" ] || die "the benchmark wrote no result; see $HRP_HOME/logs/bench-shell.log"
say "results written to $OUT"

# The soak of scripts/load_test.py (also the gate's): BENCH_SOAK_CLIENTS clients (100,
# 0 to skip) for BENCH_SOAK_SECONDS s (60) on a copy of a demo database, its
# throughput and latency percentiles per operation.
SOAK_CLIENTS=${BENCH_SOAK_CLIENTS:-100}
SOAK_SECONDS=${BENCH_SOAK_SECONDS:-60}
if [ "$SOAK_CLIENTS" -gt 0 ]; then
    DEMO_DB="${HRP_DB_PREFIX:-hrp}_bench_demo"
    SOAK_DB="${HRP_DB_PREFIX:-hrp}_bench_soak"
    if ! { [ -n "${BENCH_REUSE:-}" ] && db_exists "$DEMO_DB"; }; then
        say "install with demo data into $DEMO_DB (log: $HRP_HOME/logs/bench-demo.log)"
        drop_db "$DEMO_DB"
        odoo -d "$DEMO_DB" -i hr_performance --stop-after-init --log-level=warn \
            --logfile="$HRP_HOME/logs/bench-demo.log" \
            || die "installing into $DEMO_DB failed; see $HRP_HOME/logs/bench-demo.log"
    fi
    drop_db "$SOAK_DB"
    createdb -T "$DEMO_DB" "$SOAK_DB"
    say "soak: $SOAK_CLIENTS clients for $SOAK_SECONDS s against --workers=2"
    "$PY" "$REPO/scripts/load_test.py" "$PY" "$ODOO_PATH/odoo-bin" "$CONF" "$SOAK_DB" \
        "$(( ${HRP_PORT:-8069} + 8 ))" "$HRP_HOME/logs/bench-soak.log" \
        "$SOAK_CLIENTS" "$SOAK_SECONDS" \
        || die "the soak failed (above); see $HRP_HOME/logs/bench-soak.log"
    drop_db "$SOAK_DB"
    say "soak figures written to $HRP_HOME/logs/bench-soak.log.json"
fi
