#!/usr/bin/env bash
# Shared set-up for the hr_performance dev loop: every function is idempotent.
# Sourced by run.sh, test.sh, lint.sh, format.sh and bench.sh; nothing here runs on its own.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
ODOO_PATH=${ODOO_PATH:-/opt/odoo/18.0}
HRP_HOME=${HRP_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/hr_performance}
# One scratch addons folder per checkout, so two clones never share a link.
CHECKOUT_KEY=$(printf '%s' "$REPO" | md5sum | cut -c1-10)
SCRATCH=$HRP_HOME/addons-$CHECKOUT_KEY
VENV=$HRP_HOME/venv
LOGS=$HRP_HOME/logs
CONF=$HRP_HOME/odoo-$CHECKOUT_KEY.conf
PY=$VENV/bin/python

say() { printf '\033[1m[hr_performance]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[hr_performance] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }

require_odoo() {
    [ -f "$ODOO_PATH/odoo-bin" ] || die "no Odoo 18.0 source tree at $ODOO_PATH (odoo-bin missing): put one there as ../shared/ODOO_HOST.md says, or set ODOO_PATH to an existing Odoo 18.0 tree."
    grep -q "version_info = (18, 0," "$ODOO_PATH/odoo/release.py" \
        || die "the tree at $ODOO_PATH is not Odoo 18.0 (odoo/release.py); set ODOO_PATH to an Odoo 18.0 tree."
}

# Debian packages: headers for Odoo's requirements, Chromium for tours, wkhtmltopdf for PDFs.
ensure_system_packages() {
    local wanted=(libpq-dev libldap2-dev libsasl2-dev chromium wkhtmltopdf postgresql) missing=() p
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        die "missing Debian packages: ${missing[*]}; install them (sudo apt-get install ${missing[*]}) and run again."
    fi
    say "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$LOGS/apt.log" 2>&1 \
        || die "apt-get install failed; see $LOGS/apt.log"
}

ensure_venv() {
    local stamp want
    want=$(cat "$ODOO_PATH/requirements.txt" "$REPO/scripts/requirements-dev.txt" | md5sum | cut -c1-32)
    stamp=$VENV/.hr_performance-stamp
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$PY" ]; then
        return 0
    fi
    say "preparing the virtual environment in $VENV (first time: a few minutes)"
    [ -x "$PY" ] || python3 -m venv "$VENV"
    local constraint=$HRP_HOME/pip-constraint.txt
    # Some pinned sdists of Odoo's requirements still import pkg_resources.
    echo "setuptools<70" >"$constraint"
    PIP_CONSTRAINT=$constraint "$PY" -m pip install -q --upgrade "pip<25" wheel "setuptools<70" \
        >"$LOGS/pip.log" 2>&1 || die "pip bootstrap failed; see $LOGS/pip.log"
    PIP_CONSTRAINT=$constraint "$PY" -m pip install -q -r "$ODOO_PATH/requirements.txt" \
        -r "$REPO/scripts/requirements-dev.txt" >>"$LOGS/pip.log" 2>&1 \
        || die "installing Python requirements failed; see $LOGS/pip.log"
    echo "$want" >"$stamp"
}

# The lint gate's Python tools in a venv of their own (requirements-lint.txt): they pin
# version of polib that Odoo 18.0's requirements do not allow.
LINT_VENV=$HRP_HOME/lint-venv
ensure_lint_venv() {
    local stamp=$LINT_VENV/.hr_performance-stamp want
    want=$(md5sum <"$REPO/scripts/requirements-lint.txt" | cut -c1-32)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$LINT_VENV/bin/python" ]; then
        return 0
    fi
    say "preparing the linters' virtual environment in $LINT_VENV"
    [ -x "$LINT_VENV/bin/python" ] || python3 -m venv "$LINT_VENV"
    "$LINT_VENV/bin/python" -m pip install -q --upgrade "pip<25" >"$LOGS/pip-lint.log" 2>&1 \
        && "$LINT_VENV/bin/python" -m pip install -q -r "$REPO/scripts/requirements-lint.txt" \
            >>"$LOGS/pip-lint.log" 2>&1 \
        || die "installing the linters failed; see $LOGS/pip-lint.log"
    echo "$want" >"$stamp"
}

# prettier, @prettier/plugin-xml and ESLint, exactly as scripts/node/package-lock.json says,
# installed with npm ci into $HRP_HOME/node (never into the checkout); npm's cache in
# $HRP_HOME/npm-cache makes a reinstall work offline.
NODE_HOME=$HRP_HOME/node
NODE_BIN=$NODE_HOME/node_modules/.bin
ensure_node_tools() {
    if ! command -v npm >/dev/null 2>&1; then
        [ "$(id -u)" -eq 0 ] || die "Node.js and npm are missing; install them (sudo apt-get install nodejs npm) and run again."
        say "installing Debian packages: nodejs npm"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >"$LOGS/apt-node.log" 2>&1 \
            || die "apt-get install nodejs npm failed; see $LOGS/apt-node.log"
    fi
    local stamp=$NODE_HOME/.hr_performance-stamp want
    want=$(cat "$REPO/scripts/node/package.json" "$REPO/scripts/node/package-lock.json" | md5sum | cut -c1-32)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$NODE_BIN/prettier" ]; then
        return 0
    fi
    say "installing prettier and ESLint into $NODE_HOME (npm ci)"
    mkdir -p "$NODE_HOME"
    cp "$REPO/scripts/node/package.json" "$REPO/scripts/node/package-lock.json" \
        "$REPO/scripts/node/.npmrc" "$NODE_HOME/"
    (cd "$NODE_HOME" && npm ci --cache "$HRP_HOME/npm-cache" --prefer-offline --ignore-scripts \
        --no-audit --no-fund >"$LOGS/npm.log" 2>&1) \
        || die "npm ci failed; see $LOGS/npm.log"
    echo "$want" >"$stamp"
}
# prettier.config.cjs resolves its XML plugin through NODE_PATH.
node_tool() { NODE_PATH=$NODE_HOME/node_modules "$NODE_BIN/$1" "${@:2}"; }

# A PostgreSQL server reachable with the PG* variables (or the local socket).
ensure_postgres() {
    if ! pg_isready -q; then
        [ -z "${PGHOST:-}" ] || die "PostgreSQL at PGHOST=$PGHOST is not reachable; start it or unset PGHOST."
        [ "$(id -u)" -eq 0 ] || die "no PostgreSQL reachable on the local socket; start one (pg_ctlcluster <version> main start) or set PGHOST."
        local cluster
        cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
        if [ -z "$cluster" ]; then
            local version
            version=$(ls /usr/lib/postgresql | sort -n | tail -1)
            say "creating PostgreSQL cluster $version main"
            pg_createcluster "$version" main >/dev/null
            cluster="$version main"
        fi
        say "starting PostgreSQL cluster $cluster"
        # shellcheck disable=SC2086
        pg_ctlcluster $cluster start
        local i
        for i in $(seq 1 30); do pg_isready -q && break; sleep 1; done
        pg_isready -q || die "PostgreSQL did not start; see /var/log/postgresql/"
    fi
    local role=${PGUSER:-$(id -un)}
    [ "$role" != "postgres" ] || die "Odoo refuses to connect as 'postgres'; set PGUSER to another role."
    if ! psql -d postgres -tAc "select 1" >/dev/null 2>&1; then
        [ "$(id -u)" -eq 0 ] && [ -z "${PGHOST:-}" ] \
            || die "cannot connect to PostgreSQL as '$role'; create that role (createuser -s $role) or set PGUSER/PGPASSWORD."
        say "creating PostgreSQL role $role"
        su postgres -c "createuser -s '$role'" || die "could not create PostgreSQL role $role"
    fi
}

# The scratch addons folder holds one link, hr_performance -> this checkout, and the config.
ensure_addon_link() {
    mkdir -p "$SCRATCH"
    ln -sfn "$REPO" "$SCRATCH/hr_performance"
    cat >"$CONF" <<CONF
[options]
addons_path = $ODOO_PATH/odoo/addons,$SCRATCH
data_dir = $HRP_HOME/data
admin_passwd = admin
list_db = True
without_demo = False
http_port = ${HRP_PORT:-8069}
CONF
}

setup_all() {
    require_odoo
    mkdir -p "$HRP_HOME" "$LOGS"
    ensure_system_packages
    ensure_venv
    ensure_postgres
    ensure_addon_link
}

odoo() { "$PY" "$ODOO_PATH/odoo-bin" -c "$CONF" "$@"; }
odoo_shell() { "$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" --no-http "$@"; }

db_exists() { psql -d postgres -tAc "select 1 from pg_database where datname='$1'" | grep -q 1; }

drop_db() {
    dropdb --if-exists "$1"
    rm -rf "$HRP_HOME/data/filestore/$1"
}

# Fails when an Odoo log shows an error, or a warning that concerns this addon.
check_log() {
    local log=$1 bad
    bad=$(grep -E " (ERROR|CRITICAL) | WARNING .*(hr_performance|hr\.performance)|demo data failed" "$log" || true)
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad" | head -40 >&2
        die "the Odoo log $log has errors or warnings about hr_performance (above)"
    fi
}
