"""The one TOML writer: plain values as TOML text, in the layout the session files show.

Written here rather than with tomli-w, which escapes strings a character at a time
(a 300-item meeting is written on every phase change) and writes date-times with a
space where the contract shows the RFC 3339 "T". Nested tables are written inline.
"""

from __future__ import annotations

import functools
import json
import math
import re
from datetime import date, datetime, time
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


@functools.lru_cache(maxsize=512)
def key(name: str) -> str:
    """A key as TOML writes it: bare where it can be, quoted where it must."""
    return name if _BARE_KEY.fullmatch(name) else string(name)


def string(text: str) -> str:
    """A TOML basic string; a JSON string is one, but for DEL, which TOML wants escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def value(item: Any) -> str:
    """Any value tomllib can give back, as TOML text on one line."""
    # The common cases first, by exact type: this runs for every field of every item.
    kind = type(item)
    if kind is str:
        return string(item)
    if kind is datetime or kind is date:
        return item.isoformat()  # type: ignore[no-any-return]
    if isinstance(item, str):
        return string(item)
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        if math.isnan(item):
            return "nan"
        if math.isinf(item):
            return "inf" if item > 0 else "-inf"
        return repr(item)
    if isinstance(item, datetime | date | time):
        # isoformat writes the "T" and the offset TOML wants; a naive value stays local.
        return item.isoformat()
    if isinstance(item, list | tuple):
        return "[" + ", ".join(value(element) for element in item) + "]"
    if isinstance(item, dict):
        if not item:
            return "{}"
        return "{ " + ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items()) + " }"
    raise TypeError(f"TOML has no value for {type(item).__name__}")


def fields(table: dict[str, Any], *, spread_lists: bool = False) -> str:
    """``key = value`` lines, one per entry of ``table``.

    ``spread_lists`` writes each non-empty list one element a line, as a person
    editing config.toml by hand would.
    """
    lines = []
    for name, item in table.items():
        if spread_lists and isinstance(item, list) and item:
            body = "".join(f"    {value(element)},\n" for element in item)
            lines.append(f"{key(name)} = [\n{body}]\n")
        else:
            lines.append(f"{key(name)} = {value(item)}\n")
    return "".join(lines)
