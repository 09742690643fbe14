"""Run oca-checks-odoo-module on this addon, whose manifest sits at the git top level.

The command-line tool looks for manifests below the git top level only, so it finds
nothing in a repository that is itself the addon; this calls its checker directly, with
every check enabled but those in DISABLED.
"""

import os
import sys

from oca_pre_commit_hooks import checks_odoo_module, utils

# prefer-readme-rst: this repository is the addon, and its README.md is the
# developers' guide of the repository; the addon's own description lives in readme/
# (OCA's fragments).
DISABLED = {"prefer-readme-rst"}


def main(addon_dir):
    manifest = os.path.realpath(os.path.join(addon_dir, "__manifest__.py"))
    checker = checks_odoo_module.ChecksOdooModule(
        manifest, set(), DISABLED, changed=None, verbose=True
    )
    for check in utils.getattr_checks(checker):
        check()
    errors = sorted(checker.checks_errors)
    for error in errors:
        sys.stdout.write(f"{error}\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
