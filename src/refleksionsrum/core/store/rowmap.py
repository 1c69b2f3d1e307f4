"""Conversions between database rows and the plain models the rest of the program uses."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from typing import Any

from refleksionsrum.core.models import (
    CarriedOut,
    ClockState,
    Decision,
    Evaluation,
    Meeting,
    Note,
    NoteKind,
    Participant,
    PhaseRecord,
    TrialAction,
    Verdict,
)
from refleksionsrum.core.store.tables import (
    DecisionRow,
    EvaluationRow,
    MeetingRow,
    NoteRow,
    ParticipantRow,
    PhaseRow,
    TrialActionRow,
)
from refleksionsrum.core.tomltext.writer import fields


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.replace(microsecond=0).isoformat()


def precise(value: datetime | None) -> str | None:
    """A time to the millisecond: where a running clock was banked, so a crash costs nothing."""
    return None if value is None else value.isoformat(timespec="milliseconds")


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def meeting_row(meeting: Meeting) -> MeetingRow:
    return MeetingRow(
        id=meeting.id,
        title=meeting.title,
        template=meeting.template,
        started_at=iso(meeting.started_at) or "",
        started_utc=utc(meeting.started_at),
        ended_at=iso(meeting.ended_at),
        previous=meeting.previous,
        extra_toml=fields(meeting.extra) if meeting.extra else "",
        current_phase=meeting.clock.current,
        running=meeting.clock.running,
        running_since=precise(meeting.clock.running_since),
    )


Record = dict[str, Any]
ChildTable = type[
    ParticipantRow | PhaseRow | NoteRow | DecisionRow | TrialActionRow | EvaluationRow
]


def child_records(meeting: Meeting) -> dict[ChildTable, list[Record]]:
    """A meeting's items as plain column values per table, ready for one INSERT each.

    Plain dictionaries, not table objects: building thousands of SQLModel objects
    cost more than writing them when many session files are taken in.
    """
    mid = meeting.id
    return {
        ParticipantRow: [
            {"meeting_id": mid, "name": p.name, "role": p.role} for p in meeting.participants
        ],
        PhaseRow: [
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
        NoteRow: [note_record(mid, n) for n in meeting.notes],
        DecisionRow: [
            {"meeting_id": mid, "text": d.text, "created_at": iso(d.created_at) or ""}
            for d in meeting.decisions
        ],
        TrialActionRow: [trial_action_record(mid, a) for a in meeting.trial_actions],
        EvaluationRow: [evaluation_record(mid, e) for e in meeting.evaluations],
    }


def note_record(meeting_id: str, note: Note) -> Record:
    return {
        "meeting_id": meeting_id,
        "phase": note.phase,
        "kind": str(note.kind),
        "text": note.text,
        "source": note.source,
        "created_at": iso(note.created_at) or "",
    }


def note_row(meeting_id: str, note: Note) -> NoteRow:
    return NoteRow(**note_record(meeting_id, note))


def trial_action_record(meeting_id: str, action: TrialAction) -> Record:
    return {
        "id": action.id,
        "meeting_id": meeting_id,
        "title": action.title,
        "owner": action.owner,
        "due": action.due.isoformat(),
        "prediction": action.prediction,
        "measure": action.measure,
        "development_point": action.development_point,
        "adapted_from": action.adapted_from,
    }


def trial_action_row(meeting_id: str, action: TrialAction) -> TrialActionRow:
    return TrialActionRow(**trial_action_record(meeting_id, action))


def evaluation_record(meeting_id: str, evaluation: Evaluation) -> Record:
    return {
        "meeting_id": meeting_id,
        "trial_action": evaluation.trial_action,
        "carried_out": str(evaluation.carried_out),
        "what_happened": evaluation.what_happened,
        "compared_to_prediction": evaluation.compared_to_prediction,
        "learning": evaluation.learning,
        "verdict": str(evaluation.verdict),
    }


def evaluation_row(meeting_id: str, evaluation: Evaluation) -> EvaluationRow:
    return EvaluationRow(**evaluation_record(meeting_id, evaluation))


def to_note(row: NoteRow) -> Note:
    return Note(
        phase=row.phase,
        kind=NoteKind(row.kind),
        text=row.text,
        source=row.source,
        created_at=parse_time(row.created_at),
        id=row.pk,
    )


def to_decision(row: DecisionRow) -> Decision:
    return Decision(text=row.text, created_at=parse_time(row.created_at), id=row.pk)


def to_trial_action(row: TrialActionRow, started_at: str | None = None) -> TrialAction:
    return TrialAction(
        id=row.id,
        title=row.title,
        owner=row.owner,
        due=date.fromisoformat(row.due),
        prediction=row.prediction,
        measure=row.measure,
        development_point=row.development_point,
        adapted_from=row.adapted_from,
        meeting_id=row.meeting_id,
        meeting_started_at=parse_time(started_at) if started_at else None,
    )


def to_evaluation(row: EvaluationRow) -> Evaluation:
    return Evaluation(
        trial_action=row.trial_action,
        carried_out=CarriedOut(row.carried_out),
        what_happened=row.what_happened,
        compared_to_prediction=row.compared_to_prediction,
        learning=row.learning,
        verdict=Verdict(row.verdict),
        id=row.pk,
    )


def to_meeting(
    row: MeetingRow,
    participants: list[ParticipantRow],
    phases: list[PhaseRow],
    notes: list[NoteRow],
    decisions: list[DecisionRow],
    actions: list[TrialActionRow],
    evaluations: list[EvaluationRow],
) -> Meeting:
    return Meeting(
        id=row.id,
        title=row.title,
        template=row.template,
        started_at=parse_time(row.started_at),
        ended_at=parse_time(row.ended_at) if row.ended_at else None,
        previous=row.previous,
        participants=[Participant(p.name, p.role) for p in participants],
        phases=[
            PhaseRecord(p.key, p.title, p.planned_minutes, p.elapsed_ms, p.added_ms)
            for p in sorted(phases, key=lambda p: p.position)
        ],
        notes=[to_note(n) for n in notes],
        decisions=[to_decision(d) for d in decisions],
        trial_actions=[to_trial_action(a, row.started_at) for a in actions],
        evaluations=[to_evaluation(e) for e in evaluations],
        clock=ClockState(
            current=row.current_phase,
            running=row.running,
            running_since=parse_time(row.running_since) if row.running_since else None,
        ),
        extra=tomllib.loads(row.extra_toml) if row.extra_toml else {},
    )
