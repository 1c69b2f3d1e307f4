"""Every meeting of the workspace, newest first, filtered by template, text and dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import text

from refleksionsrum.core.history.page import Page
from refleksionsrum.core.store.conditions import Conditions
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.store.engine import UNICODE_LOWER

_LIST = """
SELECT m.id, m.title, m.template, m.started_at, m.ended_at
FROM meeting AS m {where}
ORDER BY m.started_utc DESC
{limit}
"""
_COUNT = "SELECT COUNT(*) FROM meeting AS m {where}"


@dataclass(frozen=True)
class MeetingFilter:
    template: str | None = None
    text: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class MeetingLine:
    """One meeting in the history list."""

    id: str
    title: str
    template: str
    started_at: datetime
    ended_at: datetime | None


def list_meetings(
    store: Store, chosen: MeetingFilter | None = None, limit: int | None = None
) -> list[MeetingLine]:
    """The meetings the filter keeps, newest first; text matches the title or the id."""
    clause, params = _where(store, chosen or MeetingFilter())
    return _lines(store, clause, params, limit, 0)


def meetings_page(
    store: Store, chosen: MeetingFilter | None = None, *, offset: int = 0, limit: int = 100
) -> Page[MeetingLine]:
    """Meetings ``offset`` to ``offset + limit`` of those the filter keeps, and their count.

    The history screen shows a screenful of 10,000 meetings: reading them all for it
    would cost more than the screen's whole first draw may take.
    """
    clause, params = _where(store, chosen or MeetingFilter())
    with store.engine.connect() as connection:
        count = int(connection.execute(text(_COUNT.format(where=clause)), params).scalar_one())
        connection.rollback()
    return Page(count, _lines(store, clause, params, limit, offset))


def _where(store: Store, chosen: MeetingFilter) -> tuple[str, dict[str, Any]]:
    found = Conditions()
    if chosen.template:
        found.add("m.template = :template", template=chosen.template)
    if chosen.text:
        # Case folds for æ, ø and å too: SQLite's own LOWER() folds A-Z only.
        lower = UNICODE_LOWER if store.backend == "sqlite" else "LOWER"
        found.add(
            f"({lower}(m.title) LIKE :text OR m.id LIKE :text)", text=f"%{chosen.text.lower()}%"
        )
    if chosen.since:
        found.add("SUBSTR(m.started_at, 1, 10) >= :since", since=chosen.since.isoformat())
    if chosen.until:
        found.add("SUBSTR(m.started_at, 1, 10) <= :until", until=chosen.until.isoformat())
    return found.clause, found.params


def _lines(
    store: Store, clause: str, params: dict[str, Any], limit: int | None, offset: int
) -> list[MeetingLine]:
    sql = _LIST.format(
        where=clause,
        limit=f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit else "",
    )
    with store.engine.connect() as connection:
        rows = list(connection.execute(text(sql), params))
        connection.rollback()
    return [
        MeetingLine(
            id=str(row[0]),
            title=str(row[1]),
            template=str(row[2]),
            started_at=datetime.fromisoformat(str(row[3])),
            ended_at=datetime.fromisoformat(str(row[4])) if row[4] else None,
        )
        for row in rows
    ]
