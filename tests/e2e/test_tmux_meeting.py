"""A whole meeting through `refleksionsrum new` in a real terminal: tmux sends the keys."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.i18n import t
from refleksionsrum.core.kinds import NoteKind
from support.tmux import Tmux
from support.waiting import DEADLINE_S, poll

# Alone, after the parallel pass, as a user's one terminal would be.
pytestmark = [pytest.mark.tmux, pytest.mark.serial]

COMMAND = Path(sys.executable).parent / "refleksionsrum"
WIDTH, HEIGHT = 100, 30

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
    """The shared tmux driver, plus reading the Inputs and which one has the focus."""

    def __init__(self, tmux: Tmux) -> None:
        self.tmux = tmux
        # The border colour of a focused Input, learnt from one known to have the focus.
        self.focus_colour = ""

    def start(self, command: list[str]) -> None:
        # After the app exits, show its exit status and keep the pane open to read it.
        self.tmux.start(command, keep_open=True)

    def screen(self) -> str:
        return self.tmux.screen()

    def wait_for(self, text: str) -> str:
        return self.tmux.wait_for(text)

    def keys(self, *keys: str) -> None:
        self.tmux.keys(*keys)

    def type(self, text: str) -> None:
        self.tmux.type(text)

    def boxes(self) -> list[InputBox]:
        """Every Input on the screen, with the colour of its border (from `capture-pane -e`)."""
        lines = [_cells(line) for line in self.tmux.screen(escapes=True).split("\n")]
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

        def focused(boxes: list[InputBox]) -> bool:
            box = which(boxes)
            return box is not None and box.colour == self.focus_colour

        try:
            poll(self.boxes, focused, f"the focus in {what}")
        except AssertionError:
            raise AssertionError(f"the focus never reached {what}:\n{self.screen()}") from None

    def wait_for_typed(self, text: str) -> None:
        """Wait until a field shows ``text``: all of it, or its end where the field is narrow
        (an Input keeps its cursor in view and may have scrolled the start away)."""

        def shown(boxes: list[InputBox]) -> bool:
            return any(
                len(box.text) >= min(len(text), 4) and text.endswith(box.text) for box in boxes
            )

        try:
            poll(self.boxes, shown, f"{text!r} in a field")
        except AssertionError:
            raise AssertionError(f"{text!r} never reached a field:\n{self.screen()}") from None

    def wait_for_field(self, label: str) -> None:
        """Wait until the focus is in the form field labelled ``label``."""
        self.wait_for_focus(
            lambda boxes: next((b for b in boxes if b.label == label), None), repr(label)
        )


@pytest.fixture
def terminal(tmux: Tmux) -> Terminal:
    tmux.width, tmux.height = WIDTH, HEIGHT
    return Terminal(tmux)


def test_whole_meeting_in_tmux(terminal: Terminal, tmp_path: Path) -> None:
    workspace = tmp_path / "arbejdsrum"
    made = subprocess.run(
        [str(COMMAND), "init", str(workspace)], capture_output=True, text=True, timeout=DEADLINE_S
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
    terminal.wait_for_typed(SOURCE)
    terminal.keys("Enter")
    terminal.wait_for(f"Observation: {OBSERVATION}  (kilde: {SOURCE})")

    terminal.keys("C-n")
    terminal.wait_for("REFLEKSION")
    terminal.type(REFLECTION)
    terminal.wait_for_typed(REFLECTION)
    terminal.keys("Enter")
    terminal.wait_for(f"Refleksion: {REFLECTION}")

    terminal.keys("C-n")
    terminal.wait_for("UNDRING FØR HANDLING")
    terminal.type(WONDERING)
    terminal.wait_for_typed(WONDERING)
    terminal.keys("Enter")
    terminal.wait_for(f"Undring: {WONDERING}")

    terminal.keys("C-n")
    terminal.wait_for("NÆSTE SKRIDT")
    terminal.type(DECISION)
    terminal.wait_for_typed(DECISION)
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
            terminal.wait_for_typed(value)
        terminal.keys("Enter")
    terminal.wait_for(f"Prøvehandling: {ACTION['title']}")

    terminal.keys("C-n")
    terminal.wait_for("Afslut mødet nu?")
    # The question starts on "Nej": Tab to "Afslut mødet", then Enter.
    terminal.keys("Tab")
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
