"""The meeting and its records as plain data: what screens, files and the store exchange."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from refleksionsrum.core.kinds import ActionStatus, CarriedOut, NoteKind, Recording, Verdict
from refleksionsrum.core.summary import MeetingSummary, Participant

# Named here too: most code takes the whole vocabulary of a meeting from this module.
__all__ = [
    "ActionStatus",
    "CarriedOut",
    "ClockState",
    "Decision",
    "Evaluation",
    "Meeting",
    "MeetingSummary",
    "Note",
    "NoteKind",
    "Participant",
    "PhaseRecord",
    "Recording",
    "TrialAction",
    "Verdict",
]


@dataclass
class PhaseRecord:
    """One phase of a meeting's agenda, with the time planned and used."""

    key: str
    title: str
    planned_minutes: int
    elapsed_ms: int = 0
    # Minutes added during the meeting (+1/+5); kept apart from the plan so the
    # summary can compare used time with what the template planned.
    added_ms: int = 0

    @property
    def budget_ms(self) -> int:
        return self.planned_minutes * 60_000 + self.added_ms

    @property
    def added_minutes(self) -> int:
        """The added time in whole minutes (F2 and F3 add whole minutes)."""
        return round(self.added_ms / 60_000)

    @property
    def elapsed_seconds(self) -> int:
        """The time used in whole seconds, as the session file, summary and referat give it."""
        return round(self.elapsed_ms / 1000)


@dataclass
class Note:
    """An observation, reflection, wondering, explanation, parked idea or plain note."""

    phase: str
    kind: NoteKind
    text: str
    created_at: datetime
    source: str | None = None
    id: int | None = None


@dataclass
class Decision:
    """Something the team decided."""

    text: str
    created_at: datetime
    id: int | None = None


@dataclass
class TrialAction:
    """A small, cheap experiment with an owner, a date, a prediction and a measure."""

    id: str
    title: str
    owner: str
    due: date
    prediction: str
    measure: str
    development_point: str | None = None
    adapted_from: str | None = None
    # The meeting that planned it; not written in its own session file (it is implied).
    meeting_id: str | None = None
    meeting_started_at: datetime | None = None


@dataclass
class Evaluation:
    """The follow-up of one trial action at a later meeting."""

    trial_action: str
    carried_out: CarriedOut
    what_happened: str
    learning: str
    verdict: Verdict
    compared_to_prediction: str | None = None
    id: int | None = None
    # The evaluated trial action's title: a copy for people reading the session file
    # (optional key trial_action_title), not part of what the evaluation says.
    title: str | None = field(default=None, compare=False)


@dataclass
class ClockState:
    """Where the meeting's clocks stand, as stored between runs of the app."""

    current: int = 0
    running: bool = False
    # Wall time when the current run of the clock began; the banked elapsed time
    # of the current phase is as of this moment. After a crash the time since
    # then is counted, because the room kept talking.
    running_since: datetime | None = None


@dataclass
class Meeting:
    """One reflection meeting: its agenda, clocks and everything recorded in it."""

    id: str
    title: str
    template: str
    started_at: datetime
    ended_at: datetime | None = None
    previous: str | None = None
    participants: list[Participant] = field(default_factory=list)
    phases: list[PhaseRecord] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    trial_actions: list[TrialAction] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    clock: ClockState = field(default_factory=ClockState)
    # Keys of the session file this program does not know; written back unchanged.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_running(self) -> bool:
        return self.ended_at is None

    def phase_index(self, key: str) -> int | None:
        for index, phase in enumerate(self.phases):
            if phase.key == key:
                return index
        return None

    def notes_in(self, phase_key: str) -> list[Note]:
        return [note for note in self.notes if note.phase == phase_key]
