"""Real file-system faults for the tests: a full disk (tiny tmpfs), a read-only or immutable folder.

Mounting needs root (CAP_SYS_ADMIN) and chattr needs a file system that supports the
immutable flag; where either is missing the test that needs it is skipped with the reason,
and the monkeypatched variants of the same faults still run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False, timeout=30)


def can_mount(probe: Path) -> str | None:
    """None if tmpfs can be mounted here; otherwise why not."""
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root"
    if shutil.which("mount") is None:
        return "there is no mount command"
    probe.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(probe))
    if done.returncode != 0:
        return f"mount is not permitted here: {done.stderr.strip()}"
    _run("umount", str(probe))
    return None


def _umount(path: Path) -> None:
    if _run("umount", str(path)).returncode != 0:
        _run("umount", "-l", str(path))


@contextlib.contextmanager
def tiny_disk(path: Path, size: str = "64k") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``path`` (made if missing); unmounted afterwards."""
    why = can_mount(path.parent / ".mount-probe")
    if why:
        pytest.skip(why)
    path.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path))
    assert done.returncode == 0, done.stderr
    try:
        yield path
    finally:
        _umount(path)


def fill(folder: Path) -> Path:
    """Fill the file system under ``folder`` to the last byte; returns the filler to delete."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as handle:  # unbuffered: close has nothing to flush
        for size in (4096, 512, 1):
            try:
                while handle.write(b"\0" * size):
                    pass
            except OSError:
                pass
    return filler


@contextlib.contextmanager
def read_only_mount(path: Path) -> Iterator[None]:
    """``path`` bind-mounted on itself read-only: every write below it fails with EROFS."""
    why = can_mount(path.parent / ".mount-probe")
    if why:
        pytest.skip(why)
    assert _run("mount", "--bind", str(path), str(path)).returncode == 0
    done = _run("mount", "-o", "remount,bind,ro", str(path))
    if done.returncode != 0:
        _umount(path)
        pytest.skip(f"a read-only remount is not permitted here: {done.stderr.strip()}")
    try:
        yield
    finally:
        _umount(path)


def can_make_immutable(probe: Path) -> str | None:
    if os.geteuid() != 0:
        return "chattr +i needs root"
    if shutil.which("chattr") is None:
        return "there is no chattr command"
    probe.mkdir(parents=True, exist_ok=True)
    done = _run("chattr", "+i", str(probe))
    if done.returncode != 0:
        return f"this file system has no immutable flag: {done.stderr.strip()}"
    _run("chattr", "-i", str(probe))
    return None


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """``path`` with the immutable flag: nothing in the folder can be made, renamed or removed.

    Files already in it can still be written: the database next to the session files
    goes on working, as on a folder whose permissions were taken away.
    """
    why = can_make_immutable(path.parent / ".chattr-probe")
    if why:
        pytest.skip(why)
    assert _run("chattr", "+i", str(path)).returncode == 0
    try:
        yield
    finally:
        _run("chattr", "-i", str(path))


def leftovers(folder: Path) -> list[str]:
    """Temporary files left behind by an atomic write (they start with a dot)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
