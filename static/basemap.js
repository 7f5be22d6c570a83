/* Base-map names as real text (screen readers and find-in-page reach them).
 *
 * storymap.basemapLabels(map, config) draws the names geo/basemap.py hands it, most important
 * first: config = {pane: name, attribution: escaped text for the map's credits, secondLang: the
 * language of the second names, labels: [[lat, lon, name, second name in the region's own
 * language, kind, min zoom], ...]}.
 * After every move it shows the names whose min zoom the map has reached, in that order,
 * skipping any that would overlap a name already shown, a control (zoom buttons, legend, layer
 * list), one of the story's places or labels, or the map's edge. So a few names show at the
 * peninsula view and more as the reader zooms in, and none ever sits on another.
 */
(function () {
    "use strict";
    var storymap = window.storymap = window.storymap || {};
    var EDGE = 4;         // keep names this many pixels inside the map
    var GAP = 3;          // and this far from each other
    var DOT_SPACE = 9;    // a town's name starts this far right of its point (the dot is drawn by CSS)
    // What the story draws that a name must leave clear.
    var OBSTACLES = ".leaflet-control, .leaflet-tooltip, .leaflet-popup, path.storymap-place, path.storymap-highlight";
    // Markers and the chapter's rings; not a story line (a parallel), whose box spans the view.
    var PLACES = "path.storymap-place:not(.storymap-parallel), path.storymap-highlight";

    function element(row, secondLang) {
        var box = document.createElement("div");
        box.className = "storymap-basemap-label storymap-basemap-" + row[4];
        box.appendChild(document.createTextNode(row[2]));
        if (row[3]) {
            var second = document.createElement("span");
            if (secondLang) { second.lang = secondLang; }
            second.textContent = row[3];
            box.appendChild(document.createTextNode(" "));
            box.appendChild(second);
        }
        box.hidden = true;
        return box;
    }

    function overlaps(a, b) {
        return a.left < b.right + GAP && b.left < a.right + GAP && a.top < b.bottom + GAP && b.top < a.bottom + GAP;
    }

    storymap.basemapLabels = function (map, config) {
        var pane = map.getPane(config.pane) || map.createPane(config.pane);
        if (map.attributionControl && config.attribution) { map.attributionControl.addAttribution(config.attribution); }
        var items = config.labels.map(function (row) {
            var box = element(row, config.secondLang);
            pane.appendChild(box);
            return {latlng: L.latLng(row[0], row[1]), name: row[2], minZoom: row[5], town: row[4] === "city", box: box, size: null, shown: false};
        });

        function boxesOf(selector) {
            var frame = map.getContainer().getBoundingClientRect();
            var boxes = [];
            map.getContainer().querySelectorAll(selector).forEach(function (node) {
                var r = node.getBoundingClientRect();
                if (r.width || r.height) {
                    boxes.push({left: r.left - frame.left, right: r.right - frame.left, top: r.top - frame.top, bottom: r.bottom - frame.top});
                }
            });
            return boxes;
        }

        // A town the story also marks keeps its name: written just right of
        // the story's marker instead of on it.
        function besidePlace(point, places) {
            var shift = null;
            places.forEach(function (p) {
                var radius = (p.right - p.left) / 2;
                var centre = L.point((p.left + p.right) / 2, (p.top + p.bottom) / 2);
                if (centre.distanceTo(point) <= radius) {
                    shift = Math.max(shift === null ? -Infinity : shift, p.right + GAP + 1 - point.x);
                }
            });
            return shift;
        }

        function show(item, visible) {
            if (item.shown !== visible) { item.box.hidden = !visible; item.shown = visible; }
        }

        function layout() {
            var zoom = map.getZoom(), size = map.getSize(), view = map.getBounds().pad(0.05);
            // Reads first (the story's boxes, then the sizes of names not yet measured), then
            // writes, so the browser lays the page out twice per pass, not once per name.
            var taken = boxesOf(OBSTACLES), places = boxesOf(PLACES);
            // A name the chapter already writes on its own label is not written twice.
            var written = Array.prototype.map.call(map.getContainer().querySelectorAll(".leaflet-tooltip"), function (tip) {
                return tip.textContent;
            }).join("\n");
            var candidates = items.filter(function (item) {
                return zoom + 1e-6 >= item.minZoom && view.contains(item.latlng) && written.indexOf(item.name) === -1;
            });
            var unmeasured = candidates.filter(function (item) { return !item.size; });
            unmeasured.forEach(function (item) {
                item.box.classList.remove("storymap-basemap-beside-place");  // measured with its dot's room
                show(item, true);
            });
            unmeasured.forEach(function (item) { item.size = L.point(item.box.offsetWidth, item.box.offsetHeight); });
            var placed = new Set();
            candidates.forEach(function (item) {
                var extent = item.size, point = map.latLngToContainerPoint(item.latlng);
                var shift = item.town ? besidePlace(point, places) : null;
                var offset = shift !== null ? L.point(shift, -extent.y / 2)
                    : item.town ? L.point(-DOT_SPACE / 2, -extent.y / 2) : L.point(-extent.x / 2, -extent.y / 2);
                var left = point.x + offset.x, top = point.y + offset.y;
                var box = {left: left, top: top, right: left + extent.x, bottom: top + extent.y};
                var inside = box.left >= EDGE && box.top >= EDGE && box.right <= size.x - EDGE && box.bottom <= size.y - EDGE;
                if (!inside || taken.some(function (other) { return overlaps(box, other); })) { return; }
                taken.push(box);
                placed.add(item);
                item.box.classList.toggle("storymap-basemap-beside-place", shift !== null);
                L.DomUtil.setPosition(item.box, map.latLngToLayerPoint(item.latlng).add(offset).round());
            });
            items.forEach(function (item) { show(item, placed.has(item)); });
        }

        var pending = false;
        function schedule() {
            if (pending) { return; }
            pending = true;
            window.requestAnimationFrame(function () { pending = false; layout(); });
        }
        // Names are measured once; again when the web font arrives and changes their width.
        if (document.fonts && document.fonts.addEventListener) {
            document.fonts.addEventListener("loadingdone", function () {
                items.forEach(function (item) { item.size = null; });
                schedule();
            });
        }
        // layeradd: a chapter's labels and rings appear; the names must give way to them.
        map.on("moveend zoomend resize layeradd layerremove popupopen popupclose", schedule);
        map.whenReady(schedule);
        storymap.layoutBasemapLabels = layout;  // for tests and for code that moves controls
    };
})();
