#!/usr/bin/env bash
# Refresh constraints.txt: resolve the project with its test and bench extras in a fresh virtual
# environment and record every version installed. CI installs with these constraints, so an
# upstream release changes nothing until this is run again, the suite passes and the file is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -e ".[test,bench]"
{
    echo "# Every package CI installs, at the version it was run with. Made by tests/lock.sh; do not edit by hand."
    "$venv/bin/pip" freeze --exclude-editable --disable-pip-version-check | LC_ALL=C sort -f
} > constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages"
