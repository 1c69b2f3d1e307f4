"""Facilitator and note-taker in two terminals on one meeting: every item on both screens,
in the store and in the session file, while the facilitator changes phase."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from .panes import COMMAND, Panes, new_workspace, wait_for_notes

pytestmark = [pytest.mark.tmux, pytest.mark.serial]


def test_two_terminals_record_into_one_meeting(panes: Panes, tmp_path: Path) -> None:
    workspace = new_workspace(tmp_path / "arbejdsrum")
    ws = ["--workspace", str(workspace)]
    panes.start("fac", [str(COMMAND), *ws, "new", "--template", "borgerniveau", "--title", "Par"])
    panes.wait_for("fac", "OPFØLGNING")
    panes.keys("fac", "C-n")
    panes.wait_for("fac", "DATAGENNEMGANG", "Ny observation")

    panes.start("nt", [str(COMMAND), *ws, "join"])
    # The same meeting, the facilitator's phase, the entry line ready for typing.
    panes.wait_for("nt", "referent", "DATAGENNEMGANG", "Ny observation")
    panes.type("nt", "Referentens observation")
    panes.keys("nt", "Enter")
    panes.type("fac", "Mødelederens observation")
    panes.keys("fac", "Enter")
    for name in ("fac", "nt"):
        panes.wait_for(name, "Referentens observation", "Mødelederens observation")

    # Halfway through a line, the facilitator moves on: the line stays where it began.
    panes.type("nt", "Skrevet før faseskiftet")
    panes.keys("fac", "C-n")
    panes.wait_for("fac", "REFLEKSION")
    panes.keys("nt", "Enter")
    panes.wait_for("nt", "REFLEKSION")
    panes.type("nt", "Referentens refleksion")
    panes.keys("nt", "Enter")
    panes.type("fac", "Mødelederens refleksion")
    panes.keys("fac", "Enter")
    for name in ("fac", "nt"):
        panes.wait_for(name, "REFLEKSION", "Referentens refleksion", "Mødelederens refleksion")

    notes = wait_for_notes(
        workspace,
        {
            "Referentens observation",
            "Mødelederens observation",
            "Skrevet før faseskiftet",
            "Referentens refleksion",
            "Mødelederens refleksion",
        },
    )
    phases = dict((text, phase) for phase, text in notes)
    assert phases["Skrevet før faseskiftet"] == "data"
    assert phases["Referentens refleksion"] == phases["Mødelederens refleksion"] == "reflection"
    assert len(notes) == 5  # nothing twice

    # The note-taker quits last: its session file is written from the store all the same.
    panes.keys("fac", "C-q")
    panes.wait_for("fac", "[exit 0]")
    panes.keys("nt", "C-q")
    panes.wait_for("nt", "[exit 0]")
    (session_file,) = (workspace / "sessions").glob("*.toml")
    data = tomllib.loads(session_file.read_text(encoding="utf-8"))
    assert sorted(n["text"] for n in data["notes"]) == sorted(text for _, text in notes)
