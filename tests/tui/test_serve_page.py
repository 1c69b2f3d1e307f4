"""The page `serve` gives the browser: textual-serve's, in Danish, loading nothing from elsewhere.

Its template loads a font from Google's servers (each opening of a meeting's page would
be reported there) and says Start, Session ended. and Restart. This fails, naming what,
when an upgrade of textual-serve writes the page differently.
"""

from __future__ import annotations

from pathlib import Path

import textual_serve

from refleksionsrum.core import i18n
from refleksionsrum.tui.serve import PAGE_FONT, PAGE_WORDS, local_page

TEMPLATE = Path(textual_serve.__file__).parent / "templates" / "app_index.html"


def test_the_template_still_has_what_the_page_rewrites() -> None:
    page = TEMPLATE.read_text(encoding="utf-8")
    assert PAGE_FONT.search(page), "textual-serve's page no longer loads its font like this"
    for english, _shape, _key in PAGE_WORDS:
        assert english in page, f"textual-serve's page no longer says {english!r}"


def test_the_served_page_loads_nothing_from_elsewhere_and_speaks_danish() -> None:
    i18n.set_language("da")
    page = local_page(TEMPLATE.read_text(encoding="utf-8"))
    assert "googleapis" not in page and "https://" not in page
    assert ">Forbind igen</button>" in page
    assert ">Forbindelsen til mødet er lukket.</div>" in page
    assert "Session ended." not in page and "Restart" not in page
