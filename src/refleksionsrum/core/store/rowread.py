"""Rows back into plain models; on any object with the columns as attributes.

Apart from rowmap so that the quick paths (sqlite3 alone, before SQLModel is loaded)
read meetings with the very same conversions as the store.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from typing import TYPE_CHECKING

from refleksionsrum.core import models
from refleksionsrum.core.store.columns import DECISIONS, EVALUATIONS, NOTES, TRIAL_ACTIONS

if TYPE_CHECKING:
    from refleksionsrum.core.store import tables


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def to_note(row: tables.NoteRow) -> models.Note:
    return NOTES.item(row)


def to_decision(row: tables.DecisionRow) -> models.Decision:
    return DECISIONS.item(row)


def to_trial_action(
    row: tables.TrialActionRow, started_at: str | None = None
) -> models.TrialAction:
    return TRIAL_ACTIONS.item(
        row,
        meeting_id=row.meeting_id,
        meeting_started_at=parse_time(started_at) if started_at else None,
    )


def to_evaluation(row: tables.EvaluationRow) -> models.Evaluation:
    return EVALUATIONS.item(row)


def to_meeting(
    row: tables.MeetingRow,
    participants: list[tables.ParticipantRow],
    phases: list[tables.PhaseRow],
    notes: list[tables.NoteRow],
    decisions: list[tables.DecisionRow],
    actions: list[tables.TrialActionRow],
    evaluations: list[tables.EvaluationRow],
) -> models.Meeting:
    return models.Meeting(
        id=row.id,
        title=row.title,
        template=row.template,
        started_at=parse_time(row.started_at),
        ended_at=parse_time(row.ended_at) if row.ended_at else None,
        previous=row.previous,
        participants=[models.Participant(p.name, p.role) for p in participants],
        phases=[
            models.PhaseRecord(p.key, p.title, p.planned_minutes, p.elapsed_ms, p.added_ms)
            for p in sorted(phases, key=lambda p: p.position)
        ],
        notes=[to_note(n) for n in notes],
        decisions=[to_decision(d) for d in decisions],
        trial_actions=[to_trial_action(a, row.started_at) for a in actions],
        evaluations=[to_evaluation(e) for e in evaluations],
        clock=models.ClockState(
            current=row.current_phase,
            running=bool(row.running),
            running_since=parse_time(row.running_since) if row.running_since else None,
        ),
        extra=tomllib.loads(row.extra_toml) if row.extra_toml else {},
    )
