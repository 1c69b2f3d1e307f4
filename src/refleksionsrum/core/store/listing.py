"""Whether sessions/ can hold a name the store has not seen: its mtime when all were seen.

A folder's mtime changes whenever a name is added, removed or renamed in it. When an
export has compared every name in sessions/ with the store's, it notes the folder's
mtime of that moment; while the folder keeps that mtime, no name can have come since,
and the next export need not list 10,000 names to know it (core/store/quickread.py).

The mtime is noted only when it is older than the look by a margin: a name added in
the same tick of a coarse clock (two seconds on some file systems) would leave it as
it was. The database lives in sessions/ too: the first reader after the last writer
makes its -wal and -shm files there, and the last writer to close removes them, so
the mtime noted is the one read after this export's own connection made them.
"""

from __future__ import annotations

from pathlib import Path

# The meta key, per folder: several workspaces may share one database.
_LISTED = "sessions_listed:"
RACY_NS = 3_000_000_000


def listed_key(folder: Path) -> str:
    """The meta key under which the folder's mtime is noted."""
    return f"{_LISTED}{folder.resolve()}"


def worth_noting(folder_mtime_ns: int, looked_at_ns: int) -> bool:
    """Whether a look at the names begun at ``looked_at_ns`` saw every name of that mtime."""
    return looked_at_ns - folder_mtime_ns > RACY_NS
