# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.3.0: feedback is written as a draft, then sent.

Feedback given before this version was sent when it was saved: its new ``state``
column is created here as ``sent``, with ``date_sent`` its creation date (so that
its withdraw window is long over), before the ORM would give it the default of a
new record (a draft, which only its author reads). Running it twice does nothing
more.
"""

import logging

from odoo.tools import SQL, sql

_logger = logging.getLogger(__name__)

TABLE = "hr_performance_feedback"


def migrate(cr, version):
    if not version or not sql.table_exists(cr, TABLE):
        return
    columns = sql.table_columns(cr, TABLE)
    if "state" not in columns:
        sql.create_column(cr, TABLE, "state", "varchar")
    if "date_sent" not in columns:
        sql.create_column(cr, TABLE, "date_sent", "timestamp")
    cr.execute(
        SQL(
            "UPDATE %s SET state = 'sent', "
            "date_sent = COALESCE(date_sent, create_date) WHERE state IS NULL",
            SQL.identifier(TABLE),
        )
    )
    _logger.info(
        "hr_performance: migration 18.0.1.3.0 from %s: %s feedback marked sent",
        version,
        cr.rowcount,
    )
