"""Phase change, Enter and Ctrl+A in process (App.run_test): time and Textual's work counted.

  python bench_phase.py [--per-phase N] [--rounds N] [--profile FILE]

The same meeting as bench_keys.py (data and reflection phases with N notes each), resumed
in App.run_test at 120x40. Each key goes in as Pilot sends it (a Key event through the
test driver) and is timed until its effect is there and the app is idle again (no layout
nor repaint pending): a phase change until the new phase is settled with its first row
drawn; Enter until the note is listed and stored; Ctrl+A until the trial action form has
the focus in its first field. Beside each median: how often Textual laid out a screen
(Screen._refresh_layout), styled a widget (Stylesheet.apply) and mounted one
(Widget._post_mount), per key. With --profile, a cProfile of the phase changes is written
there (pstats; --profiled enter or ctrl+a: of those keys instead). Nothing is asserted; the tmux
figures (bench_keys.py) are the ones the targets are for, these show where the time goes.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bare_keys import PANELS, BarePanel
from bench_keys import TITLE, prepare
from textual import events
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.forms import TrialActionForm
from refleksionsrum.tui.items import shown_rows
from refleksionsrum.tui.meeting import MeetingScreen

STUCK_SECONDS = 30
COUNTED = {
    "layouts": (Screen, "_refresh_layout"),
    "styled": (Stylesheet, "apply"),
    "mounted": (Widget, "_post_mount"),
}


COUNTING = True


@contextmanager
def counting() -> Iterator[Counter[str]]:
    """Count calls to the methods in COUNTED while the block runs (not while profiling)."""
    counts: Counter[str] = Counter()
    if not COUNTING:
        yield counts
        return
    originals = {}
    for name, (owner, method) in COUNTED.items():
        original = getattr(owner, method)
        originals[name] = (owner, method, original)

        def counted(*args: Any, _name: str = name, _original: Any = original, **kw: Any) -> Any:
            counts[_name] += 1
            return _original(*args, **kw)

        setattr(owner, method, counted)
    try:
        yield counts
    finally:
        for owner, method, original in originals.values():
            setattr(owner, method, original)


async def _until(done: Callable[[], bool], what: str) -> None:
    deadline = time.perf_counter() + STUCK_SECONDS
    while not done():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{what}: not there after {STUCK_SECONDS} s ({_where()})")
        await asyncio.sleep(0)


def _where() -> str:
    from textual._context import active_app

    app = active_app.get()
    return f"screen {app.screen!r}, focused {app.focused!r}"


def _idle(app: App[Any]) -> bool:
    """Nothing left to draw: no layout, no repaint, no message waiting on the screen."""
    screen = app.screen
    return (
        not screen._layout_required
        and not screen._repaint_required
        and not screen._dirty_widgets
        and screen._message_queue.empty()
        and app._message_queue.empty()
    )


def _send(app: App[Any], key: str, character: str | None = None) -> None:
    event = events.Key(key, character)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def timed_key(
    app: App[Any], key: str, done: Callable[[], bool], character: str | None = None
) -> tuple[float, float, Counter[str]]:
    """Seconds from the key to ``done``, and to the app idle after it; Textual's counts."""
    gc.collect()
    with counting() as counts:
        begun = time.perf_counter()
        _send(app, key, character)
        await _until(done, key)
        shown = time.perf_counter() - begun
        # Two turns idle in a row: a call_after_refresh may still queue a layout.
        await _until(lambda: _idle(app), f"{key}: idle")
        await asyncio.sleep(0)
        await _until(lambda: _idle(app), f"{key}: idle")
        idle = time.perf_counter() - begun
    return shown, idle, counts


def first_row_text(screen: MeetingScreen) -> str:
    items = screen.items
    rows = shown_rows(items) if items is not None else []
    if not rows:
        return ""
    return " ".join(str(getattr(label, "content", "")) for label in rows[0].children)


async def bare_redraws(rounds: int) -> list[tuple[float, float, Counter[str]]]:
    """The yardstick: bare_keys.BarePanel's Ctrl+N, timed the same way."""
    app = BarePanel()
    results = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        panel = app.query_one("#panel", Static)
        for n in range(rounds + 2):
            wanted = PANELS[(n + 1) % 2]
            figures = await timed_key(app, "ctrl+n", lambda w=wanted: w in str(panel.render()))
            if n >= 2:
                results.append(figures)
        app.exit(None)
    return results


async def run(
    per_phase: int, rounds: int, profile: Path | None, profiled: str = "phase"
) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix="bench-phase-")) / "ws"
    prepare(root, per_phase)
    app = RefleksionsrumApp(Workspace.open(root))
    results: dict[str, list[tuple[float, float, Counter[str]]]] = {}
    results["bare"] = await bare_redraws(rounds * 2)
    global COUNTING
    COUNTING = profile is None
    profiler = cProfile.Profile() if profile else None
    async with app.run_test(size=(120, 40)) as pilot:
        app.load_store()
        await _until(lambda: app.store is not None, "the store")
        await app.workers.wait_for_complete()
        store = app.store
        assert store is not None
        running, _ = store.summaries()
        app.resume_meeting(next(m.id for m in running if m.title == TITLE))
        await _until(lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await _until(lambda: screen.settled and screen.is_mounted, "the meeting drawn")
        await pilot.pause(0.3)

        def phase_shown(title: str, row: str) -> Callable[[], bool]:
            return lambda: (
                screen.settled
                and title in str(screen.query_one("#phase-title").render())
                and row in first_row_text(screen)
            )

        # Warm-up: imports, CSS caches.
        for _ in range(2):
            await timed_key(app, "ctrl+n", phase_shown("REFLEKSION", "Refleksion 01"))
            await timed_key(app, "ctrl+r", phase_shown("DATAGENNEMGANG", "Datanote 01"))
        if profiler and profiled == "phase":
            profiler.enable()
        for _ in range(rounds):
            results.setdefault("phase", []).append(
                await timed_key(app, "ctrl+n", phase_shown("REFLEKSION", "Refleksion 01"))
            )
            results["phase"].append(
                await timed_key(app, "ctrl+r", phase_shown("DATAGENNEMGANG", "Datanote 01"))
            )
        if profiler and profiled == "phase":
            profiler.disable()
        # Enter: a note typed (untimed), then Enter until it is listed and stored.
        entry = screen.query_one("#entry-text", Input)
        if profiler and profiled == "enter":
            profiler.enable()
        for n in range(rounds):
            entry.value = f"Ny note {n}"
            await pilot.pause()
            count = len(screen.room.meeting.notes)
            results.setdefault("enter", []).append(
                await timed_key(
                    app,
                    "enter",
                    lambda c=count: len(screen.room.meeting.notes) == c + 1 and not screen.saving,
                    "\r",
                )
            )
        if profiler and profiled == "enter":
            profiler.disable()
        # Ctrl+A in the next steps phase: the form, its first field focused.
        while screen.room.records != "next":
            shown = screen.room.shown
            await timed_key(
                app, "ctrl+n", lambda s=shown: screen.room.shown != s and screen.settled
            )
        if profiler and profiled == "ctrl+a":
            profiler.enable()
        for _ in range(rounds):

            def form_ready() -> bool:
                return isinstance(app.screen, TrialActionForm) and isinstance(app.focused, Input)

            results.setdefault("ctrl+a", []).append(await timed_key(app, "ctrl+a", form_ready))
            _send(app, "escape")
            await _until(lambda: app.screen is screen, "the form closed")
            await pilot.pause(0.1)
        if profiler:
            profiler.disable()
            profiler.dump_stats(str(profile))
        app.exit(0)
    summary: dict[str, Any] = {}
    for name, values in results.items():
        counts: Counter[str] = Counter()
        for _, _, c in values:
            counts.update(c)
        summary[name] = {
            "shown_ms": statistics.median(v[0] for v in values) * 1000,
            "idle_ms": statistics.median(v[1] for v in values) * 1000,
            **{k: counts[k] / len(values) for k in COUNTED},
        }
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-phase", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--profiled", choices=("phase", "enter", "ctrl+a"), default="phase")
    args = parser.parse_args()
    summary = asyncio.run(run(args.per_phase, args.rounds, args.profile, args.profiled))
    print(f"{args.per_phase} items per phase, {args.rounds} rounds (medians; counts per key)")
    for name, figures in summary.items():
        print(
            f"  {name:<7} shown {figures['shown_ms']:7.1f} ms  idle {figures['idle_ms']:7.1f} ms"
            + "".join(f"  {k} {figures[k]:6.1f}" for k in COUNTED)
        )


if __name__ == "__main__":
    main()
