"""How the story map behaves in its page, as scripts that hook every Leaflet map made after them:
it follows its box's size, and on a touch screen one finger scrolls the page, two move the map."""

from __future__ import annotations

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template


class FollowsItsBox(JSCSSMixin, MacroElement):
    """static/map-follows-its-box.js: the page sizes the map (a frame as high as the window), and
    Leaflet measures it again whenever its box changes size."""

    _template = Template("")
    default_js = [("map-follows-its-box", "map-follows-its-box.js")]

    def __init__(self):
        super().__init__()
        self._name = "FollowsItsBox"


class TouchGestures(JSCSSMixin, MacroElement):
    """leaflet-gesture-handling (vendored), turned on for touch-first screens by
    static/touch-gestures.js."""

    _template = Template("")
    default_js = [("leaflet-gesture-handling", "leaflet-gesture-handling.min.js"), ("touch-gestures", "touch-gestures.js")]
    default_css = [("leaflet-gesture-handling_css", "leaflet-gesture-handling.min.css")]

    def __init__(self):
        super().__init__()
        self._name = "TouchGestures"
