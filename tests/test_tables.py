"""The "About the map" tables: every row and column, in order, with nothing unescaped."""

from __future__ import annotations

from html.parser import HTMLParser

from render.tables import table_html


class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headers, self.rows, self.tags, self._cell = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        if tag in ("th", "td"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "th":
            self.headers.append(self._cell)
        elif tag == "td":
            self.rows[-1].append(self._cell)

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def parse(text: str) -> Cells:
    cells = Cells()
    cells.feed(text)
    return cells


def test_rows_and_columns_come_out_in_order():
    rows = [{"Place": "Busan", "Source": "GeoNames"}, {"Place": "Inchon", "Source": "Survey & map"}]
    cells = parse(table_html(rows, "Places"))
    assert cells.headers == ["Place", "Source"]
    assert [row for row in cells.rows if row] == [["Busan", "GeoNames"], ["Inchon", "Survey & map"]]
    assert "<caption>Places</caption>" in table_html(rows, "Places")


def test_cell_text_is_never_markup():
    hostile = '<img src=x onerror=alert(1)>"><script>alert(2)</script>'
    text = table_html([{hostile: hostile}], hostile)
    cells = parse(text)
    assert set(cells.tags) == {"div", "table", "caption", "thead", "tr", "th", "tbody", "td"}
    assert cells.headers == [hostile] and cells.rows[-1] == [hostile]


def test_no_rows_gives_an_empty_table():
    assert [row for row in parse(table_html([], "Nothing")).rows if row] == []
