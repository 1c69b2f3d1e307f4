"""Which file the database is: deleted or replaced while the app runs, it is not the same."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileIdentity:
    """A file's device and inode: the same name can come to mean another file."""

    device: int
    inode: int


def identity_of(path: Path) -> FileIdentity | None:
    """The identity of the file at ``path`` now; None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return FileIdentity(found.st_dev, found.st_ino)


class DatabaseFile:
    """The SQLite file a store opened; tells when that file is gone from its place.

    SQLite goes on writing to a deleted file through its open handle, so every note
    would be accepted and lost; and a file put in its place is another database.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.opened = identity_of(path)

    def is_gone(self) -> bool:
        """True when the file is deleted, or another file now has its name."""
        return self.opened is not None and identity_of(self.path) != self.opened
