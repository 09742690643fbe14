"""PEP 517 build backend of hr_performance: whool's own hooks on the files that ship.

whool packages every file git tracks in the addon's folder and names the distribution
after that folder (odoo-addon-<folder>). This checkout is the addon and its dev loop at
once (scripts/, Makefile, CI, lint and node configurations), and a clone may have any
folder name, so each hook:

1. computes the version as whool does for this checkout (the manifest's version, plus
   the number of commits since it changed, whool's strategy for 18.0);
2. copies the files git tracks (every file when there is no git), less the `exclude`
   patterns of pyproject.toml's [tool.hr_performance.wheel], into a temporary folder
   named after the addon, with that name and version as PKG-INFO and a pyproject.toml
   naming whool alone, exactly as whool lays out an sdist;
3. runs whool's hook of the same name in that folder.

An sdist made here therefore builds with plain whool, without this module.
"""

import contextlib
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
from email.message import Message
from pathlib import Path

from manifestoo_core.metadata import metadata_from_addon_dir
from whool import buildapi as whool_buildapi

if sys.version_info >= (3, 11):
    import tomllib
else:  # whool requires tomli below 3.11
    import tomli as tomllib


def _pyproject(root):
    with open(root / "pyproject.toml", "rb") as f:
        pyproject = tomllib.load(f)
    if "whool" in pyproject.get("tool", {}):
        raise RuntimeError(
            "pyproject.toml has [tool.whool] options, which this backend does not "
            "pass on to the staged build; add them here first."
        )
    return pyproject


def _excluded(path, patterns):
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        candidates = prefixes if "/" in pattern else parts
        if any(fnmatch.fnmatchcase(c, pattern) for c in candidates):
            return True
    return False


def _tracked_files(root):
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"],
            cwd=root,
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return sorted(
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.is_file() and ".git" not in p.relative_to(root).parts
        )
    return sorted(f for f in out.decode().split("\0") if f)


def shipped_files(root):
    """The paths, relative to root, of the files the wheel ships."""
    patterns = _pyproject(root)["tool"]["hr_performance"]["wheel"]["exclude"]
    return [
        f
        for f in _tracked_files(root)
        if not _excluded(f, patterns) and (root / f).is_file()
    ]


def _pkg_info(root, addon):
    computed = metadata_from_addon_dir(root)
    folder_name = root.absolute().name
    if not computed["Name"].endswith("-" + folder_name):
        raise RuntimeError(f"unexpected distribution name {computed['Name']}")
    msg = Message()
    msg["Metadata-Version"] = computed["Metadata-Version"]
    msg["Name"] = computed["Name"][: -len(folder_name)] + addon
    msg["Version"] = computed["Version"]
    return msg.as_string()


def _stage_pyproject(pyproject):
    requires = ", ".join(json.dumps(r) for r in pyproject["build-system"]["requires"])
    return (
        f'[build-system]\nrequires = [{requires}]\nbuild-backend = "whool.buildapi"\n'
    )


@contextlib.contextmanager
def _staged():
    root = Path.cwd()
    pyproject = _pyproject(root)
    addon = pyproject["tool"]["hr_performance"]["wheel"]["addon"]
    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp) / addon
        stage.mkdir()
        for name in shipped_files(root):
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, stage / name)
        (stage / "PKG-INFO").write_text(_pkg_info(root, addon), encoding="utf-8")
        (stage / "pyproject.toml").write_text(
            _stage_pyproject(pyproject), encoding="utf-8"
        )
        os.chdir(stage)
        try:
            yield
        finally:
            os.chdir(root)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    wheel_directory = os.path.abspath(wheel_directory)
    with _staged():
        return whool_buildapi.build_wheel(wheel_directory, config_settings)


def build_sdist(sdist_directory, config_settings=None):
    sdist_directory = os.path.abspath(sdist_directory)
    with _staged():
        return whool_buildapi.build_sdist(sdist_directory, config_settings)


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    metadata_directory = os.path.abspath(metadata_directory)
    with _staged():
        return whool_buildapi.prepare_metadata_for_build_wheel(
            metadata_directory, config_settings
        )
