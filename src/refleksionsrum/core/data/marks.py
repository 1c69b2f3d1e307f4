"""The trial actions whose measure names a data source, with the meeting that planned them."""

from __future__ import annotations

from sqlmodel import Session, col, select

from refleksionsrum.core.data.sources import DataSource
from refleksionsrum.core.data.views import mentions
from refleksionsrum.core.models import TrialAction
from refleksionsrum.core.store import rowmap
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.store.tables import MeetingRow, TrialActionRow


def measured_by(store: Store, sources: tuple[DataSource, ...]) -> list[TrialAction]:
    """Every trial action, open or closed, whose measure names one of ``sources``."""
    with Session(store.engine) as session:
        query = (
            select(TrialActionRow, MeetingRow.started_at)
            .join(MeetingRow, col(MeetingRow.id) == col(TrialActionRow.meeting_id))
            .order_by(col(MeetingRow.started_utc), col(TrialActionRow.pk))
        )
        actions = [rowmap.to_trial_action(row, started) for row, started in session.exec(query)]
    return [a for a in actions if any(mentions(a, source) for source in sources)]
