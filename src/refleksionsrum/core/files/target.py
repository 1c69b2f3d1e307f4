"""Where `export --output` may write: a new path, or a regular file (through a symlink)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from refleksionsrum.core.errors import FileProblem
from refleksionsrum.core.files.atomic import FILE_MODE, atomic_write_text
from refleksionsrum.core.files.sessionfile import kind_of


class TargetRefused(FileProblem):
    """An output path the export will not write to, named as the user gave it."""

    def render(self) -> str:
        return f"refleksionsrum: {super().render()}"


@dataclass(frozen=True)
class OutputTarget:
    """The path as given (for messages) and the file to replace."""

    given: Path
    real: Path


def output_target(given: str) -> OutputTarget:
    """The file ``given`` names, or TargetRefused.

    A folder, a device, a FIFO or a socket is refused: an export replaces its target
    with a regular file, and a device node or a named pipe is not the user's to lose.
    A symlink is written through: the file it names is replaced, the link stays.
    """
    path = Path(given).expanduser()
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise TargetRefused(path, "export.dangling", target=os.readlink(path)) from None
        if not path.parent.is_dir():
            raise TargetRefused(path, "export.no_folder") from None
        return OutputTarget(path, path)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise TargetRefused(path, "export.unwritable", reason=reason) from None
    if not stat.S_ISREG(info.st_mode):
        raise TargetRefused(path, "export.not_regular", kind=kind_of(info.st_mode))
    return OutputTarget(path, Path(os.path.realpath(path)))


def write_output(target: OutputTarget, text: str) -> None:
    """Replace the target atomically; a failure names the path the user gave."""
    try:
        # Private like the session files, whatever the file had: the referat quotes
        # notes about the team's work with vulnerable citizens.
        atomic_write_text(target.real, text, mode=FILE_MODE)
    except OSError as error:
        # Not the temporary file beside it: that name means nothing to the user.
        reason = error.strerror or type(error).__name__
        raise TargetRefused(target.given, "export.unwritable", reason=reason) from None
