"""The console script's first step: a signal that comes while the program loads is kept.

Loading the program takes a moment (longer on a busy machine); a Ctrl+C, a closed
window or a stop in that moment would end it with Python's traceback halfway through
an import. From here on the leaving signals are remembered until the program is ready:
the app handles the first one as if it came then (tui/signals.py); any other command
gets the defaults back before it runs, and the signal with them.
"""

from __future__ import annotations

import contextlib
import signal
from types import FrameType

from refleksionsrum.core import collector

LEAVING_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)

_early: list[int] = []
_held = False


def _remember(number: int, _frame: FrameType | None) -> None:
    _early.append(number)


def hold_signals() -> None:
    """Until the program handles them, a leaving signal is remembered, not acted on."""
    global _held
    _held = True
    for number in LEAVING_SIGNALS:
        with contextlib.suppress(ValueError, OSError):
            signal.signal(number, _remember)


def early_signal() -> int | None:
    """The first leaving signal that came while they were held, if one did."""
    return _early[0] if _early else None


def release_signals() -> None:
    """The default handlers back (a command that is not the app); a kept signal comes now.

    A no-op unless hold_signals ran: the program called in-process (tests) keeps its
    caller's handlers.
    """
    global _held
    if not _held:
        return
    _held = False
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for number in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    if _early:
        signal.raise_signal(_early[0])


def main() -> int:
    """`refleksionsrum`: hold the signals and the collector, then load and run the command line."""
    hold_signals()
    # Loading makes some hundred thousand objects that live as long as the program;
    # the collector walked them 146 times before the start screen's first frame
    # (45-75 ms of the start, one walk of every generation 20-35 ms). The app resumes
    # it after its first frame, any other command before it runs (core/collector.py).
    collector.hold_while_loading()
    from refleksionsrum.cli import main as run

    return run()
