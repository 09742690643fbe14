# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Judge a run of Odoo's own test runner (``odoo-bin --test-enable --test-tags ...``)
from its log, for the gate.

    check_odoo_tests.py count CONF TAGS MODULE...
        prints how many tests Odoo's loader selects for TAGS in MODULE... (at_install
        and post_install), without running them: what a complete run must count.
    check_odoo_tests.py check LOG [--known FILE] [--expect N] [--no-skip]
        reads the log of a run (at log level info) and fails (exit 1) when the run
        did not finish, when a test failed or errored that FILE does not list, when
        it ran another number of tests than N (a test class lost to an error in its
        setUpClass, say), or with --no-skip when a test was skipped. A failure FILE
        lists that did not happen is a warning: the host fixed it, remove the line.

FILE has one failure a line: the test id (``module.tests.test_x.Class.test_method``,
``module.tests.test_x.Class.setUpClass`` for a class that fails to set up), then
the reason, which is required; ``#`` starts a comment. An error logged outside a
test's outcome is listed as ``log:<logger>:<regular expression of the message>``
and its reason.
"""

import re
import sys

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ "
    r"(?P<logger>[\w.]+): (?P<message>.*)$"
)
OUTCOME = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<what>.+)$")
SUMMARY = re.compile(
    r"^(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)
SKIPPED = re.compile(r"^skipped (?P<what>\S+) : (?P<reason>.*)$")
# an error of a whole class: "setUpClass (odoo.addons.x.tests.test_y.Class)"
CLASS_LEVEL = re.compile(r"^(?P<hook>\w+) \((?:odoo\.addons\.)?(?P<cls>[\w.]+)\)$")
SUBTEST = re.compile(r"^Subtest (?P<test>\S+)")


def say(text):
    sys.stdout.write(f"{text}\n")


def test_id(logger, what):
    """A stable id for a failing test: its module path, class and method."""
    match = CLASS_LEVEL.match(what)
    if match:
        return f"{match['cls']}.{match['hook']}"
    match = SUBTEST.match(what)
    if match:
        what = match["test"]
    module = logger.removeprefix("odoo.addons.")
    return f"{module}.{what.split(' ', 1)[0]}"


def parse(path):
    outcomes, skipped, summary, other_errors = [], [], None, []
    with open(path, encoding="utf-8", errors="replace") as log:
        for raw in log:
            line = LINE.match(raw.rstrip("\n"))
            if not line:
                continue
            message, logger = line["message"], line["logger"]
            if logger == "odoo.tests.result" and SUMMARY.match(message):
                summary = SUMMARY.match(message)
            elif line["level"] in ("ERROR", "CRITICAL"):
                outcome = OUTCOME.match(message)
                if outcome:
                    outcomes.append((outcome["kind"], test_id(logger, outcome["what"])))
                else:
                    other_errors.append(f"{logger}:{message[:200]}")
            elif line["level"] == "INFO" and SKIPPED.match(message):
                skip = SKIPPED.match(message)
                skipped.append(f"{test_id(logger, skip['what'])}: {skip['reason']}")
    return outcomes, skipped, summary, other_errors


def read_known(path):
    known = {}
    with open(path, encoding="utf-8") as lines:
        for number, raw in enumerate(lines, 1):
            text = raw.split("#", 1)[0].strip()
            if not text:
                continue
            parts = text.split(None, 1)
            if len(parts) < 2:
                sys.exit(f"{path}:{number}: '{parts[0]}' has no reason")
            known[parts[0]] = parts[1]
    return known


def check(argv):
    path, known, expect, no_skip = argv[0], {}, None, False
    args = iter(argv[1:])
    for arg in args:
        if arg == "--known":
            known = read_known(next(args))
        elif arg == "--expect":
            expect = int(next(args))
        elif arg == "--no-skip":
            no_skip = True
        else:
            sys.exit(f"unknown argument {arg}")
    outcomes, skipped, summary, other_errors = parse(path)
    problems = []
    if not summary:
        problems.append("the run did not finish: no 'N failed, N error(s) of N tests'")
        run = failed = errors = 0
    else:
        run, failed, errors = (
            int(summary["run"]),
            int(summary["failed"]),
            int(summary["errors"]),
        )
    say(
        f"{run} tests run, {failed} failed, {errors} error(s), {len(skipped)} skipped"
        + (f" (expected {expect} tests)" if expect is not None else "")
    )
    if summary and len(outcomes) != failed + errors:
        problems.append(
            f"the log names {len(outcomes)} failures and errors, the summary "
            f"counts {failed + errors}"
        )
    seen = set()
    for kind, test in outcomes:
        seen.add(test)
        if test in known:
            say(f"  known {kind}: {test} ({known[test]})")
        else:
            problems.append(f"{kind}: {test}")
    patterns = {
        entry: re.compile(entry.removeprefix("log:"))
        for entry in known
        if entry.startswith("log:")
    }
    for error in other_errors:
        matched = [entry for entry, regex in patterns.items() if regex.match(error)]
        seen.update(matched)
        if not matched:
            problems.append(f"error logged outside a test: {error}")
    for entry in sorted(set(patterns) & seen):
        say(f"  known errors logged: {entry} ({known[entry]})")
    for test in sorted(set(known) - seen):
        say(
            f"  WARNING: {test} is listed as a known failure but did not fail this "
            "time: remove its line if the host fixed it"
        )
    if expect is not None and summary and run != expect:
        problems.append(
            f"{run} tests ran, but Odoo's loader selects {expect}: a test class "
            "was lost (an error in setUpClass?)"
        )
    if no_skip:
        problems += [f"skipped: {skip}" for skip in skipped]
    for problem in problems:
        say(f"  {problem}")
    return 1 if problems else 0


def count(argv):
    conf, tags, modules = argv[0], argv[1], argv[2:]
    import odoo  # noqa: PLC0415

    odoo.tools.config.parse_config(
        ["-c", conf, "--test-enable", "--test-tags", tags, "--log-level=warn"]
    )
    odoo.modules.module.initialize_sys_path()
    from odoo.tests import loader  # noqa: PLC0415 (after the configuration)

    total = sum(
        loader.make_suite(modules, position).countTestCases()
        for position in ("at_install", "post_install")
    )
    say(total)
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "check" and len(sys.argv) > 2:
        sys.exit(check(sys.argv[2:]))
    if command == "count" and len(sys.argv) > 4:
        sys.exit(count(sys.argv[2:]))
    sys.exit(__doc__)
