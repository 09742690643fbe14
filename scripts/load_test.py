# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The load test of ``make test``: a soak of Odoo with ``--workers=2`` on a demo
database, concurrent XML-RPC clients mixing the busiest real traffic for a while:
employees writing and submitting their self-assessments before the deadline,
reviewers answering and submitting 360 feedback, managers updating key results,
colleagues giving feedback, and officers approving reward proposals in batches of 5.
At most 16 requests are at the server's door at once (its listen backlog, 8 per
worker, as a reverse proxy would queue them); a call's latency includes its wait.
Its own population (employees, a launched cycle, 360 requests, proposals) is made in
an ``odoo shell`` first (scripts/load_setup.py). Afterwards every feedback given is
stored exactly once, every text answer holds the last value its writer wrote, every
assessment and response its client submitted is submitted, every proposal is
approved once (one tracking value each), each key result holds a last value written
to it, no client got an error (Odoo retries its own serialization failures) and the
server's log has no deadlock. Prints the throughput and the 50th/95th/99th
percentile latency per operation, and writes them as JSON to ``LOG.json``.

Usage: load_test.py PYTHON ODOO_BIN CONF DB PORT LOG [CLIENTS] [SECONDS]
Exits 1 with a message on any failure; the server is always stopped.
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
import xmlrpc.client
from collections import deque
from pathlib import Path

LOGINS = ("admin", "demo", "hrp_employee", "hrp_officer", "hrp_payroll")
KINDS = ("self", "review", "kr", "feedback", "approve")
BATCH = 5  # proposals an officer approves per call
# Odoo's prefork server listens with a backlog of 8 connections per worker and resets
# the others: like the reverse proxy in front of it, the clients queue at its door,
# first come first served


class Door:
    """At most ``size`` holders at once; the others wait their turn, in order."""

    def __init__(self, size):
        self.lock, self.free, self.waiting = threading.Lock(), size, deque()

    def __enter__(self):
        with self.lock:
            if self.free and not self.waiting:
                self.free -= 1
                return
            turn = threading.Event()
            self.waiting.append(turn)
        turn.wait()

    def __exit__(self, *exc):
        with self.lock:
            if self.waiting:
                self.waiting.popleft().set()  # the place goes to the first waiting
            else:
                self.free += 1


DOOR = Door(16)


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
    """One user's session doing one kind of work (``KINDS``) until the end of the
    run, timing each call; ``job`` says on what."""

    def __init__(self, run, url, db, login, kind, job, until):
        super().__init__(daemon=True)
        self.run_id, self.url, self.db, self.login = run, url, db, login
        self.kind, self.job, self.until = kind, job, until
        self.markers, self.values, self.errors = [], [], []
        self.written = {}  # (model, id): last text written
        self.submitted, self.approved = [], []
        self.latencies = {}

    def call(self, operation, model, method, *args):
        start = time.perf_counter()  # the wait at the door counts
        with DOOR:
            result = self.models.execute_kw(
                self.db, self.uid, self.login, model, method, *args
            )
        self.latencies.setdefault(operation, []).append(time.perf_counter() - start)
        return result

    def run(self):
        try:
            common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
            with DOOR:
                self.uid = common.authenticate(self.db, self.login, self.login, {})
            if not self.uid:
                raise RuntimeError("cannot log in")
            self.models = xmlrpc.client.ServerProxy(
                f"{self.url}/xmlrpc/2/object", allow_none=True
            )
            n = 0
            while time.monotonic() < self.until:
                n += 1
                getattr(self, f"_{self.kind}")(n)
            self._finish()
        except Exception as error:  # noqa: BLE001  every error a user would see
            self.errors.append(f"{self.login} ({self.kind}): {error}")

    def _marker(self):
        return f"load-{self.run_id}-{uuid.uuid4().hex}"

    def _self(self, n):
        _assessment, line = self.job
        text = self._marker()
        self.call(
            "self-assessment answer",
            "hr.performance.assessment.line",
            "write",
            [[line], {"comment": text}],
        )
        self.written[("hr_performance_assessment_line", line)] = text

    def _review(self, n):
        _response, answer = self.job[n % len(self.job)]
        text = self._marker()
        self.call(
            "360 answer",
            "hr.performance.review.answer",
            "write",
            [[answer], {"comment": text}],
        )
        self.written[("hr_performance_review_answer", answer)] = text

    def _kr(self, n):
        value = float(n)
        self.call(
            "key result update",
            "hr.performance.key.result",
            "write",
            [[self.job], {"current_value": value}],
        )
        self.values.append(value)

    def _feedback(self, n):
        marker = self._marker()
        draft = self.call(
            "feedback written",
            "hr.performance.feedback",
            "create",
            [{"employee_id": self.job[n % len(self.job)], "body": f"<p>{marker}</p>"}],
        )
        self.call("feedback sent", "hr.performance.feedback", "action_send", [[draft]])
        self.markers.append(marker)

    def _approve(self, n):
        todo = [i for i in self.job if i not in self.approved][:BATCH]
        if not todo:
            time.sleep(0.2)  # all approved: the officer is done
            return
        self.call(
            f"approve {BATCH} proposals",
            "hr.performance.reward",
            "action_approve",
            [todo],
        )
        self.approved += todo

    def _finish(self):
        """Before the deadline: the writers submit what they wrote."""
        if self.kind == "self" and self.written:
            self.call(
                "submit self-assessment",
                "hr.performance.assessment",
                "action_submit",
                [[self.job[0]]],
            )
            self.submitted.append(("hr_performance_assessment", self.job[0]))
        elif self.kind == "review":
            answered = {a for (_table, a) in self.written}
            ids = sorted({r for r, answer in self.job if answer in answered})
            if not ids:
                return
            self.call(
                "submit 360 answers",
                "hr.performance.review.response",
                "action_submit",
                [ids],
            )
            self.submitted += [("hr_performance_review_response", i) for i in ids]


def psql(db, query):
    return subprocess.run(
        ["psql", "-d", db, "-tAc", query], capture_output=True, text=True, check=True
    ).stdout


def setup(python, odoo_bin, conf, db, run, clients):
    """The soak's own population (scripts/load_setup.py), made in an ``odoo shell``."""
    per_kind = max(clients // len(KINDS), 1)
    env = dict(os.environ, LOAD_RUN=run, LOAD_SIZE=str(max(per_kind, 3)))
    env.update(LOAD_REWARDS="40", LOAD_APPROVERS=str(per_kind))
    with open(Path(__file__).with_name("load_setup.py")) as code:
        shell = subprocess.run(
            [python, odoo_bin, "shell", "-c", conf, "-d", db, "--no-http"]
            + ["--log-level=warn"],
            stdin=code,
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
    line = next(
        (line for line in shell.stdout.splitlines() if line.startswith("PLAN ")), None
    )
    if shell.returncode or not line:
        fail(f"setting the soak up failed: {shell.stderr[-2000:]}")
    return json.loads(line[5:])


def demo_plan(url, db):
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


def make_clients(run, url, db, count, plan, demo, until):
    """``count`` clients, the kinds in turn; each writer on their own record."""
    clients, made = [], dict.fromkeys(KINDS, 0)
    kr_logins = [login for login in LOGINS if demo[login][1]]
    reviewers = sorted(plan["review"])
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        k = made[kind]
        if kind == "self":
            if k >= len(plan["self"]):
                kind, k = "feedback", made["feedback"]
            else:
                login, assessment, line = plan["self"][k]
                job = (assessment, line)
        if kind == "review":
            if k >= len(reviewers):
                kind, k = "feedback", made["feedback"]
            else:
                login, job = reviewers[k], plan["review"][reviewers[k]]
        if kind == "approve":
            if k >= len(plan["rewards"]):
                kind, k = "feedback", made["feedback"]
            else:
                login, job = "hrp_officer", plan["rewards"][k]
        if kind == "kr":
            login = kr_logins[k % len(kr_logins)]
            job = demo[login][1]
        if kind == "feedback":
            login = LOGINS[k % len(LOGINS)]
            job = demo[login][0]
        made[kind] += 1
        clients.append(Client(run, url, db, login, kind, job, until))
    return clients


def check(clients, db, run):
    """Everything given stored once, every last value kept, counts reconcile."""
    markers = [marker for client in clients for marker in client.markers]
    if not markers:
        fail("no feedback was given at all")
    rows = psql(
        db,
        "select substring(body from 'load-[0-9a-f]{8}-[0-9a-f]{32}'), count(*) "
        f"from hr_performance_feedback where body like '%load-{run}-%' "
        "and state = 'sent' group by 1",
    ).split()
    found = dict(row.split("|") for row in rows)
    missing = [m for m in markers if m not in found]
    doubled = {m: n for m, n in found.items() if n != "1"}
    extra = set(found) - set(markers)
    if missing or doubled or extra:
        fail(
            f"{len(missing)} feedback missing, {len(doubled)} stored more than once, "
            f"{len(extra)} not given by a client"
        )
    for client in clients:
        for (table, record), text in client.written.items():
            stored = psql(db, f"select comment from {table} where id = {int(record)}")
            if stored.strip() != text:
                fail(f"{table} {record} holds {stored.strip()!r}, not {text!r}")
        for table, record in client.submitted:
            state = psql(db, f"select state from {table} where id = {int(record)}")
            if state.strip() != "submitted":
                fail(f"{table} {record} is {state.strip()!r}, not submitted")
    approved = [i for client in clients for i in client.approved]
    if approved:
        ids = ",".join(str(int(i)) for i in approved)
        rows = psql(
            db,
            "select r.id, r.state, (select count(*) from mail_tracking_value v "
            "join mail_message m on m.id = v.mail_message_id "
            "join ir_model_fields f on f.id = v.field_id "
            "where m.model = 'hr.performance.reward' and m.res_id = r.id "
            "and f.name = 'state' and v.new_value_char = 'Approved') "
            f"from hr_performance_reward r where r.id in ({ids})",
        ).split()
        wrong = [row for row in rows if not row.endswith("|approved|1")]
        if len(rows) != len(set(approved)) or wrong:
            fail(f"{len(wrong)} proposals not approved exactly once: {wrong[:3]}")
    last = {}
    for client in clients:
        if client.values:
            last.setdefault(client.job, set()).add(client.values[-1])
    for key_result, values in last.items():
        stored = psql(
            db,
            f"select current_value from hr_performance_key_result "
            f"where id = {int(key_result)}",
        ).strip()
        if float(stored) not in values:
            fail(f"key result {key_result} holds {stored}, not a last value {values}")
    return len(markers), len(approved)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(clients, seconds):
    merged = {}
    for client in clients:
        for operation, values in client.latencies.items():
            merged.setdefault(operation, []).extend(values)
    return {
        operation: {
            "calls": len(values),
            "per_second": round(len(values) / seconds, 2),
            "p50_ms": round(statistics.median(values) * 1000),
            "p95_ms": round(percentile(values, 0.95) * 1000),
            "p99_ms": round(percentile(values, 0.99) * 1000),
        }
        for operation, values in sorted(merged.items())
    }


def main():
    python, odoo_bin, conf, db, port, log = sys.argv[1:7]
    count = int(sys.argv[7]) if len(sys.argv) > 7 else 20
    seconds = float(sys.argv[8]) if len(sys.argv) > 8 else 5
    url = f"http://127.0.0.1:{port}"
    run = uuid.uuid4().hex[:8]
    plan = setup(python, odoo_bin, conf, db, run, count)
    command = [python, odoo_bin, "-c", conf, "-d", db, "--db-filter", f"^{db}$"]
    command += ["--workers=2", "--max-cron-threads=0", f"--http-port={port}"]
    command += [f"--logfile={log}", "--log-level=info", "--no-database-list"]
    with open(f"{log}.stderr", "w") as stderr:
        server = subprocess.Popen(command, stdout=stderr, stderr=stderr)
    try:
        wait_until_up(url, server, f"{log}.stderr")
        demo = demo_plan(url, db)
        until = time.monotonic() + seconds
        clients = make_clients(run, url, db, count, plan, demo, until)
        for client in clients:
            client.start()
        for client in clients:
            client.join(seconds + 300)
        errors = [error for client in clients for error in client.errors]
        if any(client.is_alive() for client in clients):
            fail("a client still waits for the server five minutes after the end")
        if errors:
            kinds = {}
            for error in errors:
                kinds.setdefault(error.split(")")[0], error)
            fail(
                f"{len(errors)} client errors, the first of each kind: "
                + " | ".join(error[:300] for error in kinds.values())
            )
        given, approved = check(clients, db, run)
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
    with open(log) as server_log:
        lines = server_log.readlines()
    retried = sum("SERIALIZATION_FAILURE" in line for line in lines)
    deadlocks = [line for line in lines if "deadlock detected" in line]
    if deadlocks:
        fail(f"{len(deadlocks)} deadlocks in the server log: {deadlocks[0][:300]}")
    figures = report(clients, seconds)
    with open(f"{log}.json", "w") as out:
        json.dump(
            {"clients": count, "seconds": seconds, "operations": figures}, out, indent=2
        )
    sys.stdout.write(
        f"load test: {count} clients for {seconds:.0f} s on --workers=2: "
        f"{given} feedback given and stored once each, {approved} proposals approved "
        f"once each, every answer and key result at its last value, {retried} "
        "concurrent updates retried by Odoo, no deadlock, no error seen by a client\n"
    )
    for operation, row in figures.items():
        sys.stdout.write(
            f"  {operation}: {row['calls']} calls, {row['per_second']}/s, "
            f"p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, p99 {row['p99_ms']} ms\n"
        )


if __name__ == "__main__":
    main()
