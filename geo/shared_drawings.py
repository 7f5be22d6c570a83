"""Drawings a story's chapters share: sent once with the base map, named by each chapter that
shows them (static/shared-drawings.js draws them into the chapter's group). A chapter change
then carries a few keys instead of shapes and popups. Values reach the script through tojson."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from geo.packed_points import packed

DIGITS = 4  # about 10 m, as the chapter's own lines were drawn


def line_shape(parts, style: dict, tooltip: str, popup: str, popup_width: int) -> dict:
    """A line of one or more parts, each a sequence of (lon, lat); tooltip and popup are HTML
    already escaped."""
    lines = [packed([(lat, lon) for lon, lat in part], DIGITS) for part in parts]
    return {"kind": "line", "lines": lines, "style": style, "tooltip": tooltip, "popup": popup, "popupWidth": popup_width}


def point_shape(lat: float, lon: float, style: dict, tooltip: str, popup: str, popup_width: int) -> dict:
    return {"kind": "point", "at": [round(lat, 5), round(lon, 5)], "style": style, "tooltip": tooltip, "popup": popup,
            "popupWidth": popup_width}


def label_shape(lat: float, lon: float, text: str, class_name: str, anchor_class: str, direction: str, offset: tuple[int, int]) -> dict:
    """A label always shown beside a point (text: escaped HTML)."""
    return {"kind": "label", "at": [round(lat, 5), round(lon, 5)], "text": text, "className": class_name,
            "anchorClass": anchor_class, "direction": direction, "offset": list(offset)}


class SharedDrawings(MacroElement):
    """Every shared drawing, by key, on the base map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.storymap.shareDrawings({{ this.drawings|tojson }}, {{ this.digits|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, drawings: dict[str, list[dict]]):
        super().__init__()
        self._name = "SharedDrawings"
        self.drawings = drawings
        self.digits = DIGITS


class DrawShared(MacroElement):
    """Draws the named shared drawings into the chapter's feature group (its parent)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.storymap.drawShared({{ this._parent.get_name() }}, {{ this.keys|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, keys: list[str]):
        super().__init__()
        self._name = "DrawShared"
        self.keys = list(keys)
