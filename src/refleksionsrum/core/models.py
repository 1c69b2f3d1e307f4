"""The meeting and its records as plain data: what screens, files and the store exchange."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class NoteKind(StrEnum):
    """What a note is; each phase records some of these."""

    OBSERVATION = "observation"
    REFLECTION = "reflection"
    WONDERING = "wondering"
    EXPLANATION = "explanation"
    PARKED_IDEA = "parked-idea"
    NOTE = "note"


class CarriedOut(StrEnum):
    """Whether a trial action was carried out."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class Verdict(StrEnum):
    """What the team decides about a trial action at follow-up."""

    ADOPT = "adopt"
    ADAPT = "adapt"
    ABANDON = "abandon"
    CONTINUE = "continue"

    @property
    def closes(self) -> bool:
        """Adopt, adapt and abandon close a trial action; continue carries it on."""
        return self is not Verdict.CONTINUE

    @classmethod
    def closing(cls) -> tuple[Verdict, ...]:
        """The verdicts that close a trial action, in declaration order."""
        return tuple(verdict for verdict in cls if verdict.closes)


class ActionStatus(StrEnum):
    """Open until an evaluation's verdict closes it (``Verdict.closes``)."""

    OPEN = "open"
    CLOSED = "closed"


class Recording(StrEnum):
    """What a phase records: a known phase key, or plain notes for a template's own phase.

    The one place that says which phases the program knows; screens ask the
    recording, never compare phase keys.
    """

    FOLLOWUP = "followup"
    DATA = "data"
    REFLECTION = "reflection"
    WONDER = "wonder"
    NEXT = "next"
    NOTES = "notes"

    @classmethod
    def of_phase(cls, key: str) -> Recording:
        """The recording of a phase with this key; a template's own key records notes."""
        try:
            found = cls(key)
        except ValueError:
            return cls.NOTES
        # "notes" is not a phase key the program knows: a phase so named records notes too.
        return found

    @property
    def entry_kind(self) -> NoteKind:
        """What the entry line records by default (a plain note where it records none)."""
        return _ENTRY_KIND.get(self, NoteKind.NOTE)

    @property
    def note_kinds(self) -> tuple[NoteKind, ...]:
        """The kinds of note the phase records, the entry line's default first."""
        return _NOTE_KINDS.get(self, ())

    def names_kind(self, kind: NoteKind) -> bool:
        """Whether a note of ``kind`` needs its kind named in this phase's list.

        Under "Refleksion" every reflection labelled "Refleksion:" is noise; a
        wondering among explanations, or an observation elsewhere, is not.
        """
        return kind is not NoteKind.NOTE and self.note_kinds != (kind,)


# What the single entry line records in phases that record one kind of note.
_ENTRY_KIND: dict[Recording, NoteKind] = {
    Recording.DATA: NoteKind.OBSERVATION,
    Recording.REFLECTION: NoteKind.REFLECTION,
    Recording.NOTES: NoteKind.NOTE,
}
_NOTE_KINDS: dict[Recording, tuple[NoteKind, ...]] = {
    **{recording: (kind,) for recording, kind in _ENTRY_KIND.items()},
    Recording.WONDER: (NoteKind.WONDERING, NoteKind.EXPLANATION, NoteKind.PARKED_IDEA),
}


@dataclass
class Participant:
    """Someone in the room and their role (facilitator, note-taker, participant...)."""

    name: str
    role: str = "participant"


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


@dataclass(frozen=True)
class MeetingSummary:
    """A line in the start screen's lists: enough to choose a meeting."""

    id: str
    title: str
    template: str
    started_at: datetime
    ended_at: datetime | None
    current_phase_title: str | None = None
