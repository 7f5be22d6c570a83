#!/usr/bin/env bash
# Install everything the tests need, then run the whole suite (unit, AppTest, browser).
# Extra arguments go to pytest, e.g. `bash tests/run.sh -m "not browser"`.
set -euo pipefail
cd "$(dirname "$0")/.."

# The versions CI has run (constraints.txt, refreshed by tests/lock.sh), so an upstream release
# cannot change a run without a commit.
python3 -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser offline).
if ! command -v chromium >/dev/null && [ -z "${STORYMAP_CHROMIUM:-}" ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
fi

exec python3 -m pytest "$@"
