"""A closed window, a dropped SSH session or Ctrl+C: the meeting is saved and the terminal restored.

The real program runs in a pseudo-terminal of its own. SIGHUP, SIGTERM and SIGINT are sent
while a note is recorded and another is half typed (not yet stored as a draft: the 0.4 s
draft timer has not fired); each must leave everything in the store and in the session
file, the meeting still running, and the terminal as it was (alternate screen left, mouse
reporting off).
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from refleksionsrum.core.files import sessionfile
from refleksionsrum.tui.signals import terminal_gone

from .peek import drafts, meeting_state, notes, poll
from .procs import SCRIPT, Terminal

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"
CTRL_N = b"\x0e"


@pytest.fixture
def started(workspace: Path) -> Iterator[Terminal]:
    """`refleksionsrum new` in a terminal, in the data phase, one note recorded, one half typed."""
    term = Terminal([str(SCRIPT), "new", "--workspace", str(workspace), "--title", "Signaler"])
    try:
        term.wait_for_text("OPFØLGNING")
        term.write(CTRL_N)
        term.wait_for_text("DATAGENNEMGANG")
        term.write("Fremmødet faldt i oktober\r")
        # Enter is handled after keys queued behind it: let it record before typing on.
        poll(lambda: notes(workspace), lambda found: len(found) == 1, "the first note")
        term.write("Halvt skrevet")
        term.wait_for_text("Halvt skrevet")
        yield term
    finally:
        term.close()


def assert_all_kept(workspace: Path) -> None:
    assert notes(workspace) == ["Fremmødet faldt i oktober"]
    assert drafts(workspace)["entry:data"]["entry-text"] == "Halvt skrevet"
    current, running = meeting_state(workspace)
    assert current == 1  # still the data phase, waiting to be resumed
    assert not running  # the clock stops while nobody is in the room's app
    (path,) = (workspace / "sessions").glob("*.toml")
    saved = sessionfile.read(path)
    assert saved.ended_at is None
    assert [n.text for n in saved.notes] == ["Fremmødet faldt i oktober"]
    assert saved.phases[1].key == "data"


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT], ids=str)
def test_signal_saves_everything_restores_the_terminal_and_exits(
    started: Terminal, workspace: Path, number: signal.Signals
) -> None:
    started.signal(number)
    assert started.wait() == 128 + number
    tail = bytes(started.output).rsplit(b"Halvt skrevet", 1)[-1]
    assert LEAVE_ALTERNATE_SCREEN in tail
    assert MOUSE_OFF in tail
    assert b"Traceback" not in started.output
    assert_all_kept(workspace)


def test_closing_the_terminal_itself_saves_everything(started: Terminal, workspace: Path) -> None:
    # The kernel's hang-up: the terminal is gone, so nothing can be restored on it.
    started.hang_up()
    assert started.wait() == 128 + signal.SIGHUP
    assert_all_kept(workspace)


def test_ctrl_c_as_a_key_does_not_throw_the_meeting_away(
    started: Terminal, workspace: Path
) -> None:
    started.write(b"\x03")
    started.write(", og mere")
    started.wait_for_text(", og mere")
    # Still running, still typing into the same entry line; Ctrl+Q then saves and leaves.
    started.write(b"\x11")
    assert started.wait() == 0
    assert LEAVE_ALTERNATE_SCREEN in bytes(started.output)
    assert notes(workspace) == ["Fremmødet faldt i oktober"]
    assert drafts(workspace)["entry:data"]["entry-text"] == "Halvt skrevet, og mere"


def test_a_closed_window_is_told_from_an_open_one() -> None:
    """Textual's writer waits for ever on a hung-up terminal; the app must see it is gone."""
    master, slave = pty.openpty()
    try:
        assert not terminal_gone(slave)
        os.close(master)
        assert terminal_gone(slave)
    finally:
        os.close(slave)


def test_a_signal_while_the_program_loads_is_kept_then_acted_on() -> None:
    """launch.py holds a stop that comes during the imports; a command gets it after them."""
    script = (
        "import os, signal; from refleksionsrum import launch; "
        "launch.hold_signals(); os.kill(os.getpid(), signal.SIGTERM); "
        "print('loading went on', launch.early_signal(), flush=True); "
        "launch.release_signals(); print('not reached')"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.stdout == f"loading went on {int(signal.SIGTERM)}\n"
    assert done.returncode == -signal.SIGTERM
