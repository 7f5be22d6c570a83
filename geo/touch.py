"""Touch gestures for the story map: one finger scrolls the page, two fingers move the map."""

from __future__ import annotations

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template


class TouchGestures(JSCSSMixin, MacroElement):
    """Loads leaflet-gesture-handling (vendored) and static/touch-gestures.js, which turns it on
    for every map on a touch-first screen. Nothing to render: the scripts hook Leaflet's maps."""

    _template = Template("")
    # Names resolved to local files by geo.assets.localize_assets.
    default_js = [("leaflet-gesture-handling", "leaflet-gesture-handling.min.js"), ("touch-gestures", "touch-gestures.js")]
    default_css = [("leaflet-gesture-handling_css", "leaflet-gesture-handling.min.css")]

    def __init__(self):
        super().__init__()
        self._name = "TouchGestures"
