"""A whole meeting through `refleksionsrum new` in a real terminal: tmux sends the keys."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.i18n import t
from refleksionsrum.core.models import NoteKind

pytestmark = pytest.mark.tmux

COMMAND = Path(sys.executable).parent / "refleksionsrum"
WIDTH, HEIGHT = 100, 30
# Waiting for another process to draw, not for a timer: poll until a deadline.
DEADLINE_S = 30.0
POLL_S = 0.1

TITLE = "Refleksionsmøde i tmux"
OBSERVATION = "Fremmødet faldt til 55 %."
SOURCE = "Tællelister"
REFLECTION = "Formiddage passer bedre."
WONDERING = "Hvorfor netop oktober?"
DECISION = "Vi flytter forløbet til formiddag."
ACTION = {
    "title": "Ring dagen før til familierne",
    "owner": "Jonas",
    "prediction": "Mindst 4 af 6 møder op.",
    "measure": "Fremmøde pr. gang.",
    "point": "Fastholdelse",
}


def tmux_or_skip() -> str:
    found = shutil.which("tmux")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing on CI: scripts/test.sh should have installed it")
        pytest.skip("tmux is not installed (scripts/test.sh installs it)")
    return found


@dataclass(frozen=True)
class InputBox:
    """An Input as the terminal shows it: where, its label above, its text, its border colour."""

    x: int
    y: int
    label: str
    text: str
    colour: str


_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _cells(line: str) -> list[tuple[str, str]]:
    """Each character of a captured line with the foreground colour it is drawn in."""
    cells: list[tuple[str, str]] = []
    colour = ""
    position = 0
    for match in _SGR.finditer(line):
        cells += [(ch, colour) for ch in line[position : match.start()]]
        position = match.end()
        params = match.group(1).split(";") if match.group(1) else ["0"]
        index = 0
        while index < len(params):
            code = params[index]
            if code in ("0", "39"):
                colour = ""
            elif code == "38" and index + 1 < len(params):
                width = 3 if params[index + 1] == "5" else 5
                colour = ";".join(params[index : index + width])
                index += width - 1
            elif code == "48" and index + 1 < len(params):
                index += 2 if params[index + 1] == "5" else 4
            index += 1
    cells += [(ch, colour) for ch in line[position:]]
    return cells


class Terminal:
    """One detached tmux session on its own server socket, driven like a person at a keyboard."""

    def __init__(self, tmux: str, env: dict[str, str]) -> None:
        self.tmux = tmux
        self.socket = f"refleksionsrum-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.env = env
        # The border colour of a focused Input, learnt from one known to have the focus.
        self.focus_colour = ""
        self.socket_path = ""

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [self.tmux, "-L", self.socket, "-f", os.devnull, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return done.stdout

    def start(self, command: list[str]) -> None:
        # After the app exits, show its exit status and keep the pane open to read it.
        shell = f'{shlex.join(command)}; echo "[exit $?]"; exec cat'
        self.run(
            "new-session", "-d", "-s", "e2e", "-x", str(WIDTH), "-y", str(HEIGHT), "sh", "-c", shell
        )
        self.socket_path = self.run("display-message", "-p", "#{socket_path}").strip()

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "e2e")

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + DEADLINE_S
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(POLL_S)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{shown}")

    def boxes(self) -> list[InputBox]:
        """Every Input on the screen, with the colour of its border (from `capture-pane -e`)."""
        lines = [
            _cells(line) for line in self.run("capture-pane", "-e", "-p", "-t", "e2e").split("\n")
        ]
        plain = ["".join(ch for ch, _ in cells) for cells in lines]
        found = []
        for y in range(2, len(lines) - 1):
            for x, (ch, colour) in enumerate(lines[y]):
                # An Input is three rows high with "▊" down its left edge; this is its middle.
                if ch == "▊" and plain[y - 1][x : x + 1] == "▊" and plain[y + 1][x : x + 1] == "▊":
                    label = plain[y - 2][x:].strip().split("  ")[0]
                    text = plain[y][x + 1 :].split("▎")[0].strip()
                    found.append(InputBox(x, y, label, text, colour))
        return found

    def wait_for_focus(self, which: Callable[[list[InputBox]], InputBox | None], what: str) -> None:
        """Wait until the Input that ``which`` picks has the focus colour.

        Enter and Tab move the focus through messages handled after the keys already
        queued behind them (see tests/tui/test_typing_ahead.py): typing before the
        focus has moved would type into the field before.
        """
        assert self.focus_colour, "learn the focus colour first"
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            box = which(self.boxes())
            if box is not None and box.colour == self.focus_colour:
                return
            time.sleep(POLL_S)
        raise AssertionError(f"the focus never reached {what}:\n{self.screen()}")

    def wait_for_field(self, label: str) -> None:
        """Wait until the focus is in the form field labelled ``label``."""
        self.wait_for_focus(
            lambda boxes: next((b for b in boxes if b.label == label), None), repr(label)
        )

    def keys(self, *keys: str) -> None:
        """Named keys: Enter, Tab, C-n ..."""
        self.run("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "e2e", "-l", text)

    def kill(self) -> None:
        subprocess.run(
            [self.tmux, "-L", self.socket, "kill-server"],
            env=self.env,
            capture_output=True,
            timeout=30,
            check=False,
        )
        # The server leaves its socket file behind.
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    tmux = tmux_or_skip()
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
    env.pop("TMUX", None)
    term = Terminal(tmux, env)
    try:
        yield term
    finally:
        term.kill()


def test_whole_meeting_in_tmux(terminal: Terminal, tmp_path: Path) -> None:
    workspace = tmp_path / "arbejdsrum"
    made = subprocess.run(
        [str(COMMAND), "init", str(workspace)], capture_output=True, text=True, timeout=60
    )
    assert made.returncode == 0, made.stderr
    assert (workspace / "config.toml").is_file()

    terminal.start([str(COMMAND), "new", "--title", TITLE, "--workspace", str(workspace)])
    terminal.wait_for("Ingen åbne prøvehandlinger")
    assert TITLE in terminal.screen()

    terminal.keys("C-n")
    terminal.wait_for("DATAGENNEMGANG")
    terminal.type(OBSERVATION)
    terminal.wait_for(OBSERVATION)
    # The typed text is in the entry line: its border shows what focus looks like.
    [entry] = [b for b in terminal.boxes() if b.text == OBSERVATION]
    terminal.focus_colour = entry.colour
    terminal.keys("Tab")
    terminal.wait_for_focus(
        lambda boxes: next((b for b in boxes if b.y == entry.y and b.x > entry.x), None),
        "the source field",
    )
    terminal.type(SOURCE)
    terminal.wait_for(SOURCE)
    terminal.keys("Enter")
    terminal.wait_for(f"Observation: {OBSERVATION}  (kilde: {SOURCE})")

    terminal.keys("C-n")
    terminal.wait_for("REFLEKSION")
    terminal.type(REFLECTION)
    terminal.wait_for(REFLECTION)
    terminal.keys("Enter")
    terminal.wait_for(f"Refleksion: {REFLECTION}")

    terminal.keys("C-n")
    terminal.wait_for("UNDRING FØR HANDLING")
    terminal.type(WONDERING)
    terminal.wait_for(WONDERING)
    terminal.keys("Enter")
    terminal.wait_for(f"Undring: {WONDERING}")

    terminal.keys("C-n")
    terminal.wait_for("NÆSTE SKRIDT")
    terminal.type(DECISION)
    terminal.wait_for(DECISION)
    terminal.keys("Enter")
    terminal.wait_for(f"Beslutning: {DECISION}")

    terminal.keys("C-a")
    terminal.wait_for(t("form.new_action"))
    # Enter moves from field to field; the due date keeps its default; Enter on the last saves.
    fields = (
        (t("field.title"), ACTION["title"]),
        (t("field.owner"), ACTION["owner"]),
        (t("field.due"), ""),
        (t("field.prediction"), ACTION["prediction"]),
        (t("field.measure"), ACTION["measure"]),
        (t("field.development_point"), ACTION["point"]),
    )
    for label, value in fields:
        terminal.wait_for_field(label)
        if value:
            terminal.type(value)
            terminal.wait_for(value)
        terminal.keys("Enter")
    terminal.wait_for(f"Prøvehandling: {ACTION['title']}")

    terminal.keys("C-n")
    terminal.wait_for("Afslut mødet nu?")
    terminal.keys("Enter")
    summary = terminal.wait_for("Mødet er slut")
    assert DECISION in summary
    assert f"{ACTION['title']} · {ACTION['owner']}" in summary

    terminal.keys("C-q")
    terminal.wait_for("[exit 0]")

    [path] = sorted((workspace / "sessions").glob("*.toml"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("format = 1\n")
    assert "\nended_at = " in text
    meeting = sessionfile.read(path)
    assert path.name == f"{meeting.id}.toml"
    assert meeting.title == TITLE
    assert meeting.ended_at is not None and meeting.ended_at >= meeting.started_at
    assert [p.key for p in meeting.phases] == ["followup", "data", "reflection", "wonder", "next"]
    assert [(n.phase, n.kind, n.text, n.source) for n in meeting.notes] == [
        ("data", NoteKind.OBSERVATION, OBSERVATION, SOURCE),
        ("reflection", NoteKind.REFLECTION, REFLECTION, None),
        ("wonder", NoteKind.WONDERING, WONDERING, None),
    ]
    assert [d.text for d in meeting.decisions] == [DECISION]
    [action] = meeting.trial_actions
    assert (
        action.title,
        action.owner,
        action.prediction,
        action.measure,
        action.development_point,
    ) == (
        ACTION["title"],
        ACTION["owner"],
        ACTION["prediction"],
        ACTION["measure"],
        ACTION["point"],
    )
    # borgerniveau meets every 14 days: the default due date is the next meeting.
    assert action.due == meeting.started_at.date() + timedelta(days=14)
    assert action.id.startswith("ta-")
