"""Which trial actions are still open: closed_by kept in step as meetings change."""

from __future__ import annotations

from sqlalchemy import bindparam, text
from sqlmodel import Session, col, delete, select

from refleksionsrum.core.store.migrations import REFRESH_CLOSED
from refleksionsrum.core.store.tables import (
    DecisionRow,
    EvaluationRow,
    MeetingRow,
    NoteRow,
    ParticipantRow,
    PhaseRow,
    TrialActionRow,
)


def evaluated_by(session: Session, meeting_id: str) -> set[str]:
    """The trial actions a meeting's evaluations name (their closed_by may change)."""
    query = select(EvaluationRow.trial_action).where(EvaluationRow.meeting_id == meeting_id)
    return set(session.exec(query))


def refresh_closed(session: Session, action_ids: set[str]) -> None:
    """Recompute closed_by for these trial actions from the evaluations."""
    if not action_ids:
        return
    statement = text(REFRESH_CLOSED + " WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    session.connection().execute(statement, {"ids": sorted(action_ids)})


def delete_meeting_rows(session: Session, meeting_id: str) -> None:
    """Delete a meeting and all its items (the caller refreshes closed_by after)."""
    for table in (ParticipantRow, PhaseRow, NoteRow, DecisionRow, TrialActionRow, EvaluationRow):
        session.exec(delete(table).where(col(table.meeting_id) == meeting_id))  # type: ignore[attr-defined]
    session.exec(delete(MeetingRow).where(col(MeetingRow.id) == meeting_id))
