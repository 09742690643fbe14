# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The load test of ``make test``: Odoo with ``--workers=2`` on a demo database, and
concurrent XML-RPC clients giving feedback and updating key results for a few
seconds. Afterwards every feedback given is in the database exactly once, no client
got an error (Odoo retries its own serialization failures), each key result holds
the last value written to it, and the counts reconcile.

Usage: load_test.py PYTHON ODOO_BIN CONF DB PORT LOG [CLIENTS] [SECONDS]
Exits 1 with a message on any failure; the server is always stopped.
"""

import subprocess
import sys
import threading
import time
import urllib.request
import uuid
import xmlrpc.client

LOGINS = ("admin", "demo", "hrp_employee", "hrp_officer", "hrp_payroll")


def fail(message):
    sys.stderr.write(f"load test FAILED: {message}\n")
    sys.exit(1)


def wait_until_up(url, server, stderr, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            fail(f"the server stopped (exit {server.returncode}); see {stderr}")
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    fail("the server did not answer /web/health within 2 minutes")


class Client(threading.Thread):
    """One user's session: gives feedback with unique markers and writes
    increasing values into its key result, until the end of the run."""

    def __init__(self, run, url, db, login, recipients, key_result, until):
        super().__init__(daemon=True)
        self.run_id = run
        self.url, self.db, self.login = url, db, login
        self.recipients, self.key_result, self.until = recipients, key_result, until
        self.markers, self.values, self.errors = [], [], []

    def run(self):
        try:
            common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
            uid = common.authenticate(self.db, self.login, self.login, {})
            models = xmlrpc.client.ServerProxy(
                f"{self.url}/xmlrpc/2/object", allow_none=True
            )
            n = 0
            while time.monotonic() < self.until:
                n += 1
                self._give(models, uid, n)
                if self.key_result:
                    self._update(models, uid, n)
        except Exception as error:  # noqa: BLE001  every error a user would see
            self.errors.append(f"{self.login}: {error}")

    def _give(self, models, uid, n):
        marker = f"load-{self.run_id}-{uuid.uuid4().hex}"
        recipient = self.recipients[n % len(self.recipients)]
        models.execute_kw(
            self.db,
            uid,
            self.login,
            "hr.performance.feedback",
            "create",
            [{"employee_id": recipient, "body": f"<p>{marker}</p>"}],
        )
        self.markers.append(marker)

    def _update(self, models, uid, n):
        value = float(n)
        models.execute_kw(
            self.db,
            uid,
            self.login,
            "hr.performance.key.result",
            "write",
            [[self.key_result], {"current_value": value}],
        )
        self.values.append(value)


def plan(url, db):
    """{login: (recipient employee ids, key result id or False)} read as admin."""
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    admin = common.authenticate(db, "admin", "admin", {})
    if not admin:
        fail("the admin login of the demo data does not authenticate")
    users = models.execute_kw(
        db,
        admin,
        "admin",
        "res.users",
        "search_read",
        [[("login", "in", list(LOGINS))]],
        {"fields": ["login", "employee_ids"]},
    )
    employees = {user["login"]: user["employee_ids"] for user in users}
    missing = set(LOGINS) - set(employees)
    if missing:
        fail(f"demo logins missing: {sorted(missing)}")
    result = {}
    for login in LOGINS:
        others = [e for other, ids in employees.items() if other != login for e in ids]
        key_results = models.execute_kw(
            db,
            admin,
            "admin",
            "hr.performance.key.result",
            "search",
            [[("goal_id.employee_id", "in", employees[login] or [0])]],
            {"limit": 1},
        )
        result[login] = (others, key_results[0] if key_results else False)
    return result


def check(clients, db, run):
    """Every marker once, every key result at its last value, counts reconcile."""
    markers = [marker for client in clients for marker in client.markers]
    if not markers:
        fail("no feedback was given at all")
    rows = subprocess.run(
        [
            "psql",
            "-d",
            db,
            "-tAc",
            "select substring(body from 'load-[0-9a-f]{8}-[0-9a-f]{32}'), count(*) "
            f"from hr_performance_feedback where body like '%load-{run}-%' group by 1",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    found = dict(row.split("|") for row in rows)
    missing = [m for m in markers if m not in found]
    doubled = {m: n for m, n in found.items() if n != "1"}
    extra = set(found) - set(markers)
    if missing or doubled or extra:
        fail(
            f"{len(missing)} feedback missing, {len(doubled)} stored more than once, "
            f"{len(extra)} not given by a client"
        )
    last = {}
    for client in clients:
        if client.values:
            last.setdefault(client.key_result, set()).add(client.values[-1])
    for key_result, values in last.items():
        stored = subprocess.run(
            [
                "psql",
                "-d",
                db,
                "-tAc",
                f"select current_value from hr_performance_key_result "
                f"where id = {int(key_result)}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if float(stored) not in values:
            fail(f"key result {key_result} holds {stored}, not a last value {values}")
    return len(markers), sum(len(client.values) for client in clients)


def main():
    python, odoo_bin, conf, db, port, log = sys.argv[1:7]
    count = int(sys.argv[7]) if len(sys.argv) > 7 else 20
    seconds = float(sys.argv[8]) if len(sys.argv) > 8 else 5
    url = f"http://127.0.0.1:{port}"
    command = [python, odoo_bin, "-c", conf, "-d", db, "--db-filter", f"^{db}$"]
    command += ["--workers=2", "--max-cron-threads=0", f"--http-port={port}"]
    command += [f"--logfile={log}", "--log-level=info", "--no-database-list"]
    with open(f"{log}.stderr", "w") as stderr:
        server = subprocess.Popen(command, stdout=stderr, stderr=stderr)
    try:
        wait_until_up(url, server, f"{log}.stderr")
        roles = plan(url, db)
        run = uuid.uuid4().hex[:8]
        until = time.monotonic() + seconds
        clients = [
            Client(run, url, db, login, *roles[login], until)
            for login in (LOGINS * count)[:count]
        ]
        for client in clients:
            client.start()
        for client in clients:
            client.join(seconds + 120)
        errors = [error for client in clients for error in client.errors]
        if any(client.is_alive() for client in clients):
            fail("a client still waits for the server two minutes after the end")
        if errors:
            fail(f"{len(errors)} client errors, the first: {errors[0][:500]}")
        given, written = check(clients, db, run)
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
    with open(log) as server_log:
        retried = sum("SERIALIZATION_FAILURE" in line for line in server_log)
    sys.stdout.write(
        f"load test: {count} clients for {seconds:.0f} s on --workers=2: "
        f"{given} feedback given and stored once each, {written} key result "
        f"updates, {retried} concurrent updates retried by Odoo, no error seen "
        "by a client\n"
    )


if __name__ == "__main__":
    main()
