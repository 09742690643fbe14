# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0 adds the analyses, SQL views over appraisals, assessments and goals.

PostgreSQL refuses to change the type of a column a view reads, so before the
schema is updated the analysis views are dropped; each analysis model creates its
view again in ``init()`` once the tables are up to date. Running it twice, or on a
database without the views, does nothing more.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

VIEWS = ("hr_performance_report_rating", "hr_performance_report_goal")


def migrate(cr, version):
    if not version:
        return
    for view in VIEWS:
        cr.execute(SQL("DROP VIEW IF EXISTS %s CASCADE", SQL.identifier(view)))
    _logger.info(
        "hr_performance: migration 18.0.1.1.0 from %s: analysis views dropped, "
        "to be created again",
        version,
    )
