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
_MADE_BY = (1, *sys.version_info[:2])
# Texts kept: the catalogues' ten, and the config files of a few workspaces.
_KEPT = 40

Table = dict[str, Any]
# name -> (text, the table it parses to, marshalled).
_kept: dict[str, tuple[str, bytes]] | None = None


def _file() -> Path:
    return cache_folder() / "parsed-toml.marshal"


def _entries() -> dict[str, tuple[str, bytes]]:
    global _kept
    if _kept is None:
        _kept = _read()
    return _kept


def _read() -> dict[str, tuple[str, bytes]]:
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


def parsed(name: str, text: str, parse: Callable[[str], Table]) -> Table:
    """``parse(text)``, or what it gave for this very text before; ``name`` says which file.

    Each call gets a table of its own: the caller may change it.
    """
    entries = _entries()
    found = entries.get(name)
    if found is not None and found[0] == text:
        try:
            table = marshal.loads(found[1])
        except Exception:
            table = None
        if isinstance(table, dict):
            return table
    table = parse(text)  # raises for a text that does not parse: nothing is kept
    try:
        blob = marshal.dumps(table)
    except ValueError:
        return table  # a value marshal cannot hold (a date): parsed each time
    entries.pop(name, None)
    entries[name] = (text, blob)
    while len(entries) > _KEPT:
        del entries[next(iter(entries))]
    write_private(_file(), marshal.dumps((_MADE_BY, entries)))
    return table


def forget() -> None:
    """Read the file again at the next call (tests, and a cache folder that changed)."""
    global _kept
    _kept = None
