"""The phase's heading on the meeting screen (its name, purpose and questions), and finding
the screen's widgets by id while the screen is still there."""

from __future__ import annotations

from typing import Any, TypeVar

from rich.table import Table
from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.tui.text import literal

W = TypeVar("W", bound=Widget)


def show_heading(screen: Screen[Any], room: MeetingRoom) -> None:
    """The shown phase's name (capitals, for the back of the room), purpose and prompts."""
    phase_text = room.phase_template()
    screen.query_one("#phase-title", Static).update(literal(room.phase.title.upper(), "bold"))
    screen.query_one("#phase-purpose", Static).update(
        literal(phase_text.purpose if phase_text else "")
    )
    # A grid keeps a wrapped question indented under its own first line.
    prompts = Table.grid(padding=(0, 1))
    prompts.add_column(width=3, justify="right")
    prompts.add_column(ratio=1)
    for prompt in phase_text.prompts if phase_text else ():
        prompts.add_row(Text("?", style="bold"), literal(prompt))
    screen.query_one("#prompts", Static).update(prompts)


def attached(screen: Screen[Any], widget_id: str, kind: type[W]) -> W | None:
    """The screen's widget with this id while it is still on the screen, else None.

    By id, which Textual looks up once and caches (a query by type walks every
    row of the list, each second and at each reload).
    """
    found = screen.query_one_optional(f"#{widget_id}", kind)
    return found if found is not None and found.is_attached else None
