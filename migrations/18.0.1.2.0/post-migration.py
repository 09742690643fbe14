# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: key results are measured from allow-listed documents only.

A key result measured from any model (``measure_model_id``, now gone) keeps its
measure when its model is one of the measured documents administrators keep
(``hr.performance.measure.source``); any other goes back to "updated by hand", with
the reason on the key result. Who configured a measure is not known from before:
a department or company goal's measure needs an officer to configure it again.
Running it twice does nothing more.
"""

import logging

from odoo import SUPERUSER_ID, api

from odoo.addons.hr_performance.models.hr_performance_measure_source import (
    is_forbidden,
)

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'hr_performance_key_result' "
        "AND column_name = 'measure_model_id'"
    )
    if not cr.fetchone():
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        "SELECT k.id, m.model FROM hr_performance_key_result k "
        "JOIN ir_model m ON m.id = k.measure_model_id "
        "WHERE k.measure = 'erp' AND k.measure_source_id IS NULL"
    )
    rows = cr.fetchall()
    Source = env["hr.performance.measure.source"].with_context(active_test=False)
    Result = env["hr.performance.key.result"]
    kept = dropped = 0
    for result_id, model in rows:
        result = Result.browse(result_id)
        source = Source.search([("model_name", "=", model)], limit=1)
        if source and not is_forbidden(model):
            result.write({"measure_source_id": source.id})
            kept += 1
            continue
        result.write(
            {
                "measure": "manual",
                "measure_error": env._(
                    "Measured from %(model)s, which is not one of the measured "
                    "documents: updated by hand from now on.",
                    model=model,
                ),
            }
        )
        dropped += 1
    cr.execute("ALTER TABLE hr_performance_key_result DROP COLUMN measure_model_id")
    cr.execute(
        "ALTER TABLE hr_performance_key_result DROP COLUMN IF EXISTS measure_field_id"
    )
    _logger.info(
        "hr_performance: migration 18.0.1.2.0 from %s: %s measured key results kept, "
        "%s back to updated by hand",
        version,
        kept,
        dropped,
    )
