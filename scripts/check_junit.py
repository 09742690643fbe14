"""Fail unless pytest's JUnit report shows tests that all ran and passed, none skipped.

Usage: check_junit.py REPORT.xml
"""

import sys
import xml.etree.ElementTree as ET


def main(path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    totals = {
        key: sum(int(suite.get(key, 0)) for suite in suites)
        for key in ("tests", "failures", "errors", "skipped")
    }
    skipped = [
        f"{case.get('classname')}.{case.get('name')}: {skip.get('message', '')}"
        for case in root.iter("testcase")
        for skip in case.findall("skipped")
    ]
    for line in skipped:
        sys.stdout.write(f"skipped (a skip is a failure here): {line}\n")
    sys.stdout.write(
        "{tests} tests, {failures} failures, {errors} errors, "
        "{skipped} skipped\n".format(**totals)
    )
    if totals["tests"] == 0:
        sys.stdout.write("no test ran\n")
        return 1
    return 1 if totals["failures"] or totals["errors"] or totals["skipped"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
