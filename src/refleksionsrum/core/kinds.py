"""The domain's typed names: kinds of note, verdicts, statuses, what a phase records.

Each rule about them (which verdicts close a trial action, what a phase records) is
written here once; everything else asks these, never compares strings.
"""

from __future__ import annotations

from enum import StrEnum


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
