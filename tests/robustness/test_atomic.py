"""Session files and exports are whole or untouched: failures midway leave the old file intact.

Promise 3 of issue 4. Each failure is injected: an exception inside the writer (fsync,
write, rename, Ctrl+C), a real full disk (a 64 KiB tmpfs), a real read-only folder (a
read-only bind mount, or the immutable flag) and, everywhere, a refused temporary file.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from refleksionsrum import cli
from refleksionsrum.core.files import atomic
from refleksionsrum.core.files.atomic import atomic_write_text

from .faults import fill, immutable, leftovers, read_only_mount, tiny_disk

OLD = "format = 1\n# det gamle indhold, som skal blive\n"
NEW = "format = 1\n# nyt indhold\n" + "x = 1\n" * 4_000


@pytest.fixture
def target(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "møde.toml"
    path.write_text(OLD, encoding="utf-8")
    return path


def assert_untouched(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == OLD
    assert leftovers(path.parent) == []


def test_a_write_is_fsynced_then_renamed_in_the_same_folder_then_the_folder_fsynced(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[tuple[str, Any]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        steps.append(("fsync", Path(os.readlink(f"/proc/self/fd/{fd}"))))
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        steps.append(("replace", (Path(src), Path(dst))))
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    atomic_write_text(target, NEW)

    assert target.read_text(encoding="utf-8") == NEW
    (kind1, temp), (kind2, (source, dest)), (kind3, folder) = steps
    assert (kind1, kind2, kind3) == ("fsync", "replace", "fsync")
    assert source == temp and source.parent == target.parent and dest == target
    assert folder == target.parent
    assert leftovers(target.parent) == []


class Boom(OSError):
    pass


def _half_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, *args, **kwargs)

        class HalfWriter:
            def __enter__(self) -> HalfWriter:
                return self

            def __exit__(self, *exc: object) -> None:
                handle.close()

            def write(self, data: bytes) -> int:
                handle.write(data[: len(data) // 2])
                handle.flush()
                raise OSError(errno.ENOSPC, "No space left on device")

            def __getattr__(self, name: str) -> Any:
                return getattr(handle, name)

        return HalfWriter()

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)


def _raise_in(name: str, error: BaseException) -> Callable[[pytest.MonkeyPatch], None]:
    def inject(monkeypatch: pytest.MonkeyPatch) -> None:
        def fail(*_args: Any, **_kwargs: Any) -> Any:
            raise error

        monkeypatch.setattr(atomic.os, name, fail) if name != "mkstemp" else monkeypatch.setattr(
            atomic.tempfile, "mkstemp", fail
        )

    return inject


INJECTED = {
    "fsync fails (EIO)": _raise_in("fsync", OSError(errno.EIO, "Input/output error")),
    "write stops halfway (ENOSPC)": _half_write,
    "Ctrl+C during fsync": _raise_in("fsync", KeyboardInterrupt()),
    "chmod fails": _raise_in("chmod", OSError(errno.EPERM, "Operation not permitted")),
    "rename fails": _raise_in("replace", OSError(errno.EXDEV, "Invalid cross-device link")),
    "temp file refused (EACCES)": _raise_in("mkstemp", PermissionError(errno.EACCES, "denied")),
    "temp file refused (EROFS)": _raise_in("mkstemp", OSError(errno.EROFS, "Read-only")),
}


@pytest.mark.parametrize("inject", INJECTED.values(), ids=list(INJECTED))
def test_an_exception_inside_the_writer_leaves_the_old_file(
    target: Path, monkeypatch: pytest.MonkeyPatch, inject: Callable[[pytest.MonkeyPatch], None]
) -> None:
    inject(monkeypatch)
    with pytest.raises((OSError, KeyboardInterrupt)):
        atomic_write_text(target, NEW)
    monkeypatch.undo()
    assert_untouched(target)


def test_a_full_disk_leaves_the_old_file(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk") as disk:
        path = disk / "møde.toml"
        path.write_text(OLD, encoding="utf-8")
        filler = fill(disk)
        with pytest.raises(OSError) as full:
            atomic_write_text(path, NEW)
        assert full.value.errno == errno.ENOSPC
        assert_untouched(path)
        # Room again: the same write now goes through.
        filler.unlink()
        atomic_write_text(path, NEW)
        assert path.read_text(encoding="utf-8") == NEW
        assert leftovers(disk) == []


def test_a_read_only_folder_leaves_the_old_file(target: Path) -> None:
    with read_only_mount(target.parent):
        with pytest.raises(OSError) as refused:
            atomic_write_text(target, NEW)
        assert refused.value.errno == errno.EROFS
        assert_untouched(target)
    atomic_write_text(target, NEW)
    assert target.read_text(encoding="utf-8") == NEW


def test_a_folder_that_cannot_be_changed_leaves_the_old_file(target: Path) -> None:
    # Root ignores chmod 0500; the immutable flag stops even root from adding a file.
    with immutable(target.parent):
        with pytest.raises(PermissionError):
            atomic_write_text(target, NEW)
        assert_untouched(target)


def test_a_failed_export_leaves_the_old_export(
    workspace: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from refleksionsrum.core.clock import FakeClock
    from refleksionsrum.core.files.sync import open_store
    from refleksionsrum.core.meeting.starting import new_meeting
    from refleksionsrum.core.workspace import Workspace

    opened = Workspace.open(workspace)
    store = open_store(opened)
    meeting = new_meeting(store, opened.config.template(), "Møde", [], FakeClock())
    store.close()
    out = tmp_path / "referat.md"
    out.write_text(OLD, encoding="utf-8")
    _half_write(monkeypatch)
    code = cli.main(["export", meeting.id, "--workspace", str(workspace), "--output", str(out)])
    monkeypatch.undo()
    assert code == cli.EXIT_PROBLEMS
    assert "Traceback" not in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []
