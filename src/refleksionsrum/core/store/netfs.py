"""Whether a path lies on a network file system, where SQLite's WAL mode does not work."""

from __future__ import annotations

import os
from pathlib import Path

# WAL needs shared memory between the processes on one machine; these do not give it.
NETWORK_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smbfs",
        "smb3",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "davfs",
        "fuse.sshfs",
        "sshfs",
        "fuse.glusterfs",
        "fuse.cephfs",
        "lustre",
        "gpfs",
        "ncpfs",
    }
)
MOUNTS = Path("/proc/self/mounts")


def _unescape(field: str) -> str:
    # /proc/mounts writes a space as \\040 (and tab, newline, backslash likewise).
    return (
        field.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
    )


def network_filesystem(path: Path, mounts: Path = MOUNTS) -> str | None:
    """The type of the network file system ``path`` is on, or None (local, or unknown)."""
    try:
        lines = mounts.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    target = os.path.realpath(path)
    best, kind = "", ""
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape(parts[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind if kind in NETWORK_TYPES else None
