"""Who drives the meeting: the facilitator owns the phase and the timer; a note-taker follows."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

# The facilitator's app says it is alive this often (a write that no view reloads for).
HEARTBEAT_MS = 5_000
# Without a heartbeat for this long, the facilitator's app counts as gone.
GONE_AFTER_S = 20


class Role(StrEnum):
    """What a running view may do to the meeting."""

    FACILITATOR = "facilitator"
    NOTE_TAKER = "note-taker"


def new_token() -> str:
    """A random name for one running app, stored as the meeting's facilitator."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class FacilitatorSeen:
    """What a note-taker knows of the facilitator's app before taking over."""

    gone: bool
    seconds_ago: int | None


def facilitator_seen(token: str | None, seen: datetime | None, now: datetime) -> FacilitatorSeen:
    """Gone when no app facilitates, or none said it was alive for GONE_AFTER_S."""
    if token is None or seen is None:
        return FacilitatorSeen(gone=True, seconds_ago=None)
    ago = max(0, round(now.timestamp() - seen.timestamp()))
    return FacilitatorSeen(gone=ago >= GONE_AFTER_S, seconds_ago=ago)
