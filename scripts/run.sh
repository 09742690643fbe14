#!/usr/bin/env bash
# A demo database with the addon and its demo data, served on http://localhost:$HRP_PORT.
# Running it again reuses (and updates) the database. Ctrl-C stops the server.
source "$(dirname "$0")/lib.sh"
setup_all
DB=${HRP_DB:-hr_performance_demo}
PORT=${HRP_PORT:-8069}
LOG=$LOGS/run-$DB.log

if "$PY" -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', int(sys.argv[1]))) != 0)" "$PORT"; then
    die "port $PORT is already in use; stop what listens there or run: HRP_PORT=8070 make run"
fi

if db_exists "$DB"; then
    say "updating hr_performance in the existing database $DB (log: $LOG)"
    odoo -d "$DB" -u hr_performance --stop-after-init --log-level=warn --logfile="$LOG" \
        || die "updating $DB failed; see $LOG"
else
    say "creating the demo database $DB with hr_performance and demo data (about a minute; log: $LOG)"
    odoo -d "$DB" -i hr_performance --stop-after-init --log-level=warn --logfile="$LOG" \
        || { drop_db "$DB"; die "creating $DB failed; see $LOG"; }
fi

cat <<INFO

  hr_performance demo: http://localhost:$PORT/odoo   database: $DB
  logins (password = login):
    admin         performance administrator (Mitchell Admin)
    hrp_employee  an employee (Emma Employee)
    demo          a manager with a team (Marc Demo)
    hrp_officer   a performance officer (Oscar Officer)
    hrp_payroll   payroll (Paula Payroll)
  server log: $LOG     stop: Ctrl-C

INFO
exec "$PY" "$ODOO_PATH/odoo-bin" -c "$CONF" -d "$DB" --db-filter="^$DB\$" \
    --http-interface=127.0.0.1 --http-port="$PORT" --logfile="$LOG"
