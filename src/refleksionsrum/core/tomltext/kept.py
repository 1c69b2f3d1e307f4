"""TOML parsed once and kept: the catalogues and config.toml, read back by their exact text.

Every start parsed the same six files (the catalogue's five and config.toml), 5-6 ms
with tomllib's import before the first frame. What a text parses to depends on the
text alone, so the result is kept beside the text it came from, and used only when the
file holds exactly that text again: an edited file is parsed (and checked) as always.
Only texts that parsed are kept, so an error is always found and reported afresh.
"""

from __future__ import annotations

import marshal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from refleksionsrum.core.files.cachefolder import cache_folder, read_private, write_private

# The layout of the file, and the Python whose marshal format wrote it.
_MADE_BY = (2, *sys.version_info[:2])
# Texts kept: the catalogues' ten, and the config files of a few workspaces.
_KEPT = 24

Table = dict[str, Any]
# text -> the table it parses to, marshalled. Keyed by the text alone: what a text parses
# to does not depend on the file it is in. Kept by file name, every workspace's copy of
# the same config.toml was an entry of its own (40 entries, 519 kB read at each start).
_kept: dict[str, bytes] | None = None


def _file() -> Path:
    return cache_folder() / "parsed-toml.marshal"


def _entries() -> dict[str, bytes]:
    global _kept
    if _kept is None:
        _kept = _read()
    return _kept


def _read() -> dict[str, bytes]:
    data = read_private(_file())
    if data is None:
        return {}
    try:
        made_by, entries = marshal.loads(data)
    except Exception:  # damaged or from another Python: parse instead
        return {}
    if made_by != _MADE_BY or not isinstance(entries, dict):
        return {}
    return entries


def parsed(text: str, parse: Callable[[str], Table]) -> Table:
    """``parse(text)``, or what it gave for this very text before.

    Each call gets a table of its own: the caller may change it.
    """
    entries = _entries()
    found = entries.get(text)
    if found is not None:
        try:
            table = marshal.loads(found)
        except Exception:
            table = None
        if isinstance(table, dict):
            return table
    table = parse(text)  # raises for a text that does not parse: nothing is kept
    try:
        blob = marshal.dumps(table)
    except ValueError:
        return table  # a value marshal cannot hold (a date): parsed each time
    entries.pop(text, None)
    entries[text] = blob
    while len(entries) > _KEPT:
        del entries[next(iter(entries))]
    write_private(_file(), marshal.dumps((_MADE_BY, entries)))
    return table


def forget() -> None:
    """Read the file again at the next call (tests, and a cache folder that changed)."""
    global _kept
    _kept = None
