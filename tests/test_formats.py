# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestFormats(TransactionCase):
    """Reports and dates read as people expect them."""

    def test_rating_trend_is_a_bar_chart_of_ratings_by_year(self):
        action = self.env.ref(
            "hr_performance.hr_performance_report_rating_action_trend"
        )
        graph = action.view_ids.filtered(lambda view: view.view_mode == "graph")
        arch = etree.fromstring(graph.view_id.arch)
        self.assertEqual(arch.get("type"), "bar", "one year shows as a bar")
        self.assertEqual(arch.get("stacked"), "0", "ratings are never summed")
        self.assertEqual(arch.xpath("//field[@type='measure']/@name"), ["rating_value"])
        self.assertEqual(
            arch.xpath("//field[@name='date_reference']/@interval"), ["year"]
        )
        self.assertNotIn("graph_mode", action.context)
        self.assertNotIn("rating_percent", action.context)

    def test_datetimes_show_no_seconds(self):
        """Every datetime field of the addon's views hides its seconds."""
        with_seconds = []
        views = self.env["ir.ui.view"].search(
            [("model", "=like", "hr.performance.%"), ("type", "in", ("list", "form"))]
        )
        for view in views:
            model = self.env[view.model]
            arch = etree.fromstring(view.arch)
            for node in arch.iter("field"):
                field = model._fields.get(node.get("name"))
                if (
                    field
                    and field.type == "datetime"
                    and node.get("widget") != "date"
                    and "show_seconds" not in (node.get("options") or "")
                    and node.get("column_invisible") not in ("1", "True")
                ):
                    with_seconds.append(f"{view.xml_id or view.name}:{field.name}")
        self.assertEqual(with_seconds, [])
