"""Files as a test sees them from outside: what a database and its companions hold, by digest."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digests(path: Path) -> dict[str, str]:
    """SHA-256 of ``path`` and of every file next to it that starts with its name (an SQLite
    database's -wal and -shm): equal before and after means nothing was written."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.parent.glob(path.name + "*"))
    }
