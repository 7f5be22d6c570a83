"""Small folium elements that configure the story map's runtime, static/storymap.js.

streamlit-folium runs the base map's script once and re-runs a feature group's script each
time it changes. So the base map loads storymap.js and starts it (StoryMapRuntime), and each
chapter's feature group carries a ChapterView that asks it to move. The map object itself is
never rebuilt. Every value reaches the script through Jinja's tojson, which escapes it for a
<script> element; no code is assembled here.
"""

from __future__ import annotations


import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree

from story.escaping import html_text

# Seconds a chapter-to-chapter flight takes; readers who ask for reduced motion jump instead.
FLY_SECONDS = 0.8
RUNTIME_ASSET = ("storymap_js", "storymap.js")  # localized by geo.assets like the vendored files
SHARED_DRAWINGS_ASSET = ("shared_drawings", "shared-drawings.js")  # drawings chapters share (geo/shared_drawings.py)


class StoryMapRuntime(JSCSSMixin, MacroElement):
    """Loads static/storymap.js and starts it on the map: views, layers, labels, the back button."""

    default_js = [RUNTIME_ASSET, SHARED_DRAWINGS_ASSET]
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.storymap.init({{ this._parent.get_name() }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, seconds: float = FLY_SECONDS):
        super().__init__()
        self._name = "StoryMapRuntime"
        self.options = {"flySeconds": seconds}


class ChapterView(MacroElement):
    """Moves the map to a chapter's view when its feature group's script runs.

    With `register_as`, it only files the chapter (its group, view and layers) under
    storymap.chapters for a page that switches chapters itself, such as the static export.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {% if this.register_as %}
        window.storymap.file({{ this.register_as|tojson }}, {{ this._parent.get_name() }}, {{ this.view|tojson }}, {{ this.layer_ids|tojson }});
        {% else %}
        window.storymap.chapter({{ this.map_name() }}, {{ this._parent.get_name() }}, {{ this.view|tojson }}, {{ this.layer_ids|tojson }});
        {% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, view: dict, layer_ids: list[str], register_as: str | None = None):
        super().__init__()
        self._name = "ChapterView"
        self.view = view
        self.layer_ids = list(layer_ids)
        self.register_as = register_as

    def map_name(self) -> str:
        return get_obj_in_upper_tree(self, folium.Map).get_name()


class Legend(MacroElement):
    """A small key to the map's symbols, as a Leaflet control (a <details> so it can fold away)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.storymap.addLegend({{ this._parent.get_name() }}, {{ this.html|tojson }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        rows: tuple[tuple[str, ...], ...],
        layer_rows: tuple[tuple[str, str, str], ...] = (),
        compact_rows: tuple[tuple[str, str], ...] = (),
    ):
        """rows: (swatch CSS class, label[, the row's own class]); layer_rows: (layer id, colour,
        label), shown while on the map; compact_rows: (swatch CSS class, label) set side by side
        in one row, first. A row's own class (a place's, storymap-place-SLUG) lets the rule that
        leaves a place off a chapter's map leave its row off the legend too."""
        super().__init__()
        self._name = "Legend"

        def item(css_class: str, label: str, tag: str = "li", row_class: str = "") -> str:
            swatch = f'<span class="storymap-swatch {html_text(css_class)}" aria-hidden="true"></span>'
            own = f' class="{html_text(row_class)}"' if row_class else ""
            return f"<{tag}{own}>{swatch}{html_text(label)}</{tag}>"

        compact = f'<li class="storymap-legend-compact">{"".join(item(c, label, "span") for c, label in compact_rows)}</li>' if compact_rows else ""
        items = compact + "".join(item(row[0], row[1], "li", row[2] if len(row) > 2 else "") for row in rows) + "".join(
            f'<li data-layer="{html_text(layer_id)}"><span class="storymap-swatch storymap-line" aria-hidden="true" '
            f'style="border-color: {html_text(colour)}"></span>{html_text(label)}</li>'
            for layer_id, colour, label in layer_rows
        )
        self.html = f"<summary>Legend</summary><ul>{items}</ul>"


class LineLabel(MacroElement):
    """A line's name, kept in view along the line by the runtime (a line of latitude between
    the longitudes west and east)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.storymap.lineLabel({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, slug: str, name: str, second: str | None, second_lang: str, lat: float, west: float, east: float):
        """slug: the place the line stands for; second: the name in another script (in language
        second_lang), shown after the name."""
        super().__init__()
        self._name = "LineLabel"
        self.config = {"slug": slug, "name": name, "second": second, "secondLang": second_lang, "lat": lat, "west": west, "east": east}


class RegisterLayer(MacroElement):
    """Makes its parent layer known to the runtime under a stable id: in `layers` (shown by a
    chapter's date) or `extras` (turned on by the reader; the legend follows them too)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.storymap.registerLayer({{ this.registry|tojson }}, {{ this.layer_id|tojson }}, {{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, layer_id: str, registry: str = "layers"):
        super().__init__()
        self._name = "RegisterLayer"
        self.layer_id = layer_id
        self.registry = registry
