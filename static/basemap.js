/* Base-map names as real text (screen readers and find-in-page reach them).
 *
 * storymap.basemapLabels(map, config) draws the names geo/basemap.py hands it, most important
 * first: config = {pane: name, attribution: escaped text for the map's credits, secondLang: the
 * language of the second names, labels: [[lat, lon, name, second name in the region's own
 * language, kind, min zoom, first day, last day], ...]} (days YYYY-MM-DD, or "" for always).
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
    var SCALE_ROOM = 130; // the bottom left corner's scale bar: at most 100 px (Leaflet's default) and its margins
    var MIN_CREDITS = 120;
    var SITE_CLEARANCE = 17;  // below or above a point under one of the story's rings (radius 13 and its stroke)
    var MARKER_MAX = 40;  // the widest box of one of the story's circle markers (a ring is 2 x 13 px plus its stroke)
    // What the story draws that a name must leave clear.
    var OBSTACLES = ".leaflet-control, .leaflet-tooltip, .leaflet-popup, .storymap-pointer, path.storymap-place, path.storymap-highlight";

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

    // A name's min zoom is chosen for a map about REFERENCE px across (a laptop's). A smaller
    // map (a phone's) shows the same area at a lower zoom, so it names what that area holds on
    // the larger map, as many names as fit: log2(REFERENCE / its size) zooms sooner, never later.
    var REFERENCE = 750;
    function smallMapZooms(size) {
        return Math.max(0, Math.log2(REFERENCE / Math.sqrt(Math.max(1, size.x * size.y))));
    }

    // A name as compared with the story's labels: no accents, apostrophes or case.
    function plain(text) {
        return text.normalize("NFD").replace(/[\u0300-\u036f'\u2019\u02bc]/g, "").toLowerCase();
    }

    function overlaps(a, b) {
        return a.left < b.right + GAP && b.left < a.right + GAP && a.top < b.bottom + GAP && b.top < a.bottom + GAP;
    }

    storymap.basemapLabels = function (map, config) {
        var pane = map.getPane(config.pane) || map.createPane(config.pane);
        if (map.attributionControl && config.attribution) {
            map.attributionControl.addAttribution(config.attribution);
            // The credits, longer now, would reach under the scale bar (bottom left) on a
            // phone's map: they wrap onto a second line instead.
            var credits = map.attributionControl.getContainer();
            var fitCredits = function () { credits.style.maxWidth = Math.max(MIN_CREDITS, map.getSize().x - SCALE_ROOM) + "px"; };
            map.on("resize", fitCredits);
            fitCredits();
        }
        var items = config.labels.map(function (row) {
            var box = element(row, config.secondLang);
            pane.appendChild(box);
            return {latlng: L.latLng(row[0], row[1]), name: row[2], plainName: plain(row[2]), minZoom: row[5], town: row[4] === "city", site: row[4] === "site", box: box, size: null, shown: false,
                    from: row[6] || "", until: row[7] || ""};
        });

        // What the reader sees of the story: a label the story hides (no room for it) or a
        // ring it fades out (opacity 0, no fill) takes no room and writes no name.
        function seen(node) {
            var style = window.getComputedStyle(node);
            if (style.visibility === "hidden" || style.display === "none" || style.opacity === "0") { return false; }
            var unfilled = node.getAttribute("fill") === "none" || node.getAttribute("fill-opacity") === "0";
            return !(node.tagName.toLowerCase() === "path" && node.getAttribute("stroke-opacity") === "0" && unfilled);
        }

        function boxesOf(selector) {
            var frame = map.getContainer().getBoundingClientRect();
            var boxes = [];
            map.getContainer().querySelectorAll(selector).forEach(function (node) {
                var r = node.getBoundingClientRect();
                if ((r.width || r.height) && seen(node)) {
                    boxes.push({left: r.left - frame.left, right: r.right - frame.left, top: r.top - frame.top, bottom: r.bottom - frame.top});
                }
            });
            return boxes;
        }

        // A marker of the story is a small circle: its box is a small square. A line the story
        // draws across the map has a box as wide as the map, and a town under it is not "on" it.
        function isMarker(box) {
            var width = box.right - box.left, height = box.bottom - box.top;
            return width <= MARKER_MAX && Math.abs(width - height) <= 2;
        }

        // A town the story also marks keeps its name: written beside the story's marker (right
        // of it, else left of it) instead of on it, the marker standing for the name's dot.
        // The box of the markers under the point, or null.
        function markerUnder(point, places) {
            var under = null;
            places.forEach(function (p) {
                if (!isMarker(p)) { return; }
                var centre = L.point((p.left + p.right) / 2, (p.top + p.bottom) / 2);
                if (centre.distanceTo(point) > (p.right - p.left) / 2) { return; }
                under = under ? {left: Math.min(under.left, p.left), right: Math.max(under.right, p.right), names: under.names} : {left: p.left, right: p.right, names: []};
                under.key = Math.round(centre.x) + "," + Math.round(centre.y);
                if (p.name) { under.names.push(p.name); }
            });
            return under;
        }

        // The story's markers and rings as boxes, each with the plain text of its tooltip or
        // label (the place it stands for), so that a town is written only beside its own marker.
        function markerBoxes() {
            var frame = map.getContainer().getBoundingClientRect(), boxes = [];
            map.eachLayer(function (layer) {
                var node = layer instanceof L.CircleMarker && layer.getElement && layer.getElement();
                if (!node || !/(^|\s)storymap-(place|highlight)(\s|$)/.test(node.getAttribute("class") || "") || !seen(node)) { return; }
                var r = node.getBoundingClientRect();
                if (!(r.width || r.height)) { return; }
                var name = plain(storymap.tooltipText(layer));
                boxes.push({left: r.left - frame.left, right: r.right - frame.left, top: r.top - frame.top, bottom: r.bottom - frame.top, name: name});
            });
            return boxes;
        }

        // Where a name may go, as offsets of its box's top left corner from its point.
        // One name to a marker: a second town under it (a suburb at this zoom) gives way to the
        // first, the more important, rather than read as the marker's name.
        function offsetsOf(item, point, places, named) {
            var extent = item.size, up = -extent.y / 2;
            var centred = {offset: L.point(-extent.x / 2, up), width: extent.x, beside: false};
            if (item.site) {
                // A site (a beach, a bridge) is small: when a marker of the story covers it, its
                // name goes just below or above, still pointing at it.
                return [centred,
                        {offset: L.point(-extent.x / 2, SITE_CLEARANCE), width: extent.x, beside: false},
                        {offset: L.point(-extent.x / 2, -SITE_CLEARANCE - extent.y), width: extent.x, beside: false}];
            }
            if (!item.town) { return [centred]; }
            var marker = markerUnder(point, places);
            // Under another place's marker (a neighbouring town at a small zoom): not written, or
            // it would read as that place's name.
            if (marker && !marker.names.some(function (name) { return name.indexOf(item.plainName) !== -1; })) { return []; }
            // Right of its dot, else (near the map's right edge, say) left of it, the dot after the name.
            if (!marker) {
                return [{offset: L.point(-DOT_SPACE / 2, up), width: extent.x, beside: false},
                        {offset: L.point(DOT_SPACE / 2 - extent.x, up), width: extent.x, beside: false, dotAfter: true}];
            }
            if (named.has(marker.key)) { return []; }
            var width = extent.x - DOT_SPACE;  // no dot of its own beside a marker
            return [
                {offset: L.point(marker.right + GAP + 1 - point.x, up), width: width, beside: true, marker: marker.key},
                {offset: L.point(marker.left - GAP - 1 - width - point.x, up), width: width, beside: true, marker: marker.key}
            ];
        }

        function show(item, visible) {
            if (item.shown !== visible) { item.box.hidden = !visible; item.shown = visible; }
        }

        function layout() {
            var size = map.getSize(), zoom = map.getZoom() + smallMapZooms(size), view = map.getBounds().pad(0.05);
            // Reads first (the story's boxes, then the sizes of names not yet measured), then
            // writes, so the browser lays the page out twice per pass, not once per name.
            var taken = boxesOf(OBSTACLES), places = markerBoxes();
            // A name the chapter already writes on its own label is not written twice.
            // (Kaesŏng is the story's Kaesong: names are compared without accents and apostrophes.)
            var written = plain(Array.prototype.filter.call(map.getContainer().querySelectorAll(".leaflet-tooltip"), seen).map(function (tip) {
                return tip.textContent;
            }).join("\n"));
            // A name true only for a time (a country founded or renamed) shows on chapters of that time.
            var day = storymap.view && storymap.view.day;
            var candidates = items.filter(function (item) {
                var current = !day || ((item.from || day) <= day && day <= (item.until || day));
                return current && zoom + 1e-6 >= item.minZoom && view.contains(item.latlng) && written.indexOf(item.plainName) === -1;
            });
            var unmeasured = candidates.filter(function (item) { return !item.size; });
            unmeasured.forEach(function (item) {
                item.box.classList.remove("storymap-basemap-beside-place");  // measured with its dot's room
                show(item, true);
            });
            unmeasured.forEach(function (item) { item.size = L.point(item.box.offsetWidth, item.box.offsetHeight); });
            var placed = new Set(), named = new Set();
            candidates.forEach(function (item) {
                var point = map.latLngToContainerPoint(item.latlng);
                offsetsOf(item, point, places, named).some(function (where) {
                    var left = point.x + where.offset.x, top = point.y + where.offset.y;
                    var box = {left: left, top: top, right: left + where.width, bottom: top + item.size.y};
                    var inside = box.left >= EDGE && box.top >= EDGE && box.right <= size.x - EDGE && box.bottom <= size.y - EDGE;
                    if (!inside || taken.some(function (other) { return overlaps(box, other); })) { return false; }
                    taken.push(box);
                    placed.add(item);
                    if (where.marker) { named.add(where.marker); }
                    item.box.classList.toggle("storymap-basemap-beside-place", where.beside);
                    item.box.classList.toggle("storymap-basemap-dot-after", Boolean(where.dotAfter));
                    L.DomUtil.setPosition(item.box, map.latLngToLayerPoint(item.latlng).add(where.offset).round());
                    return true;
                });
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
        storymap.scheduleBasemapLayout = schedule;  // after the story has placed its labels
        storymap.basemapZoomOffset = function () { return smallMapZooms(map.getSize()); };
    };
})();
