// The story map's runtime: how a chapter's view is framed, which layers show, the legend, the
// labels of lines and places, and a control that returns to the chapter's view. The map is never
// rebuilt: each chapter's feature group calls storymap.chapter() (or files itself with
// storymap.file() for a page that switches chapters itself). Configured only by data written
// with tojson in geo/map_script.py.
(function () {
    "use strict";
    var storymap = window.storymap = window.storymap || {};
    storymap.layers = storymap.layers || {};  // historical layers: a chapter's date shows them
    storymap.extras = storymap.extras || {};  // layers the reader turns on (the route)
    storymap.chapters = storymap.chapters || {};
    storymap.lineLabels = storymap.lineLabels || [];
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    // What a view frames stays this far inside the map's edge and its controls: a place's ring
    // (13 px) and a label beside it (about 20 px high) must fit.
    var EDGE = 30;
    var GAP = 24;
    var SMALL_MAP = 500;  // px wide: a phone's map
    var SMALL_RING = 0.85;  // a chapter's rings on a phone's map, as a share of their radius

    function visible(element) { return element.offsetWidth > 0 && element.offsetHeight > 0; }

    function rectIn(frame, element) {
        var box = element.getBoundingClientRect();
        return {left: box.left - frame.left, top: box.top - frame.top, right: box.right - frame.left, bottom: box.bottom - frame.top};
    }

    function overlaps(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }

    function controls(map) {
        var container = map.getContainer(), frame = container.getBoundingClientRect();
        return Array.prototype.filter.call(container.querySelectorAll(".leaflet-control"), visible)
            .map(function (element) { return rectIn(frame, element); });
    }

    // How far each side of the map the controls reach (the corners' widths and heights).
    function cornerExtent(map, corner) {
        var container = map.getContainer(), frame = container.getBoundingClientRect();
        var box = container.querySelector(".leaflet-" + corner.replace("-", ".leaflet-"));
        var extent = {x: 0, y: 0};
        if (!box) { return extent; }
        Array.prototype.forEach.call(box.querySelectorAll(".leaflet-control"), function (element) {
            if (!visible(element)) { return; }
            var r = rectIn(frame, element);
            extent.x = Math.max(extent.x, corner.indexOf("left") >= 0 ? r.right : frame.width - r.left);
            extent.y = Math.max(extent.y, corner.indexOf("top") >= 0 ? r.bottom : frame.height - r.top);
        });
        return extent;
    }

    // Fit options that keep what a view frames clear of every control: the top-left buttons,
    // the layer control (top right), and the legend and scale (bottom left), which the view
    // avoids by padding either its left side or its bottom, whichever leaves the closer view.
    storymap.fitOptions = function (map, bounds) {
        var topLeft = cornerExtent(map, "top-left"), topRight = cornerExtent(map, "top-right");
        var bottomLeft = cornerExtent(map, "bottom-left"), bottomRight = cornerExtent(map, "bottom-right");
        // A phone's map is small: narrower margins leave it room to show the view closer.
        var small = map.getSize().x < SMALL_MAP, edge = small ? EDGE / 2 : EDGE, gap = small ? GAP / 2 : GAP;
        var left = Math.max(edge, topLeft.x + gap), right = Math.max(edge, topRight.x + gap);
        var top = edge, bottom = Math.max(edge, bottomRight.y + gap);
        var fit = function (l, b) { return {paddingTopLeft: [l, top], paddingBottomRight: [right, b], maxZoom: 13}; };
        var options = [fit(Math.max(left, bottomLeft.x + gap), bottom), fit(left, Math.max(bottom, bottomLeft.y + gap))];
        var size = map.getSize();
        var padded = function (option) { return L.point(option.paddingTopLeft).add(option.paddingBottomRight); };
        // A padding that would leave less than a third of the map (a frame still being laid
        // out, a small phone) is not worth it.
        var roomy = options.filter(function (option) {
            var room = size.subtract(padded(option));
            return room.x >= Math.max(100, size.x / 3) && room.y >= Math.max(100, size.y / 3);
        });
        var zoomOf = function (option) { return map.getBoundsZoom(bounds, false, padded(option)); };
        // Neither fits: just the edges. (Controls measured before their stylesheet has come lie
        // anywhere; a padding wider than the map would make Leaflet zoom all the way in.)
        var edges = {paddingTopLeft: [edge, edge], paddingBottomRight: [edge, edge], maxZoom: 13};
        return (roomy.length ? roomy : [edges]).reduce(function (best, option) {
            return zoomOf(option) > zoomOf(best) ? option : best;
        });
    };

    // The box the view leaves clear of the controls, in container pixels, for given fit options.
    function clearBox(map, fit) {
        var size = map.getSize();
        return {left: fit.paddingTopLeft[0], top: fit.paddingTopLeft[1], right: size.x - fit.paddingBottomRight[0], bottom: size.y - fit.paddingBottomRight[1]};
    }

    // A view as bounds to fit: a center-and-zoom view becomes the box it shows, widened to take
    // in the chapter's places that lie near it. A place so far away that taking it in would
    // zoom out more than FAR_ZOOMS levels (another continent) stays outside; an arrow at the
    // edge of the map points to it instead.
    var FAR_ZOOMS = 2;
    function framing(map, view) {
        var size = map.getSize(), bounds, zoom;
        if (view.bounds) {
            bounds = L.latLngBounds(view.bounds);
        } else {
            var centre = map.project(view.center, view.zoom);
            var half = size.divideBy(2);
            bounds = L.latLngBounds(map.unproject(centre.subtract(half), view.zoom), map.unproject(centre.add(half), view.zoom));
        }
        var fit = storymap.fitOptions(map, bounds);
        var padding = L.point(fit.paddingTopLeft).add(fit.paddingBottomRight);
        zoom = view.bounds ? map.getBoundsZoom(bounds, false, padding) : view.zoom;
        var widened = L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast());
        (view.places || []).forEach(function (place) {
            if (bounds.contains(place)) { return; }
            var candidate = L.latLngBounds(widened.getSouthWest(), widened.getNorthEast()).extend(place);
            if (map.getBoundsZoom(candidate, false, padding) >= zoom - FAR_ZOOMS) { widened = candidate; }
        });
        var changed = !widened.equals(bounds);
        if (!view.bounds && !changed) {
            // The view's own center and zoom, unless a place under a control needs the view to shift.
            var box = clearBox(map, fit), origin = map.project(view.center, view.zoom).subtract(size.divideBy(2));
            var hidden = (view.places || []).some(function (place) {
                var p = map.project(place, view.zoom).subtract(origin);
                return bounds.contains(place) && (p.x < box.left || p.x > box.right || p.y < box.top || p.y > box.bottom);
            });
            if (!hidden) { return {center: view.center, zoom: view.zoom}; }
            // At the view's own zoom, shifted just enough to bring its places into the clear
            // box, when they fit in it; else the author's whole view, a little further out.
            var shifted = shiftedIntoBox(map, view, box, origin);
            if (shifted) { return {center: shifted, zoom: view.zoom}; }
            return {bounds: bounds, fit: L.extend({}, fit, {maxZoom: view.zoom})};
        }
        return {bounds: widened, fit: view.bounds ? fit : L.extend({}, storymap.fitOptions(map, widened), {maxZoom: view.zoom})};
    }

    // The view's centre moved so that every place it shows lies in the box (container pixels at
    // the view's zoom; origin: the view's top-left corner), or null when they cannot all fit.
    function shiftedIntoBox(map, view, box, origin) {
        var points = (view.places || []).map(function (place) { return map.project(place, view.zoom).subtract(origin); });
        var xs = points.map(function (p) { return p.x; }), ys = points.map(function (p) { return p.y; });
        var low = L.point(Math.min.apply(null, xs), Math.min.apply(null, ys)), high = L.point(Math.max.apply(null, xs), Math.max.apply(null, ys));
        if (high.x - low.x > box.right - box.left || high.y - low.y > box.bottom - box.top) { return null; }
        var shift = L.point(
            low.x < box.left ? box.left - low.x : (high.x > box.right ? box.right - high.x : 0),
            low.y < box.top ? box.top - low.y : (high.y > box.bottom ? box.bottom - high.y : 0)
        );
        return map.unproject(map.project(view.center, view.zoom).subtract(shift), view.zoom);
    }

    storymap.showView = function (map, view, jump) {
        var animate = storymap.view !== undefined && !reduceMotion && !jump;
        storymap.view = view;
        storymap.readerMoved = false;
        // No map.stop(): stopped mid-flight, Leaflet snaps the zoom with an animation that lands
        // after this view is set, undoing it. Its flyTo and setView end a flight themselves.
        storymap.flying = animate;
        storymap.layoutChangedInFlight = false;
        if (animate) {
            map.once("moveend", function () {
                storymap.flying = false;
                // The box or its controls changed while the map was in the air: the flight aimed
                // for the old layout.
                if (storymap.layoutChangedInFlight && storymap.view === view) { storymap.reframe(); }
                else { storymap.placeLabels(map); }
            });
        }
        var target = framing(map, view);
        if (target.bounds) {
            if (animate) { map.flyToBounds(target.bounds, L.extend({duration: storymap.flySeconds}, target.fit)); }
            else { map.fitBounds(target.bounds, L.extend({animate: false}, target.fit)); }
        } else if (animate) {
            map.flyTo(target.center, target.zoom, {duration: storymap.flySeconds});
        } else {
            map.setView(target.center, target.zoom, {animate: false});
        }
        if (!animate) { storymap.placeLabels(map); }
    };

    // Show exactly the historical layers a chapter's date calls for; the reader may still
    // toggle any of them in the layer control until the next chapter.
    storymap.showLayers = function (map, ids) {
        Object.keys(storymap.layers).forEach(function (id) {
            var layer = storymap.layers[id], wanted = ids.indexOf(id) !== -1;
            if (wanted && !map.hasLayer(layer)) { map.addLayer(layer); }
            if (!wanted && map.hasLayer(layer)) { map.removeLayer(layer); }
        });
    };

    storymap.registerLayer = function (registry, id, layer) { storymap[registry][id] = layer; };

    // A chapter arrives: a popup opened by the click that chose it would be left behind by the
    // move (half off the map, under the controls), so it closes.
    storymap.chapter = function (map, group, view, layerIds) {
        storymap.group = group;
        map.closePopup();
        storymap.showLayers(map, layerIds);
        storymap.leaveOff(map, view.absent || [], view.outOfTime || []);
        storymap.showView(map, view);
        // The app's page adds the chapter's group to the map after this runs: its labels are
        // placed once they are there.
        if (!map.hasLayer(group)) { group.once("add", function () { storymap.placeLabels(map); }); }
    };

    // Key places and lines that did not matter yet in the chapter's time (view.absent, their
    // slugs), and a layer's features of other days than the chapter's (view.outOfTime, their
    // classes) are left off its map. A style rule, not a class on each element: Leaflet makes
    // new elements when the reader turns a layer off and on, and the rule still holds for them.
    storymap.leaveOff = function (map, slugs, featureClasses) {
        var container = map.getContainer(), style = container.querySelector("style.storymap-absent");
        if (!style) {
            style = document.createElement("style");
            style.className = "storymap-absent";
            container.appendChild(style);
        }
        var selectors = slugs.map(function (slug) { return ".storymap-place-" + CSS.escape(slug); })
            .concat((featureClasses || []).map(function (name) { return "." + CSS.escape(name); }));
        style.textContent = selectors.join(", ") + (selectors.length ? " { display: none !important; }" : "");
        storymap.absent = slugs;
    };

    storymap.file = function (id, group, view, layerIds) {
        storymap.chapters[id] = {group: group, view: view, layers: layerIds};
    };

    // --- Labels ---------------------------------------------------------------------------

    var SIDES = {right: [10, 0], left: [-10, 0], top: [0, -10], bottom: [0, 10]};
    var FURTHER = 2.5;  // how much further out a label may go to keep clear of a line

    function fits(frame, box, taken) {
        if (box.left < 2 || box.top < 2 || box.right > frame.width - 2 || box.bottom > frame.height - 2) { return false; }
        return !taken.some(function (other) { return overlaps(box, other); });
    }

    // The story's lines (fronts, historical lines, lines of latitude) as segments in the map's pixels: a
    // label would rather not sit on one, so the line it names or a front stays readable.
    var LINES = /(^|\s)storymap-(front|history|line)(\s|$)/;
    function lineSegments(map, except) {
        var segments = [];
        map.eachLayer(function (layer) {
            if (!(layer instanceof L.Polyline) || layer instanceof L.Polygon || layer === except) { return; }
            if (!LINES.test(layer.options.className || "")) { return; }
            var element = layer.getElement && layer.getElement();
            if (!element || window.getComputedStyle(element).display === "none") { return; }
            var parts = layer.getLatLngs();
            (L.LineUtil.isFlat(parts) ? [parts] : parts).forEach(function (part) {
                var points = part.map(function (latlng) { return map.latLngToContainerPoint(latlng); });
                for (var k = 1; k < points.length; k++) { segments.push([points[k - 1], points[k], layer]); }
            });
        });
        return segments;
    }

    // Whether a segment crosses or lies in a box: Liang-Barsky clipping, a fixed number of steps.
    function crossesBox(a, b, box) {
        var dx = b.x - a.x, dy = b.y - a.y, low = 0, high = 1;
        var edges = [[-dx, a.x - box.left], [dx, box.right - a.x], [-dy, a.y - box.top], [dy, box.bottom - a.y]];
        for (var k = 0; k < 4; k++) {
            var p = edges[k][0], q = edges[k][1];
            if (p === 0) {
                if (q < 0) { return false; }  // running along this edge, outside it
            } else {
                var t = q / p;
                if (p < 0) { low = Math.max(low, t); } else { high = Math.min(high, t); }
                if (low > high) { return false; }
            }
        }
        return true;
    }

    // A segment of the line a label names (a line of latitude, at the label's latitude).
    function onLabelsOwnLine(map, label, segment) {
        var y = map.latLngToContainerPoint([label.lat, label.east]).y;
        return Math.abs(segment[0].y - y) < 1 && Math.abs(segment[1].y - y) < 1;
    }

    function onALine(box, segments) {
        return segments.some(function (segment) { return crossesBox(segment[0], segment[1], box); });
    }

    // A line's label sits just above the line at the east end of its visible part, clear of the
    // controls and, where it can be, of the other lines; further west when something is in the way.
    function placeLineLabel(map, label, frame, taken, segments) {
        var element = label.tooltip.getElement();
        if (!element) { return; }
        var size = map.getSize(), y = map.latLngToContainerPoint([label.lat, label.east]).y;
        var west = Math.max(EDGE, map.latLngToContainerPoint([label.lat, label.west]).x);
        var east = Math.min(size.x - EDGE, map.latLngToContainerPoint([label.lat, label.east]).x);
        element.style.visibility = "hidden";
        if (y < 0 || y > size.y || east - west < 40) { return; }
        for (var pass = 0; pass < 2; pass++) {  // clear of the other lines first, then anywhere it fits
            for (var x = east; x - element.offsetWidth >= west - 40; x -= 40) {
                for (var k = 0; k < 2; k++) {
                    label.tooltip.options.offset = [0, k === 0 ? -12 : 12];
                    label.tooltip.setLatLng(map.containerPointToLatLng([x, y]));
                    var box = rectIn(frame, element);
                    if (fits(frame, box, taken) && (pass === 1 || !onALine(box, segments))) {
                        element.style.visibility = "";
                        taken.push(box);
                        return;
                    }
                }
            }
        }
    }

    // Every ring of the chapter's places, key places first, takes its room unless another ring
    // or label is there, and its label takes the first side of it where it overlaps no other
    // label, ring or control; a ring that cannot have both is hidden with its label, so the map
    // never shows a ring without a name. Then each line's label finds a place along its line.
    storymap.placeLabels = function (map) {
        var container = map.getContainer(), frame = container.getBoundingClientRect();
        frame = {width: frame.width, height: frame.height, left: frame.left, top: frame.top};
        var taken = controls(map), segments = lineSegments(map), placedLabels = [];
        var put = function (tooltip, side, factor, r) {
            tooltip.options.direction = side;
            tooltip.options.offset = L.point(SIDES[side]).multiplyBy(r / 10 * factor);
            tooltip.update();
        };
        var small = map.getSize().x < SMALL_MAP;
        map.eachLayer(function (layer) {
            var tooltip = layer.getTooltip && layer.getTooltip();
            if (!tooltip || !tooltip.options.permanent || !tooltip.getElement() || !layer.getLatLng) { return; }
            // A phone's map is small: smaller rings leave room for more of the chapter's places.
            if (layer.setRadius && /(^|\s)storymap-highlight(\s|$)/.test(layer.options.className || "")) {
                if (layer.storymapRadius === undefined) { layer.storymapRadius = layer.getRadius(); }
                var radius = small ? Math.round(layer.storymapRadius * SMALL_RING) : layer.storymapRadius;
                if (layer.getRadius() !== radius) { layer.setRadius(radius); }
            }
            var element = tooltip.getElement(), placed = false;
            var p = map.latLngToContainerPoint(layer.getLatLng()), r = (layer.getRadius ? layer.getRadius() : 0) + 2;
            var ring = {left: p.x - r, top: p.y - r, right: p.x + r, bottom: p.y + r};
            if (fits(frame, ring, taken)) {
                // Beside the place, on the first side that fits.
                Object.keys(SIDES).some(function (side) {
                    put(tooltip, side, 1, r);
                    var box = rectIn(frame, element);
                    placed = fits(frame, box, taken);
                    if (placed) {
                        taken.push(box, ring);
                        placedLabels.push({tooltip: tooltip, element: element, r: r, box: box, side: side, ring: ring});
                    }
                    return placed;
                });
            }
            element.style.visibility = placed ? "" : "hidden";
            if (layer.setStyle) { layer.setStyle({opacity: placed ? 1 : 0}); }
        });
        // Then a label lying on one of the story's lines (a front, the armistice line) moves to
        // another side, or a little further out, where it is clear of lines and of everything
        // placed; so the line stays readable and no place loses its name for it.
        placedLabels.forEach(function (item) {
            // A line through the place itself (a village on a border line) is not avoided:
            // no side of the place is clear of it.
            var through = segments.filter(function (segment) { return crossesBox(segment[0], segment[1], item.ring); })
                .map(function (segment) { return segment[2]; });
            var lines = segments.filter(function (segment) { return through.indexOf(segment[2]) === -1; });
            if (!onALine(item.box, lines)) { return; }
            var others = taken.filter(function (box) { return box !== item.box; });
            var spots = [1, FURTHER].reduce(function (all, factor) {
                return all.concat(Object.keys(SIDES).map(function (side) { return [side, factor]; }));
            }, []);
            var moved = spots.some(function (spot) {
                var side = spot[0];
                put(item.tooltip, side, spot[1], item.r);
                var box = rectIn(frame, item.element);
                if (!fits(frame, box, others) || onALine(box, lines)) { return false; }
                taken[taken.indexOf(item.box)] = box;
                return true;
            });
            if (!moved) { put(item.tooltip, item.side, 1, item.r); }
        });
        storymap.lineLabels.forEach(function (label) {
            if (map.hasLayer(label.tooltip) && (storymap.absent || []).indexOf(label.slug) === -1) {
                placeLineLabel(map, label, frame, taken, segments.filter(function (segment) { return !onLabelsOwnLine(map, label, segment); }));
            }
        });
        storymap.placePointers(map, frame, taken);
        storymap.nameShapes(map, frame);
        // The base map's names give way to the story's labels where they are now.
        if (storymap.scheduleBasemapLayout) { storymap.scheduleBasemapLayout(); }
    };

    // The browser lets the keyboard reach the map's clickable shapes (places, lines, events):
    // each is named by its tooltip and is a button Enter or Space clicks; a shape outside the
    // view, or too small to see, is left out of the Tab order.
    // A layer's tooltip as plain text, as streamlit-folium reports a click on it ("" for none):
    // the tooltip's escaped HTML is parsed, never run.
    var parser = new DOMParser();
    var tooltipText = storymap.tooltipText = function (layer) {
        var tooltip = layer.getTooltip && layer.getTooltip(), content = tooltip && tooltip.getContent();
        return typeof content === "string" ? parser.parseFromString(content, "text/html").body.textContent.trim() : "";
    };
    storymap.nameShapes = function (map, frame) {
        var named = [];  // [path layer, name]: a shape's own tooltip, or its group's (a GeoJSON line)
        map.eachLayer(function (layer) {
            var name = tooltipText(layer);
            if (layer instanceof L.Path) { named.push([layer, name]); }
            else if (name && layer.eachLayer) {
                layer.eachLayer(function (child) { if (child instanceof L.Path) { named.push([child, name]); } });
            }
        });
        var names = new Map();
        named.forEach(function (pair) { if (pair[1] || !names.has(pair[0])) { names.set(pair[0], pair[1]); } });
        names.forEach(function (name, layer) {
            var element = layer.getElement && layer.getElement();
            if (!element || !layer.options.interactive) { return; }
            var r = element.getBoundingClientRect(), left = r.left - frame.left, top = r.top - frame.top;
            var seen = (r.width > 1 || r.height > 1) && left < frame.width && top < frame.height && left + r.width > 0 && top + r.height > 0;
            element.setAttribute("tabindex", seen && name ? "0" : "-1");
            if (name) {
                element.setAttribute("role", "button");
                element.setAttribute("aria-label", name);
            }
            if (!element.storymapKeys) {
                element.storymapKeys = true;
                element.addEventListener("keydown", function (event) {
                    if (event.key !== "Enter" && event.key !== " ") { return; }
                    event.preventDefault();
                    var at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
                    layer.fire("click", {latlng: at, originalEvent: event}, true);  // and to its group, as a click would
                });
            }
        });
    };

    // Chapter places outside the view: an arrow with the name, toward the place, where the line
    // from the centre to it leaves the part of the map clear of the controls.
    var ARROWS = ["\u2192", "\u2198", "\u2193", "\u2199", "\u2190", "\u2196", "\u2191", "\u2197"];
    storymap.placePointers = function (map, frame, taken) {
        var container = map.getContainer();
        Array.prototype.forEach.call(container.querySelectorAll(".storymap-pointer"), function (old) { old.remove(); });
        var view = storymap.view;
        if (!view || !view.names) { return; }
        var size = map.getSize(), centre = size.divideBy(2);
        // Inside the edge and beside the top corners' buttons; sliding along clears the legend.
        var topLeft = cornerExtent(map, "top-left"), topRight = cornerExtent(map, "top-right");
        var box = {left: topLeft.x + 8, top: 8, right: size.x - topRight.x - 8, bottom: size.y - 8};
        (view.places || []).forEach(function (place, index) {
            var p = map.latLngToContainerPoint(place);
            if (p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y) { return; }
            var d = p.subtract(centre), angle = Math.atan2(d.y, d.x);
            var pointer = L.DomUtil.create("div", "storymap-pointer", container);
            pointer.textContent = ARROWS[(Math.round(angle / (Math.PI / 4)) + 8) % 8] + " " + view.names[index];
            var w = pointer.offsetWidth, h = pointer.offsetHeight;
            var c = L.point((box.left + box.right) / 2, (box.top + box.bottom) / 2);
            var halfX = Math.max(1, (box.right - box.left - w) / 2), halfY = Math.max(1, (box.bottom - box.top - h) / 2);
            var scale = Math.min(halfX / Math.abs(d.x || 1e-9), halfY / Math.abs(d.y || 1e-9));
            var x = c.x + d.x * scale - w / 2, y = c.y + d.y * scale - h / 2;
            for (var tries = 0; tries < 8; tries++) {
                var r = {left: x, top: y, right: x + w, bottom: y + h};
                if (!taken.some(function (other) { return overlaps(r, other); })) { break; }
                y += (d.y > 0 ? -1 : 1) * (h + 4);
            }
            pointer.style.left = Math.round(x) + "px";
            pointer.style.top = Math.round(y) + "px";
            taken.push({left: x, top: y, right: x + w, bottom: y + h});
        });
    };

    storymap.lineLabel = function (group, config) {
        var content = document.createElement("span");
        content.textContent = config.name;
        if (config.second) {  // the name in another script, in its own language
            var second = document.createElement("span");
            second.lang = config.secondLang;
            second.textContent = " " + config.second;
            content.appendChild(second);
        }
        var tooltip = L.tooltip({permanent: true, direction: "left", className: "storymap-line-label storymap-place-" + config.slug, interactive: false})
            .setLatLng([config.lat, config.east]).setContent(content);
        group.addLayer(tooltip);
        storymap.lineLabels.push({tooltip: tooltip, slug: config.slug, lat: config.lat, west: config.west, east: config.east});
    };

    // --- Legend ---------------------------------------------------------------------------

    // A small key to the map's symbols (a <details> so it can fold away), bottom left, away
    // from the layer control (top right); opening one folds the other where they would meet.
    storymap.addLegend = function (map, html) {
        // On a phone's small map the legend folds into the buttons' column (top left), so the
        // bottom corner, which the view must keep clear, holds only the play control and scale.
        var Legend = L.Control.extend({
            options: {position: map.getSize().x < SMALL_MAP ? "topleft" : "bottomleft"},
            onAdd: function (map) {
                var box = L.DomUtil.create("details", "storymap-legend");
                box.open = window.innerWidth > 700;
                box.innerHTML = html;
                var update = function () {
                    box.querySelectorAll("[data-layer]").forEach(function (row) {
                        var id = row.getAttribute("data-layer");
                        var layer = storymap.layers[id] || storymap.extras[id];
                        row.hidden = !(layer && map.hasLayer(layer));
                    });
                };
                map.on("layeradd layerremove", update);
                update();
                if (window.ResizeObserver) {
                    new ResizeObserver(function () { storymap.reframe(); }).observe(box);
                }
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                return box;
            }
        });
        var legend = new Legend().addTo(map).getContainer();
        var layers = map.getContainer().querySelector(".leaflet-control-layers");
        if (!layers || !window.MutationObserver) { return; }
        var frame = function () { return map.getContainer().getBoundingClientRect(); };
        new MutationObserver(function () {
            if (layers.classList.contains("leaflet-control-layers-expanded") && legend.open && overlaps(rectIn(frame(), layers), rectIn(frame(), legend))) {
                legend.open = false;
            }
        }).observe(layers, {attributes: true, attributeFilter: ["class"]});
        legend.addEventListener("toggle", function () {
            if (legend.open && overlaps(rectIn(frame(), layers), rectIn(frame(), legend))) {
                layers.classList.remove("leaflet-control-layers-expanded");
            }
        });
    };

    // --- The map itself -------------------------------------------------------------------

    // A page that adds its stylesheets after the map is made (streamlit-folium's does) moves the
    // controls into their corners when they arrive, without changing the map's size: the view,
    // which keeps clear of the controls, is framed again as each one loads.
    function reframeWhenStylesArrive(head) {
        var pending = false;
        var reframeSoon = function () {  // once for the stylesheets that arrive together
            if (pending) { return; }
            pending = true;
            requestAnimationFrame(function () { pending = false; storymap.reframe(); });
        };
        var watch = function (node) {
            if (!(node instanceof HTMLLinkElement) || node.rel !== "stylesheet" || node.sheet) { return; }
            node.addEventListener("load", reframeSoon, {once: true});
        };
        Array.prototype.forEach.call(head.children, watch);
        if (!window.MutationObserver) { return; }
        new MutationObserver(function (changes) {
            changes.forEach(function (change) { Array.prototype.forEach.call(change.addedNodes, watch); });
        }).observe(head, {childList: true});
    }

    storymap.init = function (map, options) {
        storymap.map = map;
        storymap.flySeconds = options.flySeconds;
        // A named landmark, saying how to move it, for screen-reader and keyboard users.
        map.getContainer().setAttribute("role", "region");
        map.getContainer().setAttribute("aria-label", "Story map: arrow keys pan, plus and minus zoom");
        var BackControl = L.Control.extend({
            options: {position: "topleft"},
            onAdd: function (map) {
                var button = L.DomUtil.create("button", "storymap-back leaflet-bar");
                button.type = "button";
                button.title = "Back to this chapter's view";
                button.setAttribute("aria-label", "Back to this chapter's view");
                button.textContent = "\u21BA";
                L.DomEvent.disableClickPropagation(button);
                L.DomEvent.on(button, "click", function () {
                    if (storymap.view) { storymap.showView(map, storymap.view); }
                });
                return button;
            }
        });
        new BackControl().addTo(map);
        // The frame can change size after the first view is set (layout, rotation): keep the
        // chapter's view framed until the reader moves the map themselves.
        // Captured, so that a press on a control counts too (Leaflet's controls stop it from
        // bubbling): turning a layer on must not refit the view the reader is looking at.
        ["mousedown", "pointerdown", "touchstart", "wheel", "keydown"].forEach(function (type) {
            map.getContainer().addEventListener(type, function () { storymap.readerMoved = true; }, {passive: true, capture: true});
        });
        // Also when the legend changes size (its styles arrive, it is opened or closed), so
        // that it never covers the chapter's places; never in the middle of a flight.
        storymap.reframe = function () {
            if (storymap.flying) { storymap.layoutChangedInFlight = true; }
            else if (storymap.view && !storymap.readerMoved) { storymap.showView(map, storymap.view, true); }
            else { storymap.placeLabels(map); }
        };
        map.on("resize", storymap.reframe);
        reframeWhenStylesArrive(document.head);
        map.on("moveend zoomend overlayadd overlayremove", function () { if (!storymap.flying) { storymap.placeLabels(map); } });
        map.on("popupopen", function (event) { storymap.fitPopup(map, event.popup); });
    };

    // A popup fits the map it opens on: on a small map (a phone's) a long one scrolls inside
    // instead of running off the map, and the open legend folds away rather than cover it.
    var POPUP_MARGIN = {x: 70, y: 70};  // the popup's tip, its inner margins (about 45 px) and Leaflet's pan padding
    storymap.fitPopup = function (map, popup) {
        var size = map.getSize();
        var height = Math.max(80, size.y - POPUP_MARGIN.y), width = Math.max(120, size.x - POPUP_MARGIN.x);
        if (popup.options.maxHeight !== height || popup.options.maxWidth > width) {
            popup.options.maxHeight = height;
            popup.options.maxWidth = Math.min(popup.options.maxWidth, width);
            popup.options.minWidth = Math.min(popup.options.minWidth, popup.options.maxWidth);
            popup.update();  // measured again, and panned into view
        }
        var element = popup.getElement(), legend = map.getContainer().querySelector("details.storymap-legend");
        if (!element || !legend || !legend.open) { return; }
        var frame = map.getContainer().getBoundingClientRect();
        if (overlaps(rectIn(frame, element), rectIn(frame, legend))) { legend.open = false; }
    };

    // A click on a place, on a page that switches chapters itself (the static export): the same
    // rule as the app's (render/page.py place_clicks): the clicked layer's tooltip text is the
    // place's label, and `table[label][current]` is the chapter it leads to. goTo(index) is
    // called with that chapter; currentIndex() says which chapter is shown.
    storymap.followPlaceClicks = function (map, table, currentIndex, goTo) {
        map.eachLayer(function (layer) {
            var label = tooltipText(layer);
            if (!label || !Object.prototype.hasOwnProperty.call(table, label)) { return; }
            layer.on("click", function () {
                var target = table[label][Math.max(currentIndex(), 0)];
                if (target !== null && target !== undefined) { goTo(target); }
            });
        });
    };
})();
