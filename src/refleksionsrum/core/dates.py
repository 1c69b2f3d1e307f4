"""Read a date as a Danish user types it: 2026-12-06, 6.12.2026, 6/12."""

from __future__ import annotations

import re
from datetime import date

_DANISH = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2,4}))?$")


def parse_date(text: str, default: date) -> date | None:
    """The date ``text`` names; empty means ``default``; None when it is not a date."""
    text = text.strip()
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    found = _DANISH.match(text)
    if not found:
        return None
    day, month = int(found.group(1)), int(found.group(2))
    year = found.group(3)
    full_year = default.year if year is None else int(year) + (2000 if len(year) == 2 else 0)
    try:
        return date(full_year, month, day)
    except ValueError:
        return None
