# hr_performance dev loop. Every target sets up what it needs, idempotently.
# ODOO_PATH (default /opt/odoo/18.0), HRP_HOME (default ~/.cache/hr_performance),
# PG* variables and HRP_PORT (default 8069) are honoured.
.PHONY: run test lint format wheel bench pot help

help:
	@echo "make run    - demo database with the addon, served on http://localhost:8069"
	@echo "make test   - lint, install without/with demo, every test incl. browser tours"
	@echo "make lint   - the lint gate alone"
	@echo "make format - apply prettier (XML, JS) and ruff format (Python)"
	@echo "make wheel  - build the wheel, check it, install it with pip and Odoo"
	@echo "make bench  - the scale benchmark"
	@echo "make pot    - export the translation template i18n/hr_performance.pot"

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

lint:
	@bash scripts/lint.sh

format:
	@bash scripts/format.sh

wheel:
	@bash scripts/wheel_check.sh

bench:
	@bash scripts/bench.sh

pot:
	@bash scripts/pot.sh
