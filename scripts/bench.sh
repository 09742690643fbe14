#!/usr/bin/env bash
# The scale benchmark (issue 7 fills it): set-up only for now, and says so.
source "$(dirname "$0")/lib.sh"
setup_all
say "no benchmark is defined yet: the scale benchmark arrives with the hardening work (ROADMAP)."
