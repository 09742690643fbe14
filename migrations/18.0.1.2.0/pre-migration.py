# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: the check-in cadence on hr.employee is no longer required.

Up to 18.0.1.1.0 ``hr_employee.performance_checkin_cadence`` was NOT NULL without a
database default, so any insert into ``hr_employee`` made without this addon's code
loaded (``hr``'s own tests and data, at install of a module) failed. The constraint
is dropped here, before anything else of the upgrade runs; an empty cadence means
"none". Running it twice, or on a database without the constraint, does nothing
more.
"""

import logging

from odoo.tools import sql

_logger = logging.getLogger(__name__)

TABLE = "hr_employee"
COLUMN = "performance_checkin_cadence"


def migrate(cr, version):
    if not version:
        return
    column = sql.table_columns(cr, TABLE).get(COLUMN)
    if column and column["is_nullable"] == "NO":
        sql.drop_not_null(cr, TABLE, COLUMN)
    _logger.info(
        "hr_performance: migration 18.0.1.2.0 from %s: %s.%s may be empty",
        version,
        TABLE,
        COLUMN,
    )
