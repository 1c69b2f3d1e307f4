"""The base of a full screen about one meeting: its room, and its first frame prepared."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from refleksionsrum.tui.appof import OurApp
from refleksionsrum.tui.sizing import prepare

if TYPE_CHECKING:
    # The room brings the store (SQLModel, 0.25 s): not before the first screen.
    from refleksionsrum.core.meeting.room import MeetingRoom


class RoomScreen(Screen[None]):
    """A screen that shows one meeting's room (presentation mode, the summary)."""

    rr = OurApp()

    def __init__(self, room: MeetingRoom) -> None:
        super().__init__()
        prepare(self)
        self.room = room
