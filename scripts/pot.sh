#!/usr/bin/env bash
# Export the translation template i18n/hr_performance.pot from a fresh database.
source "$(dirname "$0")/lib.sh"
setup_all
DB=${HRP_DB_PREFIX:-hrp}_pot
drop_db "$DB"
odoo -d "$DB" -i hr_performance --without-demo=all --stop-after-init --log-level=warn \
    --logfile="$LOGS/pot-install.log" || die "install failed; see $LOGS/pot-install.log"
mkdir -p "$REPO/i18n"
odoo -d "$DB" --i18n-export="$REPO/i18n/hr_performance.pot" --modules=hr_performance \
    --language=en_US --log-level=warn --logfile="$LOGS/pot-export.log" \
    || die "export failed; see $LOGS/pot-export.log"
drop_db "$DB"
say "wrote i18n/hr_performance.pot"
