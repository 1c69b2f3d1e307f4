"""Write a file so that it is either the old one or the whole new one, never half of each."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

FILE_MODE = 0o600
# In a Python string every code point in this range stands alone: a pair would be one
# code point above U+FFFF. UTF-8 cannot encode it, so no file or database can hold it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8_safe(text: str) -> str:
    """``text`` as UTF-8 can hold it: each lone surrogate becomes U+FFFD, nothing else changes."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def utf8_safe_or_none(text: str | None) -> str | None:
    """``utf8_safe`` for a field that may be left out: empty stays None."""
    return utf8_safe(text) if text else None


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` has a code point UTF-8 cannot hold (``utf8_safe`` would change it)."""
    return _LONE_SURROGATE.search(text) is not None


def atomic_write_text(path: Path, text: str, mode: int = FILE_MODE) -> None:
    """Write ``text`` to ``path`` through a temporary file, fsync and rename.

    On any failure the old file stays as it was and the temporary file is removed;
    the error is raised to the caller, who decides what the user is told.
    """
    atomic_write_bytes(path, utf8_safe(text).encode("utf-8"), mode)


def atomic_write_bytes(path: Path, data: bytes, mode: int = FILE_MODE) -> None:
    """``atomic_write_text`` for bytes."""
    folder = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; some file systems cannot, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
