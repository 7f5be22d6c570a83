#!/usr/bin/env bash
# Re-fetch the map's browser assets from the npm registry so the app and the
# static export need no CDN. Run from anywhere; rewrites static/vendor/ in place.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent leaflet@1.9.3 jquery@3.7.1 leaflet.fullscreen@3.0.0 leaflet-gesture-handling@1.2.2 >/dev/null
for f in *.tgz; do mkdir "${f%.tgz}"; tar xzf "$f" -C "${f%.tgz}"; done

rm -rf "$here/leaflet" "$here/jquery" "$here/leaflet.fullscreen" "$here/leaflet-gesture-handling"
mkdir -p "$here/leaflet" "$here/jquery" "$here/leaflet.fullscreen" "$here/leaflet-gesture-handling"
cp -r leaflet-1.9.3/package/dist/{leaflet.js,leaflet.css,images} leaflet-1.9.3/package/LICENSE "$here/leaflet/"
cp jquery-3.7.1/package/dist/jquery.min.js jquery-3.7.1/package/LICENSE.txt "$here/jquery/"
cp leaflet.fullscreen-3.0.0/package/{Control.FullScreen.js,Control.FullScreen.css,icon-fullscreen.svg,LICENSE} "$here/leaflet.fullscreen/"
# One finger scrolls the page and two move the map, on touch screens (static/touch-gestures.js).
cp leaflet-gesture-handling-1.2.2/package/dist/{leaflet-gesture-handling.min.js,leaflet-gesture-handling.min.css} leaflet-gesture-handling-1.2.2/package/LICENSE "$here/leaflet-gesture-handling/"
echo "vendored into $here"
