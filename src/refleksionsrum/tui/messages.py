"""Messages workers post back to screens, named for what already happened.

Not compared (eq=False): a message is handled once, and Python makes each dataclass
__eq__ at import, on the way to the first frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from refleksionsrum.core.files.sessionfile import SessionFileError
    from refleksionsrum.core.store.database import Store
    from refleksionsrum.core.summary import MeetingSummary, Participant


@dataclass(eq=False)
class WorkspaceLoaded(Message):
    """The store is open and the session files are taken in."""

    store: Store
    running: list[MeetingSummary]
    recent: list[MeetingSummary]
    problems: list[SessionFileError] = field(default_factory=list)


@dataclass(eq=False)
class MeetingsListed(Message):
    """The quick look (sqlite3 alone) found the meetings for the start screen."""

    running: list[MeetingSummary]
    recent: list[MeetingSummary]
    problems: list[SessionFileError] = field(default_factory=list)
    # Who took part in the latest meeting, offered for the next.
    participants: list[Participant] = field(default_factory=list)


@dataclass(eq=False)
class WorkspaceFailed(Message):
    """The store could not be opened; ``text`` says why and what to do."""

    text: str


@dataclass(eq=False)
class StoreWanted(Message):
    """The quick look found files to take in (or no database): open the store."""


@dataclass(eq=False)
class MeetingChanged(Message):
    """Another view (or this one) wrote to the meeting: its revision moved."""

    revision: int | None
    reread: bool = False
