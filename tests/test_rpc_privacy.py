# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The privacy promises, through the same RPC paths a client uses: JSON-RPC as the web
client calls it, and XML-RPC as an external script would."""

import xmlrpc.client
from datetime import date, datetime

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import sent


@tagged("post_install", "-at_install", "access_rights")
class TestRpcPrivacy(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,hr_performance.group_hr_performance_manager"
        cls.manager = new_test_user(cls.env, login="hrp_rpc_manager", groups=groups)
        cls.employee = new_test_user(cls.env, login="hrp_rpc_employee")
        cls.peer = new_test_user(cls.env, login="hrp_rpc_peer")
        boss = cls.env["hr.employee"].create(
            {"name": "RPC Manager", "user_id": cls.manager.id}
        )
        cls.employee_emp = cls.env["hr.employee"].create(
            {"name": "RPC Employee", "user_id": cls.employee.id, "parent_id": boss.id}
        )
        cls.env["hr.employee"].create({"name": "RPC Peer", "user_id": cls.peer.id})
        cls.feedback = sent(
            cls.env["hr.performance.feedback"]
            .with_user(cls.manager)
            .create(
                {
                    "employee_id": cls.employee_emp.id,
                    "visibility": "private",
                    "body": "<p>Private words</p>",
                }
            )
        )
        cls.checkin = cls.env["hr.performance.checkin"].create(
            {"employee_id": cls.employee_emp.id, "date": datetime(2026, 12, 1, 9)}
        )
        cls.note = cls.env["hr.performance.checkin.note"].create(
            {"checkin_id": cls.checkin.id, "body": "<p>About the employee</p>"}
        )
        cls.goal = cls.env["hr.performance.goal"].create(
            {
                "name": "Private goal",
                "employee_id": cls.employee_emp.id,
                "date_deadline": date(2030, 12, 31),
                "private": True,
            }
        )

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assertRefused(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught:
            self._call(model, method, *args, **kwargs)
        self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")

    def test_peer_learns_nothing_over_json_rpc(self):
        self.authenticate("hrp_rpc_peer", "hrp_rpc_peer")
        model = "hr.performance.feedback"
        domain = [("employee_id", "=", self.employee_emp.id)]
        self.assertEqual(self._call(model, "search_read", domain, ["body"]), [])
        self.assertEqual(self._call(model, "search_count", domain), 0)
        self.assertEqual(
            self._call(model, "web_search_read", domain, {"body": {}})["records"], []
        )
        self.assertEqual(
            self._call(model, "read_group", domain, ["kind"], ["kind"]), []
        )
        self.assertEqual(self._call(model, "name_search", "Feedback"), [])
        self.assertRefused(model, "read", [self.feedback.id], ["body"])
        self.assertRefused(model, "web_read", [self.feedback.id], {"body": {}})
        self.assertRefused("hr.performance.goal", "read", [self.goal.id], ["name"])
        self.assertEqual(
            self._call(
                "mail.message",
                "search_read",
                [("model", "=", model), ("res_id", "=", self.feedback.id)],
                ["body"],
            ),
            [],
        )

    def test_employee_never_reads_private_notes_over_json_rpc(self):
        self.authenticate("hrp_rpc_employee", "hrp_rpc_employee")
        note = "hr.performance.checkin.note"
        self.assertRefused(note, "search_read", [], ["body"])
        self.assertRefused(note, "read", [self.note.id], ["body"])
        checkin = self._call(
            "hr.performance.checkin", "read", [self.checkin.id], ["display_name"]
        )
        self.assertEqual(checkin[0]["id"], self.checkin.id)
        self.assertRefused(
            "hr.performance.checkin", "read", [self.checkin.id], ["note_ids"]
        )

    def test_refused_writes_over_json_rpc(self):
        self.authenticate("hrp_rpc_employee", "hrp_rpc_employee")
        self.assertRefused(
            "hr.performance.goal", "write", [self.goal.id], {"state": "active"}
        )
        self.assertRefused(
            "hr.performance.feedback",
            "create",
            {
                "author_id": self.manager.id,
                "employee_id": self.employee_emp.id,
                "body": "<p>Forged</p>",
            },
        )
        self.assertRefused(
            "hr.performance.feedback", "write", [self.feedback.id], {"body": "<p>x</p>"}
        )
        self.assertEqual(self.goal.state, "draft")

    def test_external_client_over_xml_rpc(self):
        db = get_db_name()
        models = self.xmlrpc_object
        uid = self.xmlrpc_common.authenticate(db, "hrp_rpc_peer", "hrp_rpc_peer", {})
        self.assertTrue(uid)
        found = models.execute_kw(
            db,
            uid,
            "hrp_rpc_peer",
            "hr.performance.feedback",
            "search_read",
            [[("id", "=", self.feedback.id)]],
            {"fields": ["body", "author_id"]},
        )
        self.assertEqual(found, [])
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            models.execute_kw(
                db,
                uid,
                "hrp_rpc_peer",
                "hr.performance.checkin.note",
                "search_read",
                [[]],
                {"fields": ["body"]},
            )
        self.assertIn("not allowed to access", caught.exception.faultString)
