#!/usr/bin/env bash
# The packaging step of the gate (make test), also `make wheel`: the addon as OCA ships
# 18.0 addons, a wheel built by whool (pyproject.toml), installed with pip into an Odoo
# environment that knows nothing of this checkout.
#   1. a fresh virtual environment in which Odoo 18 imports (a .pth naming ODOO_PATH and
#      the project venv's site-packages, which hold Odoo's requirements);
#   2. `pip install <checkout>` into it, then `pip wheel <checkout>`: the wheel's name,
#      metadata and files are checked (scripts/check_wheel.py), and so is that both
#      give the same files;
#   3. the wheel installed in their place, Odoo with only its own addons on addons_path
#      finds the addon in the environment's odoo/addons/ and installs it, with its demo
#      data, into a fresh database <prefix>_wheel, with a clean log.
# Everything but one database is made anew on each run, under
# $HRP_HOME/wheel-<checkout key>/: <prefix>_wheel is a copy of <prefix>_wheel_base, which
# holds the addon's dependencies with their demo data and is made again whenever the
# Odoo tree or the manifest's depends change (its key is the database's comment).
source "$(dirname "$0")/lib.sh"
setup_all
# what the environment imports comes from itself, not from the caller (test.sh sets it)
unset PYTHONPATH
WHEEL_HOME=$HRP_HOME/wheel-$CHECKOUT_KEY
WVENV=$WHEEL_HOME/venv
WPY=$WVENV/bin/python
DIST=$WHEEL_HOME/dist
WLOGS=$WHEEL_HOME/logs
WCONF=$WHEEL_HOME/odoo.conf
WDB=${HRP_DB_PREFIX:-hrp_test}_wheel
BASE_DB=${WDB}_base
WDATA=$HRP_HOME/wheel-data
started=$SECONDS

say "packaging: a fresh environment with Odoo importable in $WVENV"
rm -rf "$WVENV" "$DIST" "$WLOGS"
mkdir -p "$DIST" "$WLOGS"
"$PY" -m venv --without-pip "$WVENV" || die "could not create $WVENV"
site=$("$WPY" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
printf '%s\n' "$ODOO_PATH" "$("$PY" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")" \
    >"$site/odoo_and_requirements.pth"
# The project venv's pip works on the new environment (--python). Odoo is on its path,
# not installed by pip, hence --no-deps: the wheel's requirements are checked by
# check_wheel.py (odoo alone).
wpip() { "$PY" -m pip --python "$WPY" "$@" >>"$WLOGS/pip.log" 2>&1; }

say "packaging: pip install <checkout> (log: $WLOGS/pip.log)"
wpip install --no-deps "$REPO" || die "pip install $REPO failed; see $WLOGS/pip.log"

say "packaging: pip wheel <checkout> into $DIST"
wpip wheel --no-deps -w "$DIST" "$REPO" || die "building the wheel failed; see $WLOGS/pip.log"
wheels=("$DIST"/*.whl)
[ ${#wheels[@]} -eq 1 ] && [ -f "${wheels[0]}" ] || die "expected one wheel in $DIST: ${wheels[*]}"
wheel=${wheels[0]}
"$PY" "$REPO/scripts/check_wheel.py" "$wheel" "$REPO" "$site" \
    || die "the wheel $wheel does not hold what an installed addon needs (above)"

say "packaging: pip install the wheel; Odoo finds the addon there"
wpip install --no-deps --force-reinstall "$wheel" || die "pip install $wheel failed; see $WLOGS/pip.log"
cat >"$WCONF" <<CONF
[options]
addons_path = $ODOO_PATH/odoo/addons
data_dir = $WDATA
admin_passwd = admin
without_demo = False
CONF
wodoo() { (cd "$WHEEL_HOME" && "$WPY" "$ODOO_PATH/odoo-bin" -c "$WCONF" --no-http "$@"); }
wdrop() { dropdb --if-exists "$1" 2>/dev/null; rm -rf "$WDATA/filestore/$1"; }
# Odoo's own view of where the addon is, from a folder that is not this checkout.
found=$(cd "$WHEEL_HOME" && "$WPY" -c "
import sys
from odoo.tools import config
config.parse_config(['-c', sys.argv[1]])
from odoo.modules.module import get_module_path
print(get_module_path('hr_performance', display_warning=False) or '')
" "$WCONF") || die "Odoo does not import in $WVENV"
[ "$found" = "$site/odoo/addons/hr_performance" ] \
    || die "Odoo finds hr_performance at '$found', not in the wheel's $site/odoo/addons"
depends=$("$PY" -c "import ast,sys; print(','.join(ast.literal_eval(open(sys.argv[1]).read())['depends']))" "$REPO/__manifest__.py")
base_key=$(printf '%s\n' "$ODOO_PATH" "$depends" "$(md5sum <"$ODOO_PATH/odoo/release.py")" | md5sum | cut -c1-32)
if [ "$(psql -d postgres -tAc "select shobj_description(oid, 'pg_database') from pg_database where datname = '$BASE_DB'")" != "$base_key" ]; then
    say "packaging: $depends with demo data into $BASE_DB, once (log: $WLOGS/install-base.log)"
    wdrop "$BASE_DB"
    wodoo -d "$BASE_DB" -i "$depends" --stop-after-init --log-level=warn \
        --logfile="$WLOGS/install-base.log" \
        || die "installing $depends into $BASE_DB failed; see $WLOGS/install-base.log"
    check_log "$WLOGS/install-base.log"
    psql -q -d postgres -c "comment on database $BASE_DB is '$base_key'"
fi
say "packaging: Odoo installs the addon from the wheel into $WDB, a copy of $BASE_DB (log: $WLOGS/install.log)"
wdrop "$WDB"
createdb -T "$BASE_DB" "$WDB" || die "could not copy $BASE_DB to $WDB"
mkdir -p "$WDATA/filestore"
[ ! -d "$WDATA/filestore/$BASE_DB" ] || cp -a "$WDATA/filestore/$BASE_DB" "$WDATA/filestore/$WDB"
wodoo -d "$WDB" -i hr_performance --stop-after-init --log-level=warn \
    --logfile="$WLOGS/install.log" \
    || die "installing hr_performance from the wheel failed; see $WLOGS/install.log"
check_log "$WLOGS/install.log"
read -r state version < <(psql -d "$WDB" -tA -F ' ' \
    -c "select state, latest_version from ir_module_module where name='hr_performance'")
[ "$state" = "installed" ] || die "hr_performance is '$state' in $WDB; see $WLOGS/install.log"
[ "$version" = "$("$PY" -c "import ast,sys; print(ast.literal_eval(open(sys.argv[1]).read())['version'])" "$REPO/__manifest__.py")" ] \
    || die "hr_performance is at version '$version' in $WDB, not the manifest's"
say "packaging: $(basename "$wheel") installs and works ($(( SECONDS - started )) s)"
