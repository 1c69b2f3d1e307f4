"""Standard streams that may be closed, full or a broken pipe: one message, never a traceback."""

from __future__ import annotations

import contextlib
import os
import sys


class StdoutFailed(Exception):
    """Standard output could not take what was written; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def fill_closed() -> None:
    """Put /dev/null where standard input, output or error is closed.

    Otherwise the next file opened (the database, an export) gets descriptor 1 or 2,
    and a message printed later would be written into it.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:  # a lower one was free after all; keep what we got
                os.close(opened)


def say(text: str) -> None:
    """A line on standard output; nothing when it is closed (the exit code still tells)."""
    if sys.stdout is not None:
        try:
            print(text)
        except (OSError, ValueError) as error:
            raise _failed(error) from None


def complain(text: str) -> None:
    """A line on standard error, if there is one to write to."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(text, file=sys.stderr)
            sys.stderr.flush()


def write_stdout(text: str) -> None:
    """Write a document to standard output and flush it, or raise StdoutFailed."""
    if sys.stdout is None:
        raise StdoutFailed("closed")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except (OSError, ValueError) as error:
        raise _failed(error) from None


def flush_stdout() -> None:
    """Flush now, so a full disk or a closed pipe is one message, not a traceback at exit."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except (OSError, ValueError) as error:
        raise _failed(error) from None


def _failed(error: OSError | ValueError) -> StdoutFailed:
    # Nothing more can go there; point it at /dev/null so the flush at exit is quiet.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    return StdoutFailed(getattr(error, "strerror", None) or type(error).__name__)
