"""The database tables (SQLModel); only the store touches these, screens never do."""

from __future__ import annotations

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel

# Kept in its own module so the start screen can read it without SQLModel.
from refleksionsrum.core.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION"]


class MeetingRow(SQLModel, table=True):
    __tablename__ = "meeting"

    id: str = Field(primary_key=True)
    title: str
    template: str
    started_at: str  # ISO 8601 with offset, as written in the session file
    started_utc: str = Field(index=True)  # for ordering across offsets
    ended_at: str | None = None
    previous: str | None = None
    extra_toml: str = ""
    current_phase: int = 0
    running: bool = False
    running_since: str | None = None
    # Grows with every write to this meeting, in the same transaction: the number a
    # live view watches to know that its read model is behind.
    revision: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # The process that owns the phase and the timer (a random token), and when it
    # last said it was alive (ISO, UTC); a note-taker may take over once it is gone.
    facilitator: str | None = None
    facilitator_seen: str | None = None


class MeetingPart(SQLModel):
    """What every table of a meeting's items has: its own key and the meeting it belongs to."""

    pk: int | None = Field(default=None, primary_key=True)
    meeting_id: str = Field(index=True, foreign_key="meeting.id")


class ParticipantRow(MeetingPart, table=True):
    __tablename__ = "participant"

    name: str
    role: str


class PhaseRow(MeetingPart, table=True):
    __tablename__ = "phase"

    position: int
    key: str
    title: str
    planned_minutes: int
    elapsed_ms: int = 0
    added_ms: int = 0


class NoteRow(MeetingPart, table=True):
    __tablename__ = "note"

    phase: str
    kind: str
    text: str
    source: str | None = None
    created_at: str


class DecisionRow(MeetingPart, table=True):
    __tablename__ = "decision"

    text: str
    created_at: str


class TrialActionRow(MeetingPart, table=True):
    __tablename__ = "trial_action"

    id: str = Field(index=True, unique=True)
    title: str
    owner: str
    due: str  # ISO date
    prediction: str
    measure: str
    development_point: str | None = None
    adapted_from: str | None = None
    # Derived from the evaluations (kept in step by the store): the meeting that
    # adopted, adapted or abandoned it; None while it is open.
    closed_by: str | None = Field(default=None, index=True)


class EvaluationRow(MeetingPart, table=True):
    __tablename__ = "evaluation"

    trial_action: str = Field(index=True)
    carried_out: str
    what_happened: str
    compared_to_prediction: str | None = None
    learning: str
    verdict: str


class SessionFileRow(SQLModel, table=True):
    """What the store knows of each file in sessions/, so unchanged files are not read again."""

    __tablename__ = "session_file"

    name: str = Field(primary_key=True)
    # Nanoseconds since 1970 overflow a 32-bit INTEGER (PostgreSQL's): BIGINT on both.
    mtime_ns: int = Field(sa_type=BigInteger)
    size: int = Field(sa_type=BigInteger)
    meeting_id: str | None = None
    problem: str | None = None


class MetaRow(SQLModel, table=True):
    __tablename__ = "meta"

    key: str = Field(primary_key=True)
    value: str


class DraftRow(SQLModel, table=True):
    """One unfinished entry line or form of a meeting, by a key the screen chooses."""

    __tablename__ = "draft"

    meeting_id: str = Field(primary_key=True)
    key: str = Field(primary_key=True)
    fields_json: str


# The tables that hold a meeting's items, in the order they are deleted (children first).
ITEM_TABLES = (ParticipantRow, PhaseRow, NoteRow, DecisionRow, TrialActionRow, EvaluationRow)
