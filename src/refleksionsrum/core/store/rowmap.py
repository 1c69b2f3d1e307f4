"""Conversions between database rows and the plain models the rest of the program uses."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from refleksionsrum.core.models import (
    Evaluation,
    Meeting,
    Note,
    TrialAction,
)
from refleksionsrum.core.store import tables
from refleksionsrum.core.store.columns import DECISIONS, EVALUATIONS, NOTES, TRIAL_ACTIONS
from refleksionsrum.core.store.rowread import (
    parse_time,
    to_decision,
    to_evaluation,
    to_meeting,
    to_note,
    to_trial_action,
)
from refleksionsrum.core.tomltext.writer import fields

__all__ = [
    "parse_time",
    "to_decision",
    "to_evaluation",
    "to_meeting",
    "to_note",
    "to_trial_action",
]


def iso(value: datetime | None) -> str | None:
    # timespec="seconds" drops the microseconds as replace(microsecond=0) did, in one call.
    return None if value is None else value.isoformat(timespec="seconds")


def precise(value: datetime | None) -> str | None:
    """A time to the millisecond: where a running clock was banked, so a crash costs nothing."""
    return None if value is None else value.isoformat(timespec="milliseconds")


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def meeting_row(meeting: Meeting) -> tables.MeetingRow:
    return tables.MeetingRow(**meeting_record(meeting))


def meeting_record(meeting: Meeting) -> dict[str, Any]:
    """The meeting's own row as plain column values (for a batch INSERT)."""
    return {
        "id": meeting.id,
        "title": meeting.title,
        "template": meeting.template,
        "started_at": iso(meeting.started_at) or "",
        "started_utc": utc(meeting.started_at),
        "ended_at": iso(meeting.ended_at),
        "previous": meeting.previous,
        "extra_toml": fields(meeting.extra) if meeting.extra else "",
        "current_phase": meeting.clock.current,
        "running": meeting.clock.running,
        "running_since": precise(meeting.clock.running_since),
    }


Record = dict[str, Any]
ChildTable = type[
    tables.ParticipantRow
    | tables.PhaseRow
    | tables.NoteRow
    | tables.DecisionRow
    | tables.TrialActionRow
    | tables.EvaluationRow
]


def child_records(meeting: Meeting) -> dict[ChildTable, list[Record]]:
    """A meeting's items as plain column values per table, ready for one INSERT each.

    Plain dictionaries, not table objects: building thousands of SQLModel objects
    cost more than writing them when many session files are taken in.
    """
    mid = meeting.id
    return {
        tables.ParticipantRow: [
            {"meeting_id": mid, "name": p.name, "role": p.role} for p in meeting.participants
        ],
        tables.PhaseRow: [
            {
                "meeting_id": mid,
                "position": i,
                "key": p.key,
                "title": p.title,
                "planned_minutes": p.planned_minutes,
                "elapsed_ms": p.elapsed_ms,
                "added_ms": p.added_ms,
            }
            for i, p in enumerate(meeting.phases)
        ],
        tables.NoteRow: [note_record(mid, n) for n in meeting.notes],
        tables.DecisionRow: [DECISIONS.record(mid, d) for d in meeting.decisions],
        tables.TrialActionRow: [trial_action_record(mid, a) for a in meeting.trial_actions],
        tables.EvaluationRow: [evaluation_record(mid, e) for e in meeting.evaluations],
    }


def note_record(meeting_id: str, note: Note) -> Record:
    return NOTES.record(meeting_id, note)


def note_row(meeting_id: str, note: Note) -> tables.NoteRow:
    return tables.NoteRow(**NOTES.record(meeting_id, note))


def trial_action_record(meeting_id: str, action: TrialAction) -> Record:
    return TRIAL_ACTIONS.record(meeting_id, action)


def trial_action_row(meeting_id: str, action: TrialAction) -> tables.TrialActionRow:
    return tables.TrialActionRow(**TRIAL_ACTIONS.record(meeting_id, action))


def evaluation_record(meeting_id: str, evaluation: Evaluation) -> Record:
    return EVALUATIONS.record(meeting_id, evaluation)


def evaluation_row(meeting_id: str, evaluation: Evaluation) -> tables.EvaluationRow:
    return tables.EvaluationRow(**EVALUATIONS.record(meeting_id, evaluation))
