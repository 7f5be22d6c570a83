"""The one way out for story text into HTML: every story string shown in a page, a popup, a
tooltip, the layer control, the legend or a table passes through `html_text` first.

It escapes the HTML specials (attribute quotes too), and also the characters that are code
inside a JavaScript template literal (backslash, backtick, "${"), because folium embeds popup
and tooltip HTML in such literals. Text escaped here is shown as the characters the author
wrote in any of those places; nothing from a story is ever interpreted as markup.
"""

from __future__ import annotations

import html

_TEMPLATE_LITERAL_ENTITIES = str.maketrans({"\\": "&#92;", "`": "&#96;", "$": "&#36;"})


def html_text(text: object) -> str:
    """Story text as HTML that shows exactly that text."""
    return html.escape(str(text), quote=True).translate(_TEMPLATE_LITERAL_ENTITIES)
