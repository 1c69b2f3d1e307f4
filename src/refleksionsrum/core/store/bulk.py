"""Many whole meetings stored at once, a batch a transaction: a folder of session files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from refleksionsrum.core.models import Meeting
from refleksionsrum.core.store import rowmap
from refleksionsrum.core.store.engine import StoreError
from refleksionsrum.core.store.followup import delete_meeting_rows, evaluated_by, refresh_closed
from refleksionsrum.core.store.tables import MeetingRow

if TYPE_CHECKING:
    from refleksionsrum.core.store.database import Store


def save_in_batches(store: Store, meetings: list[Meeting], batch: int = 200) -> list[str]:
    """Store many whole meetings, a batch per transaction; returns the ids refused.

    Taking in 10,000 session files one transaction each spent most of its time
    in statements per meeting (deletes for meetings not there yet, two commits);
    here a batch is one INSERT per table. A batch with a clash is stored again
    meeting by meeting, so only the meeting that clashes is refused.
    """
    refused: list[str] = []
    for start in range(0, len(meetings), batch):
        chunk = meetings[start : start + batch]
        try:
            _save_batch(store, chunk)
        except IntegrityError:
            for meeting in chunk:
                try:
                    store.save_meeting(meeting)
                except StoreError:
                    refused.append(meeting.id)
    return refused


def _save_batch(store: Store, meetings: list[Meeting]) -> None:
    ids = [m.id for m in meetings]
    with store._write() as session:
        connection = session.connection()
        present = set(
            connection.execute(
                select(MeetingRow.id).where(col(MeetingRow.id).in_(ids))  # type: ignore[call-overload]
            ).scalars()
        )
        touched: set[str] = set()
        for meeting_id in present:
            touched |= evaluated_by(session, meeting_id)
            delete_meeting_rows(session, meeting_id)
        session.flush()
        connection.execute(
            insert(MeetingRow),
            [rowmap.meeting_record(m) for m in meetings],
        )
        children: dict[Any, list[Any]] = {}
        for meeting in meetings:
            for table, records in rowmap.child_records(meeting).items():
                children.setdefault(table, []).extend(records)
            touched |= {a.id for a in meeting.trial_actions}
            touched |= {e.trial_action for e in meeting.evaluations}
        for table, records in children.items():
            if records:
                connection.execute(insert(table), records)
        refresh_closed(session, touched)
