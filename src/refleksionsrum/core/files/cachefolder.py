"""The user's cache folder: what is kept between runs to start sooner, never the truth.

What is read back from here is unpickled or unmarshalled, which trusts the bytes: only
a file the user owns and no one else can write is read, and anything wrong with it
(missing, damaged, made by another version) means the work is done again, as always.
"""

from __future__ import annotations

import os
from pathlib import Path

from refleksionsrum.core.files.atomic import atomic_write_bytes


def cache_folder() -> Path:
    """The XDG cache folder's own folder for refleksionsrum."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "refleksionsrum"


def read_private(path: Path) -> bytes | None:
    """The file's bytes if the user owns it and only they can change it; else None."""
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_uid != os.getuid() or info.st_mode & 0o022:
                return None
            return handle.read()
    except OSError:
        return None


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` atomically, in a folder only the user can enter; a failure is ignored."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_bytes(path, data)
    except OSError:
        pass  # a cache: without it the work is done again, as it always was
