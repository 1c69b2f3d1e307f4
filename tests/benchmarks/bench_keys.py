"""Keys in a real terminal (tmux 120x40) against bare Textual apps, and closing the terminal.

  python bench_keys.py [--rounds N] [--json FILE]

Each round launches, one at a time and each gone before the next starts: a bare Input
and refleksionsrum's entry line with 0 and with 40 items (typing: key to character on
screen); a bare panel redrawn on Ctrl+N and refleksionsrum's phase change with 5 and 30
items per phase (key to the new phase's first item drawn), Enter to the item listed and
Ctrl+A to the trial action form; then SIGHUP to a bare app, to refleksionsrum's start
screen and to a meeting (signal to process gone). Keys go in with tmux send-keys; the
screen is polled with capture-pane, the same way for every app, so the polling cost is in
both sides of each ratio. A figure per launch is the median of its repeats; ratios are
per round (same moment's load), their median printed. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bare_keys import PANELS, READY
from bench_common import CONSOLE_SCRIPT, HERE, PYTHON
from bench_terminal import Tmux, _alive, tmux_server

from refleksionsrum.core.clock import SystemClock
from refleksionsrum.core.files.sync import open_store
from refleksionsrum.core.kinds import NoteKind
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.workspace import Workspace, init_workspace

TIMEOUT = 30.0
REPEATS = 6
HANG_SECONDS = 10.0
SETTLE = 1.0
TITLE = "Benchmark af taster"


def prepare(root: Path, per_phase: int) -> Path:
    """A workspace with one running meeting in its data phase, ``per_phase`` notes in
    data and in reflection; the meeting is resumed from the start screen with Enter."""
    init_workspace(root)
    workspace = Workspace.open(root)
    store = open_store(workspace)
    try:
        clock = SystemClock()
        template = workspace.config.template(None)
        meeting = new_meeting(store, template, TITLE, [], clock)
        room = MeetingRoom(workspace, store, meeting, clock)
        room.next_phase()
        for n in range(per_phase):
            room.add_note(NoteKind.OBSERVATION, f"Datanote {n + 1:02d} om fremmødet")
        room.next_phase()
        for n in range(per_phase):
            room.add_note(NoteKind.REFLECTION, f"Refleksion {n + 1:02d} om tiden")
        room.previous_phase()
        room.leave()
    finally:
        store.close()
    return root


class Pane:
    """One app in its own tmux session: send keys, wait for the screen."""

    def __init__(self, server: Tmux, argv: list[str], ready: Callable[[str], bool]) -> None:
        self.server = server
        server._count += 1
        self.name = f"keys{server._count}"
        server._tmux("new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", *argv)
        self.wait(ready)

    def screen(self) -> str:
        return self.server._capture(self.name)

    def wait(self, done: Callable[[str], bool], timeout: float = TIMEOUT) -> float:
        begun = time.perf_counter()
        while True:
            screen = self.screen()
            now = time.perf_counter()
            if done(screen):
                return now - begun
            if now - begun > timeout:
                raise TimeoutError(f"{self.name}: not there after {timeout} s:\n{screen}")
            time.sleep(0.002)

    def send(self, *keys: str, literal: bool = False) -> None:
        self.server._tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)

    def timed(self, done: Callable[[str], bool], *keys: str, literal: bool = False) -> float:
        begun = time.perf_counter()
        self.send(*keys, literal=literal)
        self.wait(done)
        return time.perf_counter() - begun

    def pid(self) -> int:
        return self.server._app_pid(self.name)

    def close(self) -> None:
        self.server._end(self.name)


def has(*texts: str) -> Callable[[str], bool]:
    return lambda screen: all(text in screen for text in texts)


def app_meeting(server: Tmux, root: Path) -> Pane:
    pane = Pane(server, [str(CONSOLE_SCRIPT), "--workspace", str(root)], has(TITLE))
    pane.send("Enter")  # the running meeting has the focus: Enter resumes it
    pane.wait(has("DATAGENNEMGANG", "Dagsorden"))
    # Keys typed in the first moments after a resume can be lost (the draft is restored
    # after the screen shows): a finding of its own, not what is measured here.
    time.sleep(SETTLE)
    return pane


def bare(server: Tmux, kind: str) -> Pane:
    return Pane(server, [str(PYTHON), str(HERE / "bare_keys.py"), kind], has(READY))


def typing(pane: Pane, clear: Callable[[Pane], None]) -> float:
    clear(pane)
    # A first character, not timed, until it shows: the entry has the focus and the
    # screen has settled (see SETTLE).
    type_until_shown(pane, "§", clear)
    word = "zqxjkvbpgw"[:REPEATS]
    times = [
        pane.timed(has("§" + word[: i + 1]), char, literal=True) for i, char in enumerate(word)
    ]
    return statistics.median(times)


def type_until_shown(pane: Pane, text: str, clear: Callable[[Pane], None]) -> None:
    """Type ``text`` (not timed) until it shows and is still there a moment later.

    Now and then the entry line is emptied once more shortly after the meeting screen
    (or a phase) is shown, and what was typed is gone: a finding (RESULTS.md), not
    what is measured here, so the text is typed again.
    """
    for _ in range(10):
        pane.send(text, literal=True)
        try:
            pane.wait(has(text), timeout=3.0)
        except TimeoutError:
            clear(pane)
            continue
        time.sleep(1.0)
        if text in pane.screen():
            return
        clear(pane)
    raise TimeoutError(f"{text!r} never stayed in the entry line")


def clear_entry(pane: Pane) -> None:
    pane.send("C-u")
    pane.wait(has("Ny observation"))


def phase_changes(pane: Pane) -> float:
    times = []
    for _ in range(REPEATS // 2):
        times.append(pane.timed(has("REFLEKSION", "Refleksion 01 om tiden"), "C-n"))
        times.append(pane.timed(has("DATAGENNEMGANG", "Datanote 01 om fremmødet"), "C-r"))
    return statistics.median(times)


def panel_redraws(pane: Pane) -> float:
    times = []
    for _ in range(REPEATS // 2):
        times.append(pane.timed(has(PANELS[1]), "C-n"))
        times.append(pane.timed(has(PANELS[0]), "C-r"))
    return statistics.median(times)


def enter_to_item(pane: Pane, tag: int) -> float:
    clear_entry(pane)
    times = []
    for n in range(REPEATS):
        text = f"Ny note {tag}-{n}"
        type_until_shown(pane, text, clear_entry)
        times.append(pane.timed(has(text, "Ny observation"), "Enter"))
    return statistics.median(times)


def ctrl_a_to_form(pane: Pane) -> float:
    for _ in range(3):
        pane.send("C-n")
        time.sleep(0.05)
    pane.wait(has("NÆSTE SKRIDT"))
    times = []
    for _ in range(REPEATS):
        times.append(pane.timed(has("Ansvarlig", "Sådan ser vi det"), "C-a"))
        pane.send("Escape")
        pane.wait(lambda screen: "Ansvarlig" not in screen)
    return statistics.median(times)


def hang_up(pane: Pane) -> float:
    """SIGHUP to the app (a closed terminal); seconds until the process is gone."""
    pid = pane.pid()
    begun = time.perf_counter()
    os.kill(pid, signal.SIGHUP)
    while _alive(pid):
        if time.perf_counter() - begun > HANG_SECONDS:
            pane.close()
            return float("inf")
        time.sleep(0.001)
    took = time.perf_counter() - begun
    pane.close()
    return took


def run(rounds: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        figures.setdefault(name, []).append(value)

    base = Path(tempfile.mkdtemp(prefix="bench-keys-"))
    try:
        with tmux_server() as server:
            for r in range(rounds):
                spaces = {n: prepare(base / f"r{r}-{n}", n) for n in (0, 5, 30, 40)}
                pane = bare(server, "input")
                add("typing bare", typing(pane, lambda p: None))
                pane.close()
                for n in (0, 40):
                    pane = app_meeting(server, spaces[n])
                    add(f"typing {n}", typing(pane, clear_entry))
                    pane.close()
                pane = bare(server, "panel")
                add("redraw bare", panel_redraws(pane))
                pane.close()
                pane = app_meeting(server, spaces[30])
                add("phase 30", phase_changes(pane))
                pane.close()
                pane = app_meeting(server, spaces[5])
                add("phase 5", phase_changes(pane))
                add("enter", enter_to_item(pane, r))
                add("ctrl+a", ctrl_a_to_form(pane))
                pane.close()
                pane = Pane(server, [str(PYTHON), str(HERE / "bare_app.py")], has("ready"))
                add("exit bare", hang_up(pane))
                pane = Pane(
                    server,
                    [str(CONSOLE_SCRIPT), "--workspace", str(spaces[0])],
                    has(TITLE),
                )
                add("exit start", hang_up(pane))
                add("exit meeting", hang_up(app_meeting(server, spaces[0])))
                print(
                    f"round {r + 1}/{rounds}: "
                    + ", ".join(f"{k} {v[-1] * 1000:.0f} ms" for k, v in figures.items()),
                    flush=True,
                )
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return figures


def closes(count: int) -> dict[str, list[float]]:
    """``count`` closed terminals, half on the start screen, half in a meeting: each
    SIGHUP's time to the process gone (inf when it is not gone within HANG_SECONDS)."""
    figures: dict[str, list[float]] = {"close start": [], "close meeting": []}
    base = Path(tempfile.mkdtemp(prefix="bench-closes-"))
    try:
        with tmux_server() as server:
            space = prepare(base / "ws", 5)
            for n in range(count):
                if n % 2:
                    figures["close meeting"].append(hang_up(app_meeting(server, space)))
                else:
                    argv = [str(CONSOLE_SCRIPT), "--workspace", str(space)]
                    figures["close start"].append(hang_up(Pane(server, argv, has(TITLE))))
                if (n + 1) % 20 == 0:
                    hung = sum(
                        v == float("inf")
                        for v in (*figures["close start"], *figures["close meeting"])
                    )
                    print(f"closes {n + 1}/{count}: {hung} hung", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return figures


def ratios(figures: dict[str, list[float]], top: str, bottom: str) -> list[float]:
    return [a / b for a, b in zip(figures[top], figures[bottom], strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--closes", type=int, default=0, help="then close this many terminals (SIGHUP)"
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    begun = time.perf_counter()
    figures = run(args.rounds) if args.rounds else {}
    if args.closes:
        figures.update(closes(args.closes))
    load_after = os.getloadavg()
    table = (
        []
        if not args.rounds
        else [
            ("typing, 0 items / bare Input", ratios(figures, "typing 0", "typing bare"), 1.3),
            ("typing, 40 items / bare Input", ratios(figures, "typing 40", "typing bare"), 1.3),
            ("phase change, 5 items / bare redraw", ratios(figures, "phase 5", "redraw bare"), 3.0),
            (
                "phase change, 30 items / bare redraw",
                ratios(figures, "phase 30", "redraw bare"),
                3.0,
            ),
            ("Enter to item shown / bare redraw", ratios(figures, "enter", "redraw bare"), 3.0),
            ("Ctrl+A to form / bare redraw", ratios(figures, "ctrl+a", "redraw bare"), 3.0),
        ]
    )
    print(
        f"\nload average before {load_before[0]:.2f}, after {load_after[0]:.2f}; "
        f"{time.perf_counter() - begun:.0f} s; {args.rounds} rounds"
    )
    for name, values in figures.items():
        finite = [v for v in values if v != float("inf")]
        print(
            f"  {name:<14} median {statistics.median(finite) * 1000:7.1f} ms  "
            f"min {min(finite) * 1000:7.1f}  max {max(finite) * 1000:7.1f}  "
            f"hangs {len(values) - len(finite)}"
        )
    for name, values, target in table:
        if not values:
            continue
        median = statistics.median(values)
        verdict = "PASS" if median <= target else "MISS"
        print(
            f"  {name:<40} {median:5.2f}x (min {min(values):.2f}, max {max(values):.2f}) "
            f"target <= {target}x  {verdict}"
        )
    for name in ("exit start", "exit meeting", "exit bare", "close start", "close meeting"):
        if not figures.get(name):
            continue
        median = statistics.median(figures[name])
        verdict = "PASS" if median <= 0.3 else "MISS"
        print(f"  {name:<40} {median * 1000:5.0f} ms  target <= 300 ms  {verdict}")
    closed = figures.get("close start", []) + figures.get("close meeting", [])
    if closed:
        hung = sum(value == float("inf") for value in closed)
        print(
            f"  {'closes that hung':<40} {hung} of {len(closed)}  target 0  "
            + ("PASS" if hung == 0 else "MISS")
        )
    if args.json:
        args.json.write_text(
            json.dumps({"load": [load_before, load_after], "figures": figures}, indent=1)
        )


if __name__ == "__main__":
    main()
