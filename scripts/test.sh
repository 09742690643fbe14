#!/usr/bin/env bash
# The whole gate, stopping at the first problem:
#   1. lint, then packaging (scripts/wheel_check.sh): the wheel whool builds, installed
#      with pip into a fresh environment, from which Odoo installs the addon;
#   2. install into a fresh database without demo data, run every test with pytest-odoo
#      (tours in headless Chromium), refuse any skip; it runs in the background while
#      the steps of 3. go on, up to the upgrade;
#   3. install into a fresh database with demo data; on a copy of it, run the addon's
#      suite and the host's (hr, hr_contract, hr_skills, mail) with Odoo's own runner;
#      upgrade it from 18.0.1.0.0 through migrations/, load-test it
#      (scripts/load_test.py), uninstall, check nothing is left, install it again.
source "$(dirname "$0")/lib.sh"
setup_all
PREFIX=${HRP_DB_PREFIX:-hrp_test}
NODEMO=${PREFIX}_nodemo
DEMO=${PREFIX}_demo
RUN_LOGS=$LOGS/test-$CHECKOUT_KEY
rm -rf "$RUN_LOGS" && mkdir -p "$RUN_LOGS"
export PYTHONPATH=$ODOO_PATH${PYTHONPATH:+:$PYTHONPATH}

bash "$REPO/scripts/lint.sh"

# packaging: a self-contained step, see its header
bash "$REPO/scripts/wheel_check.sh"

# Odoo's own dependency list of the addon, from the manifest.
DEPENDS=$("$PY" -c "import ast,sys; print(','.join(ast.literal_eval(open(sys.argv[1]).read())['depends']))" "$REPO/__manifest__.py")

say "install without demo data into $NODEMO (log: $RUN_LOGS/install-nodemo.log)"
drop_db "$NODEMO"
odoo -d "$NODEMO" -i hr_performance --without-demo=all --stop-after-init \
    --log-level=warn --logfile="$RUN_LOGS/install-nodemo.log" \
    || die "installing without demo failed; see $RUN_LOGS/install-nodemo.log"
check_log "$RUN_LOGS/install-nodemo.log"

# The pytest-odoo suite runs in the background, beside the demo database's steps
# below (two cores, two processes); its result is judged before the upgrade.
say "tests with pytest-odoo in $NODEMO, in the background (log: $RUN_LOGS/pytest.log)"
run_pytest() {
    local rc=0
    cd "$SCRATCH/hr_performance"
    "$VENV/bin/pytest" -p no:cacheprovider -rfEs --odoo-database="$NODEMO" --odoo-config="$CONF" \
        --odoo-http --odoo-log-level=warn --junitxml="$RUN_LOGS/junit.xml" \
        "$SCRATCH/hr_performance/tests" >"$RUN_LOGS/pytest.log" 2>&1 || rc=$?
    echo "$rc" >"$RUN_LOGS/pytest.status"
}
run_pytest &
PYTEST_PID=$!
trap 'kill "$PYTEST_PID" 2>/dev/null || true' EXIT
wait_pytest() {
    wait "$PYTEST_PID" || true
    trap - EXIT
    local status
    status=$(cat "$RUN_LOGS/pytest.status" 2>/dev/null || echo 1)
    tail -n 40 "$RUN_LOGS/pytest.log"
    [ -f "$RUN_LOGS/junit.xml" ] || die "pytest wrote no report (exit $status); see $RUN_LOGS/pytest.log"
    "$PY" "$REPO/scripts/check_junit.py" "$RUN_LOGS/junit.xml" \
        || die "the test suite did not pass cleanly (a skipped test counts as a failure); see $RUN_LOGS/pytest.log"
    [ "$status" -eq 0 ] || die "pytest exited with $status; see $RUN_LOGS/pytest.log"
}

say "install with demo data into $DEMO (log: $RUN_LOGS/install-demo.log)"
drop_db "$DEMO"
odoo -d "$DEMO" -i "$DEPENDS" --stop-after-init --log-level=warn \
    --logfile="$RUN_LOGS/install-demo-deps.log" \
    || die "installing $DEPENDS with demo failed; see $RUN_LOGS/install-demo-deps.log"
"$PY" "$REPO/scripts/check_uninstall.py" snapshot "$DEMO" "$RUN_LOGS/schema-before.json"
odoo -d "$DEMO" -i hr_performance --stop-after-init --log-level=warn \
    --logfile="$RUN_LOGS/install-demo.log" \
    || die "installing with demo failed; see $RUN_LOGS/install-demo.log"
check_log "$RUN_LOGS/install-demo.log"

# --- Odoo's own runner on the demo database -------------------------------------
# On a copy of $DEMO with its filestore, so that the upgrade, the load test and the
# uninstall below start from the database as installed. First the addon's whole
# suite: no failure, no error, no skip. Then the host's suites: no failure but those
# the host has without the addon (scripts/host_known_failures.txt), and as many
# tests as Odoo's loader selects (none lost to an error in a setUpClass).
ODOO_TESTS=${PREFIX}_odoo_tests
HOST_TAGS=/hr,/hr_contract,/hr_skills,/mail
copy_db() {
    drop_db "$2"
    createdb -T "$1" "$2"
    if [ -d "$HRP_HOME/data/filestore/$1" ]; then
        mkdir -p "$HRP_HOME/data/filestore"
        cp -a "$HRP_HOME/data/filestore/$1" "$HRP_HOME/data/filestore/$2"
    fi
}
odoo_tests() { # TAGS LOG: Odoo's runner on $ODOO_TESTS; the log is judged after
    odoo -d "$ODOO_TESTS" --test-enable --test-tags "$1" --stop-after-init \
        --http-port="$(( ${HRP_PORT:-8069} + 3 ))" --log-level=info --logfile="$2" || true
}
copy_db "$DEMO" "$ODOO_TESTS"

say "the addon's suite with Odoo's runner on $ODOO_TESTS, a copy of $DEMO (log: $RUN_LOGS/odoo-tests-addon.log)"
expected=$("$PY" "$REPO/scripts/check_odoo_tests.py" count "$CONF" /hr_performance hr_performance)
odoo_tests /hr_performance "$RUN_LOGS/odoo-tests-addon.log"
"$PY" "$REPO/scripts/check_odoo_tests.py" check "$RUN_LOGS/odoo-tests-addon.log" \
    --expect "$expected" --no-skip \
    || die "the addon's suite did not pass cleanly on the demo database (above); see $RUN_LOGS/odoo-tests-addon.log"

say "the host's suites $HOST_TAGS with Odoo's runner on $ODOO_TESTS (log: $RUN_LOGS/odoo-tests-host.log)"
# shellcheck disable=SC2046
expected=$("$PY" "$REPO/scripts/check_odoo_tests.py" count "$CONF" "$HOST_TAGS" $(echo "$HOST_TAGS" | tr -d / | tr , ' '))
odoo_tests "$HOST_TAGS" "$RUN_LOGS/odoo-tests-host.log"
"$PY" "$REPO/scripts/check_odoo_tests.py" check "$RUN_LOGS/odoo-tests-host.log" \
    --expect "$expected" --known "$REPO/scripts/host_known_failures.txt" \
    || die "the host's suites fail with the addon installed (above); see $RUN_LOGS/odoo-tests-host.log"
drop_db "$ODOO_TESTS"
# --- end of Odoo's own runner ----------------------------------------------------

say "waiting for the pytest-odoo suite"
wait_pytest

say "upgrade $DEMO from 18.0.1.0.0 through migrations/ (log: $RUN_LOGS/migrate.log)"
psql -q -d "$DEMO" -c "update ir_module_module set latest_version = '18.0.1.0.0' where name = 'hr_performance'"
# the schema of 18.0.1.0.0: the check-in cadence was NOT NULL (migrations/18.0.1.2.0)
psql -q -d "$DEMO" -c "update hr_employee set performance_checkin_cadence = 'none' where performance_checkin_cadence is null" \
    -c "alter table hr_employee alter column performance_checkin_cadence set not null"
odoo -d "$DEMO" -u hr_performance --stop-after-init --log-level=info \
    --logfile="$RUN_LOGS/migrate.log" \
    || die "upgrading from 18.0.1.0.0 failed; see $RUN_LOGS/migrate.log"
check_log "$RUN_LOGS/migrate.log"
# every folder of migrations/ logs "hr_performance: migration <its version> from <old>"
for folder in "$REPO"/migrations/*/; do
    step=$(basename "$folder")
    grep -q "hr_performance: migration $step from 18.0.1.0.0" "$RUN_LOGS/migrate.log" \
        || die "the migration scripts of migrations/$step did not run; see $RUN_LOGS/migrate.log"
done
nullable=$(psql -d "$DEMO" -tAc "select is_nullable from information_schema.columns where table_name = 'hr_employee' and column_name = 'performance_checkin_cadence'")
[ "$nullable" = "YES" ] || die "after the upgrade hr_employee.performance_checkin_cadence is still NOT NULL"
version=$(psql -d "$DEMO" -tAc "select latest_version from ir_module_module where name='hr_performance'")
[ "$version" = "$("$PY" -c "import ast,sys; print(ast.literal_eval(open(sys.argv[1]).read())['version'])" "$REPO/__manifest__.py")" ] \
    || die "after the upgrade hr_performance is at version '$version', not the manifest's"

# on a copy, so that what the clients write does not stand in the way of the uninstall
LOAD=${PREFIX}_load
# the soak: HRP_LOAD_CLIENTS clients (100) for HRP_LOAD_SECONDS seconds (60)
LOAD_CLIENTS=${HRP_LOAD_CLIENTS:-100}
LOAD_SECONDS=${HRP_LOAD_SECONDS:-60}
say "load test: $LOAD_CLIENTS clients over XML-RPC for $LOAD_SECONDS s against --workers=2 on $LOAD, a copy of $DEMO (log: $RUN_LOGS/load.log)"
drop_db "$LOAD"
createdb -T "$DEMO" "$LOAD"
"$PY" "$REPO/scripts/load_test.py" "$PY" "$ODOO_PATH/odoo-bin" "$CONF" "$LOAD" \
    "$(( ${HRP_PORT:-8069} + 7 ))" "$RUN_LOGS/load.log" "$LOAD_CLIENTS" "$LOAD_SECONDS" \
    || die "the load test failed (above); see $RUN_LOGS/load.log"
drop_db "$LOAD"

say "uninstall from $DEMO and look for residue (log: $RUN_LOGS/uninstall.log)"
echo "env['ir.module.module'].search([('name', '=', 'hr_performance')]).button_immediate_uninstall()" \
    | odoo_shell -d "$DEMO" --log-level=warn --logfile="$RUN_LOGS/uninstall.log" >/dev/null \
    || die "uninstalling failed; see $RUN_LOGS/uninstall.log"
check_log "$RUN_LOGS/uninstall.log"
state=$(psql -d "$DEMO" -tAc "select state from ir_module_module where name='hr_performance'")
[ "$state" = "uninstalled" ] || die "hr_performance is '$state' after uninstall; see $RUN_LOGS/uninstall.log"
"$PY" "$REPO/scripts/check_uninstall.py" compare "$DEMO" "$RUN_LOGS/schema-before.json" \
    || die "the addon left residue behind after uninstall (above)"
say "install again with demo data into $DEMO (log: $RUN_LOGS/reinstall.log)"
odoo -d "$DEMO" -i hr_performance --stop-after-init --log-level=warn \
    --logfile="$RUN_LOGS/reinstall.log" \
    || die "installing again after the uninstall failed; see $RUN_LOGS/reinstall.log"
check_log "$RUN_LOGS/reinstall.log"
state=$(psql -d "$DEMO" -tAc "select state from ir_module_module where name='hr_performance'")
[ "$state" = "installed" ] || die "hr_performance is '$state' after installing it again; see $RUN_LOGS/reinstall.log"
say "make test: everything passed"
