"""Small folium elements carrying the story map's own browser code.

streamlit-folium runs the base map's script once and re-runs a feature group's script
each time it changes. So the base map defines `window.storymap` (how to show a view, and a
control that returns to it), and each chapter's feature group carries a ChapterView that
asks it to move. The map object itself is never rebuilt.
"""

from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree

from story.escaping import html_text

# Seconds a chapter-to-chapter flight takes; readers who ask for reduced motion jump instead.
FLY_SECONDS = 0.8


class StoryMapRuntime(MacroElement):
    """Defines storymap.showView(map, view) and a 'back to the chapter view' control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var storymap = window.storymap = window.storymap || {};
            storymap.layers = storymap.layers || {};
            var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
            var map = {{ this._parent.get_name() }};
            // A named landmark, saying how to move it, for screen-reader and keyboard users.
            map.getContainer().setAttribute("role", "region");
            map.getContainer().setAttribute("aria-label", "Story map: arrow keys pan, plus and minus zoom");
            storymap.showView = function (map, view, jump) {
                var animate = storymap.view !== undefined && !reduceMotion && !jump;
                storymap.view = view;
                storymap.readerMoved = false;
                map.stop();
                storymap.flying = animate;
                if (animate) { map.once("moveend", function () { storymap.flying = false; }); }
                if (view.bounds) {
                    var fit = storymap.clearOfLegend(map, view.bounds);
                    if (animate) { map.flyToBounds(view.bounds, L.extend({duration: {{ this.seconds }}}, fit)); }
                    else { map.fitBounds(view.bounds, L.extend({animate: false}, fit)); }
                } else if (animate) {
                    map.flyTo(view.center, view.zoom, {duration: {{ this.seconds }}});
                } else {
                    map.setView(view.center, view.zoom, {animate: false});
                }
            };
            // Fit options that keep the chapter's places and their name labels (to the right of
            // each place) out from under the open legend (bottom right): pad the right or the
            // bottom by its size, whichever leaves the closer view.
            storymap.clearOfLegend = function (map, bounds) {
                var edge = 40;
                var fit = function (right, bottom) {  // the controls sit top left
                    return {paddingTopLeft: [edge + 10, edge], paddingBottomRight: [right, bottom], maxZoom: 13};
                };
                var plain = fit(edge, edge), options = [plain];
                var legend = map.getContainer().querySelector(".storymap-legend");
                if (legend && legend.offsetWidth) {
                    var frame = map.getContainer().getBoundingClientRect(), box = legend.getBoundingClientRect();
                    var labelWidth = 0, labelHeight = 0;
                    map.getContainer().querySelectorAll(".leaflet-tooltip-pane .storymap-label").forEach(function (label) {
                        labelWidth = Math.max(labelWidth, label.offsetWidth + 10);  // 8 px offset, and a little air
                        labelHeight = Math.max(labelHeight, label.offsetHeight);
                    });
                    var right = Math.max(edge, frame.right - box.left + 10 + labelWidth);
                    var bottom = Math.max(edge, frame.bottom - box.top + 10 + labelHeight / 2);
                    options = [fit(right, edge), fit(edge, bottom)];
                }
                var size = map.getSize();
                var padded = function (option) { return L.point(option.paddingTopLeft).add(option.paddingBottomRight); };
                // A padding that would leave less than a third of the map (a frame still being
                // laid out, a small phone) is not worth it: the legend may then cover a place.
                var roomy = options.filter(function (option) {
                    var left = size.subtract(padded(option));
                    return left.x >= Math.max(120, size.x / 3) && left.y >= Math.max(120, size.y / 3);
                });
                var zoomOf = function (option) { return map.getBoundsZoom(bounds, false, padded(option)); };
                return (roomy.length ? roomy : [plain]).reduce(function (best, option) {
                    return zoomOf(option) > zoomOf(best) ? option : best;
                });
            };
            // Show exactly the historical layers a chapter's date calls for; the reader may
            // still toggle any of them in the layer control until the next chapter.
            storymap.showLayers = function (map, ids) {
                Object.keys(storymap.layers).forEach(function (id) {
                    var layer = storymap.layers[id], wanted = ids.indexOf(id) !== -1;
                    if (wanted && !map.hasLayer(layer)) { map.addLayer(layer); }
                    if (!wanted && map.hasLayer(layer)) { map.removeLayer(layer); }
                });
            };
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
            // The frame can change size after the first view is set (layout, rotation):
            // keep the chapter's view framed until the reader moves the map themselves.
            ["mousedown", "touchstart", "wheel", "keydown"].forEach(function (type) {
                map.getContainer().addEventListener(type, function () { storymap.readerMoved = true; }, {passive: true});
            });
            // Also when the legend changes size (its styles arrive, it is opened or closed), so
            // that it never covers the chapter's places; never in the middle of a flight.
            storymap.reframe = function () {
                if (storymap.view && !storymap.readerMoved && !storymap.flying) { storymap.showView(map, storymap.view, true); }
            };
            map.on("resize", storymap.reframe);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, seconds: float = FLY_SECONDS):
        super().__init__()
        self._name = "StoryMapRuntime"
        self.seconds = seconds


class ChapterView(MacroElement):
    """Moves the map to a chapter's view when its feature group's script runs.

    With `register_as`, it only files the chapter (its group, view and layers) under
    storymap.chapters for a page that switches chapters itself, such as the static export.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {% if this.register_as_json %}
        window.storymap.chapters = window.storymap.chapters || {};
        window.storymap.chapters[{{ this.register_as_json }}] = {
            group: {{ this._parent.get_name() }}, view: {{ this.view_json }}, layers: {{ this.layers_json }}
        };
        {% else %}
        window.storymap.showLayers({{ this.map_name() }}, {{ this.layers_json }});
        window.storymap.showView({{ this.map_name() }}, {{ this.view_json }});
        {% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, view: dict, layer_ids: list[str], register_as: str | None = None):
        super().__init__()
        self._name = "ChapterView"
        self.view = view
        self.view_json = json.dumps(view)
        self.layers_json = json.dumps(layer_ids)
        self.register_as_json = json.dumps(register_as).replace("<", "\\u003c") if register_as else ""

    def map_name(self) -> str:
        return get_obj_in_upper_tree(self, folium.Map).get_name()


class Legend(MacroElement):
    """A small key to the map's symbols, as a Leaflet control (a <details> so it can fold away)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var Legend = L.Control.extend({
                options: {position: "bottomright"},
                onAdd: function (map) {
                    var box = L.DomUtil.create("details", "storymap-legend");
                    box.open = window.innerWidth > 700;
                    box.innerHTML = {{ this.html_json }};
                    var update = function () {
                        box.querySelectorAll("[data-layer]").forEach(function (row) {
                            var layer = (window.storymap.layers || {})[row.getAttribute("data-layer")];
                            row.hidden = !(layer && map.hasLayer(layer));
                        });
                    };
                    map.on("layeradd layerremove", update);
                    update();
                    if (window.ResizeObserver) {
                        new ResizeObserver(function () { if (window.storymap.reframe) { window.storymap.reframe(); } }).observe(box);
                    }
                    L.DomEvent.disableClickPropagation(box);
                    L.DomEvent.disableScrollPropagation(box);
                    return box;
                }
            });
            new Legend().addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: tuple[tuple[str, str], ...], layer_rows: tuple[tuple[str, str, str], ...] = ()):
        """rows: (swatch CSS class, label); layer_rows: (layer id, colour, label), shown while on the map."""
        super().__init__()
        self._name = "Legend"
        items = "".join(
            f'<li><span class="storymap-swatch {html_text(css_class)}" aria-hidden="true"></span>{html_text(label)}</li>'
            for css_class, label in rows
        ) + "".join(
            f'<li data-layer="{html_text(layer_id)}"><span class="storymap-swatch storymap-line" aria-hidden="true" '
            f'style="border-color: {html_text(colour)}"></span>{html_text(label)}</li>'
            for layer_id, colour, label in layer_rows
        )
        # JSON inside a <script>: escape "<" so no text can close the script element.
        self.html_json = json.dumps(f"<summary>Legend</summary><ul>{items}</ul>").replace("<", "\\u003c")


class RegisterLayer(MacroElement):
    """Makes its parent layer known to storymap.showLayers under a stable id."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.storymap = window.storymap || {};
        window.storymap.layers = window.storymap.layers || {};
        window.storymap.layers[{{ this.layer_id_json }}] = {{ this._parent.get_name() }};
        {% endmacro %}
        """
    )

    def __init__(self, layer_id: str):
        super().__init__()
        self._name = "RegisterLayer"
        self.layer_id_json = json.dumps(layer_id)
