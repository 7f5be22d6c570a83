#!/usr/bin/env bash
# Re-fetch axe-core from the npm registry into this folder (axe.min.js and its licences).
# Usage: bash tests/browser/vendor/update.sh [VERSION]   (default: the newest 4.x)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${1:-4}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "axe-core@$version" >/dev/null
tar xzf axe-core-*.tgz
cp package/axe.min.js package/LICENSE package/LICENSE-3RD-PARTY.txt "$here/"
echo "axe-core $(node -p 'require("./package/package.json").version') vendored into $here"
sha256sum "$here/axe.min.js"
