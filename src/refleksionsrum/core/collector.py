"""Python's cycle collector paused while many long-lived objects are made, resumed after.

The collector walks every object that can hold a reference each time enough new ones
have been made, and a program that is loading makes nothing but new ones that live on
(modules, classes, parsed styles; parsed meetings). Paused meanwhile, the work is done
once, or not at all. Pauses nest and may come from several threads; a collector the
program had turned off itself stays off.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()
# How many pauses are open, whether the collector was on when the first began, and
# whether the program's own loading holds one of them (hold_while_loading).
_STATE = {"open": 0, "was_on": True, "loading": False}


def pause() -> None:
    """One more pause; the collector is off until each is resumed."""
    with _LOCK:
        if _STATE["open"] == 0:
            _STATE["was_on"] = gc.isenabled()
            gc.disable()
        _STATE["open"] += 1


def resume() -> None:
    """One pause less; the collector is on again when none is left (if it was on before)."""
    with _LOCK:
        _STATE["open"] -= 1
        if _STATE["open"] == 0 and _STATE["was_on"]:
            gc.enable()


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """The collector off for the length of a with block."""
    pause()
    try:
        yield
    finally:
        resume()


def hold_while_loading() -> None:
    """Off from the program's first line until it is ready (loaded)."""
    with _LOCK:
        _STATE["loading"] = True
    pause()


def loaded() -> None:
    """The program is ready: what it made while loading is kept out of later collections.

    gc.freeze() moves every object there is now to a generation the collector never
    walks: the modules, classes and styles live as long as the program, and each
    collection from here on (one every few hundred objects made while typing) need
    not look at them again. The leftovers of loading that only a collection would free
    stay with them: some 3,100 objects at the start screen's first frame, where a full
    collection took 56 ms. A no-op unless hold_while_loading ran, and after the first call.
    """
    with _LOCK:
        if not _STATE["loading"]:
            return
        _STATE["loading"] = False
    gc.freeze()
    resume()
