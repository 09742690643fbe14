"""Checks the wheel of the addon: what `pip install` puts into an Odoo environment.

usage: check_wheel.py WHEEL REPO [SITE_PACKAGES]

- the name, version, dependencies and layout whool gives an 18.0 addon: the
  distribution odoo-addon-hr_performance, the manifest's version (plus whool's commit
  count), only `odoo` as a dependency, every file under odoo/addons/hr_performance/;
- the addon's folder holds only the parts an installed addon uses (SHIPPED), exactly
  the files git tracks there, and none of the dev loop (FORBIDDEN);
- what the manifest loads (data, demo, assets), the icon, the description, the
  translation template and every Python package's __init__.py are in it;
- with SITE_PACKAGES, the addon `pip install <checkout>` installed there holds the
  same files, byte for byte, as the wheel.
"""

import ast
import csv
import fnmatch
import io
import re
import subprocess
import sys
import zipfile
from email.parser import HeaderParser
from pathlib import Path, PurePosixPath

ADDON = "hr_performance"
DIST = "odoo-addon-hr_performance"
PREFIX = f"odoo/addons/{ADDON}/"
# What an installed addon uses, at the top of its folder. tests/ ships, as in OCA's
# wheels: Odoo's own runner (--test-tags /hr_performance) runs them from the installed
# addon, and the tours of static/tests/ are assets of the manifest.
SHIPPED = {
    "__init__.py",
    "__manifest__.py",
    "README.md",
    "controllers",
    "data",
    "demo",
    "i18n",
    "migrations",
    "models",
    "readme",
    "reports",
    "security",
    "static",
    "tests",
    "views",
    "wizards",
}
# Never in the wheel, at any depth: the dev loop, CI, lint and node tooling, caches.
FORBIDDEN = [
    ".*",
    "__pycache__",
    "*.py[co]",
    "node_modules",
    "scripts",
    "Makefile",
    "pyproject.toml",
    "PKG-INFO",
    "setup.py",
    "setup.cfg",
    "package.json",
    "package-lock.json",
    "eslint.config.*",
    "prettier.config.*",
    "*.orig",
    "*.rej",
]
REQUIRED = [
    "__init__.py",
    "__manifest__.py",
    "README.md",
    f"i18n/{ADDON}.pot",
    "static/description/icon.png",
    "static/description/index.html",
]


def _forbidden(path):
    return any(
        fnmatch.fnmatchcase(part, pattern)
        for part in path.split("/")
        for pattern in FORBIDDEN
    )


def _record(text):
    """The files of a RECORD under the addon's folder, with their hashes; the .pyc
    files pip compiles at install are left out."""
    rows = csv.reader(io.StringIO(text))
    return {
        row[0]: row[1]
        for row in rows
        if row and row[0].startswith(PREFIX) and "/__pycache__/" not in row[0]
    }


def _check_metadata(wheel, names, manifest, problems):
    version = manifest["version"]
    match = re.fullmatch(
        rf"odoo_addon_{ADDON}-({re.escape(version)}(?:\.\d+)?)-py3-none-any\.whl",
        Path(wheel.filename).name,
    )
    if not match:
        problems.append(f"unexpected wheel name {Path(wheel.filename).name}")
        return None
    dist_info = f"odoo_addon_{ADDON}-{match.group(1)}.dist-info/"
    meta = HeaderParser().parsestr(wheel.read(dist_info + "METADATA").decode())
    if meta["Name"] != DIST:
        problems.append(f"distribution name {meta['Name']!r}, not {DIST!r}")
    if meta["Version"] != match.group(1):
        problems.append(f"METADATA version {meta['Version']} differs from the name")
    requires = meta.get_all("Requires-Dist") or []
    if requires != ["odoo==18.0.*"]:
        problems.append(
            f"dependencies {requires}: only odoo==18.0.* is expected; another one "
            "(a manifest's external_dependencies) must be installed in the scratch "
            "environment of scripts/wheel_check.sh too"
        )
    wheel_meta = HeaderParser().parsestr(wheel.read(dist_info + "WHEEL").decode())
    if wheel_meta["Tag"] != "py3-none-any" or wheel_meta["Root-Is-Purelib"] != "true":
        problems.append("the wheel is not a pure py3-none-any wheel")
    if wheel.read(dist_info + "top_level.txt").decode().split() != ["odoo"]:
        problems.append("top_level.txt does not name the odoo namespace alone")
    outside = sorted(
        n for n in names if not n.startswith(PREFIX) and not n.startswith(dist_info)
    )
    if outside:
        problems.append(f"files outside {PREFIX} and {dist_info}: {outside}")
    return dist_info


def _check_content(files, repo, manifest, problems):
    tops = {f.split("/", 1)[0] for f in files}
    for top in sorted(tops - SHIPPED):
        problems.append(
            f"{top} ships, but is not among the parts an installed addon uses "
            "(SHIPPED here); exclude it in pyproject.toml or add it to SHIPPED"
        )
    problems.extend(f"{f} must not ship" for f in sorted(files) if _forbidden(f))
    wanted = REQUIRED + manifest.get("data", []) + manifest.get("demo", [])
    problems.extend(f"{f} is missing" for f in wanted if f not in files)
    for bundle, globs in manifest.get("assets", {}).items():
        for glob in globs:
            path = glob.removeprefix(f"{ADDON}/")
            if not any(fnmatch.fnmatchcase(f, path) for f in files):
                problems.append(f"no file of the asset {glob} ({bundle}) ships")
    for folder in sorted({str(PurePosixPath(f).parent) for f in files}):
        has_py = any(
            str(PurePosixPath(f).parent) == folder and f.endswith(".py") for f in files
        )
        top = folder.split("/", 1)[0]
        if has_py and top in SHIPPED - {"migrations"} | {"."}:
            init = "__init__.py" if folder == "." else f"{folder}/__init__.py"
            if init not in files:
                problems.append(f"{init} is missing: {folder} would not import")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=repo, check=True, capture_output=True
    ).stdout.decode()
    expected = {
        f
        for f in tracked.split("\0")
        if f and f.split("/", 1)[0] in SHIPPED and not _forbidden(f)
    }
    problems.extend(f"{f} is tracked by git but missing" for f in expected - files)
    problems.extend(
        f"{f} ships but is not among the addon's files that git tracks"
        for f in files - expected
        if f.split("/", 1)[0] in SHIPPED and not _forbidden(f)
    )


def _check_installed(wheel, dist_info, site, problems):
    record = Path(site, dist_info, "RECORD")
    if not record.is_file():
        problems.append(f"pip install <checkout> left no {record}")
        return
    ours = _record(record.read_text())
    theirs = _record(wheel.read(dist_info + "RECORD").decode())
    if ours != theirs:
        differ = sorted(set(ours.items()) ^ set(theirs.items()))[:20]
        problems.append(
            f"pip install <checkout> installed other files than the wheel: {differ}"
        )


def main(wheel_path, repo, site=None):
    manifest = ast.literal_eval(Path(repo, "__manifest__.py").read_text())
    problems = []
    with zipfile.ZipFile(wheel_path) as wheel:
        names = [n for n in wheel.namelist() if not n.endswith("/")]
        dist_info = _check_metadata(wheel, names, manifest, problems)
        files = {n[len(PREFIX) :] for n in names if n.startswith(PREFIX)}
        _check_content(files, repo, manifest, problems)
        if site and dist_info:
            _check_installed(wheel, dist_info, site, problems)
    if problems:
        sys.stderr.write("".join(f"  {p}\n" for p in problems))
        return 1
    tops = sorted({f.split("/", 1)[0] for f in files})
    size = Path(wheel_path).stat().st_size
    sys.stdout.write(
        f"{Path(wheel_path).name}: {size // 1024} KiB, {len(files)} files under "
        f"{PREFIX}: {' '.join(tops)}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
