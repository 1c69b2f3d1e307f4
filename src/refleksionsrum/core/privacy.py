"""CPR numbers in minutes: found in every form people write them, and masked in exports."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# DDMMYY then the four digits: with a hyphen, an en or em dash, a space, a dot, or
# nothing between; the date may be written with dots (01.01.90-1234). Not part of a
# longer run of digits (a case number, a phone number).
_CPR = re.compile(r"(?<![\d.\-–])(\d{2})(\.?)(\d{2})\2(\d{2})(?:[-–—. ]|\s?)(\d{4})(?![\d])")
MASK = "XXXX"


@dataclass(frozen=True)
class CprMatch:
    """Where a CPR number stands in a text, and how it is shown masked."""

    start: int
    end: int
    masked: str


def find_cpr(text: str) -> list[CprMatch]:
    """Every CPR number in ``text``: DDMMYY-SSSS in any of its forms, on a real date."""
    found = []
    for match in _CPR.finditer(text):
        day, month, year = (int(match.group(i)) for i in (1, 3, 4))
        try:
            # 2000 + YY: a 29 February counts when it could be one (2000 was a leap year).
            date(2000 + year, month, day)
        except ValueError:
            continue
        masked = f"{match.group(1)}{match.group(3)}{match.group(4)}-{MASK}"
        found.append(CprMatch(match.start(), match.end(), masked))
    return found


def looks_like_cpr(text: str) -> bool:
    """True when ``text`` holds a CPR number (the entry guard asks this of every field)."""
    return bool(find_cpr(text))


def mask_cpr(text: str) -> str:
    """``text`` with every CPR number shown as DDMMYY-XXXX."""
    out, last = [], 0
    for match in find_cpr(text):
        out += [text[last : match.start], match.masked]
        last = match.end
    out.append(text[last:])
    return "".join(out)
