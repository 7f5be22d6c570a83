"""The map component's expected first report, field for field and in streamlit-folium's order."""

from __future__ import annotations

import json

import pytest

from ui.map_component import unclicked_report


def test_the_report_follows_the_pages_field_order_whatever_order_the_app_asks_in():
    asked = ["last_object_clicked_tooltip", "last_object_clicked_count"]
    report = unclicked_report(asked)
    # The page compares JSON text, so the order of the keys is part of the value.
    assert json.dumps(report) == '{"last_object_clicked_count": 0, "last_object_clicked_tooltip": null}'
    assert json.dumps(unclicked_report(list(reversed(asked)))) == json.dumps(report)


def test_an_unknown_field_is_refused():
    with pytest.raises(ValueError, match="last_tooltip"):
        unclicked_report(["last_tooltip"])
