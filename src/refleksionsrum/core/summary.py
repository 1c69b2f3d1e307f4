"""Who took part, and a meeting in one line: what the start screen lists before the store loads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from refleksionsrum.core.i18n import t

# The roles the app knows, named in each language's catalogue; a team may write its own.
ROLES = ("facilitator", "note-taker", "participant", "team-leader", "expert", "sponsor")


@dataclass
class Participant:
    """Someone in the room and their role (facilitator, note-taker, participant...)."""

    name: str
    role: str = "participant"


@dataclass(frozen=True)
class MeetingSummary:
    """A line in the start screen's lists: enough to choose a meeting."""

    id: str
    title: str
    template: str
    started_at: datetime
    ended_at: datetime | None
    current_phase_title: str | None = None


def format_participants(people: list[Participant]) -> str:
    """The participants as parse_participants reads them back: 'Mette (mødeleder), Ali'.

    A role the app knows is written in the user's language (role_key reads it back in
    either); a team's own role as the team wrote it.
    """
    return ", ".join(
        p.name if p.role == "participant" else f"{p.name} ({_role_word(p.role)})" for p in people
    )


def _role_word(role: str) -> str:
    return t(f"role.{role}") if role in ROLES else role
