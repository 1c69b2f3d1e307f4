"""Warn when a note looks like it holds a CPR number: case details do not belong in minutes."""

from __future__ import annotations

import re
from datetime import date

_CPR = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?!\d)")


def looks_like_cpr(text: str) -> bool:
    """True when ``text`` holds DDMMYY-SSSS (or ten digits) that form a real date."""
    for match in _CPR.finditer(text):
        day, month, year = (int(match.group(i)) for i in (1, 2, 3))
        try:
            date(2000 + year, month, day)
        except ValueError:
            continue
        return True
    return False
