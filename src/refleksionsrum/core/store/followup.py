"""Which trial actions are still open: closed_by kept in step as meetings change."""

from __future__ import annotations

from sqlalchemy import bindparam, text
from sqlmodel import Session, col, delete, select

from refleksionsrum.core.models import Evaluation
from refleksionsrum.core.store import tables
from refleksionsrum.core.store.migrations import REFRESH_CLOSED
from refleksionsrum.core.store.rowmap import to_evaluation


def evaluated_by(session: Session, meeting_id: str) -> set[str]:
    """The trial actions a meeting's evaluations name (their closed_by may change)."""
    query = select(tables.EvaluationRow.trial_action).where(
        tables.EvaluationRow.meeting_id == meeting_id
    )
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
    for table in tables.ITEM_TABLES:
        session.exec(delete(table).where(col(table.meeting_id) == meeting_id))  # type: ignore[attr-defined]
    session.exec(delete(tables.MeetingRow).where(col(tables.MeetingRow.id) == meeting_id))


def last_evaluations(
    session: Session, meeting_id: str, action_ids: list[str]
) -> dict[str, Evaluation]:
    """Each trial action's latest evaluation at a meeting before ``meeting_id``.

    A trial action still open after an earlier follow-up was continued there: the
    room sees what was learned last time, not only that it is not evaluated yet.
    """
    if not action_ids:
        return {}
    current = session.get(tables.MeetingRow, meeting_id)
    query = (
        select(tables.EvaluationRow)
        .join(tables.MeetingRow, col(tables.MeetingRow.id) == col(tables.EvaluationRow.meeting_id))
        .where(col(tables.EvaluationRow.trial_action).in_(action_ids))
        .where(col(tables.EvaluationRow.meeting_id) != meeting_id)
        .order_by(col(tables.MeetingRow.started_utc), col(tables.EvaluationRow.pk))
    )
    if current is not None:
        query = query.where(col(tables.MeetingRow.started_utc) < current.started_utc)
    # Oldest first: the latest evaluation of each action is the one kept.
    return {row.trial_action: to_evaluation(row) for row in session.exec(query)}


def titles_of(session: Session, action_ids: list[str]) -> dict[str, str]:
    """The titles of these trial actions, for the evaluations that name them by id."""
    if not action_ids:
        return {}
    query = select(tables.TrialActionRow.id, tables.TrialActionRow.title).where(
        col(tables.TrialActionRow.id).in_(action_ids)
    )
    return dict(session.exec(query).all())
