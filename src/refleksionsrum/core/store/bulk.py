"""Many whole meetings stored at once, a batch a transaction: a folder of session files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from refleksionsrum.core.files.atomic import has_lone_surrogate, utf8_safe
from refleksionsrum.core.models import Meeting
from refleksionsrum.core.store import rowmap, tables
from refleksionsrum.core.store.engine import PLAIN_TEXT, StoreError
from refleksionsrum.core.store.followup import refresh_closed

if TYPE_CHECKING:
    from refleksionsrum.core.store.database import Store
    from refleksionsrum.core.store.fileindex import SeenFile

BATCH = 200
# What a meeting's row keeps when the meeting is stored again (as Store.save_meeting).
_KEPT = ("revision", "facilitator", "facilitator_seen")
_FILE_COLUMNS = ("name", "mtime_ns", "size", "meeting_id", "problem")


def save_in_batches(store: Store, meetings: list[Meeting], batch: int = BATCH) -> list[str]:
    """Store many whole meetings, a batch per transaction; returns the ids refused.

    Taking in 10,000 session files one transaction each spent most of its time in
    statements per meeting (deletes for meetings not there yet, two commits) and in
    SQLAlchemy's handling of each row; here a batch is one SELECT, one INSERT per
    table and one UPDATE of the trial actions' state, each a plain statement with
    plain values. A batch with a clash is stored again meeting by meeting, so only
    the meeting that clashes is refused.
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
        kept = _kept_values(connection, ids)
        touched: set[str] = set()
        if kept:
            # Stored before (a session file changed): its items are replaced, and the
            # trial actions its old evaluations named may open or close again.
            present = sorted(kept)
            touched |= set(
                _scalars(connection, tables.EvaluationRow, "trial_action", "meeting_id", present)
            )
            for table in (*tables.ITEM_TABLES, tables.MeetingRow):
                column = "id" if table is tables.MeetingRow else "meeting_id"
                _delete_where(connection, table, column, present)
            session.info.setdefault("touched", set()).update(present)
        records = []
        for meeting in meetings:
            record = rowmap.meeting_record(meeting)
            record.update(kept.get(meeting.id, {}))
            records.append(record)
        insert_plain(connection, tables.MeetingRow, records)
        children: dict[Any, list[Any]] = {}
        for meeting in meetings:
            for table, rows in rowmap.child_records(meeting).items():
                children.setdefault(table, []).extend(rows)
            touched |= {a.id for a in meeting.trial_actions}
            touched |= {e.trial_action for e in meeting.evaluations}
        for table in tables.ITEM_TABLES:
            insert_plain(connection, table, children.get(table, []))
        refresh_closed(session, touched)


def record_files(connection: Connection, rows: Sequence[SeenFile | tables.SessionFileRow]) -> None:
    """Note many session files as seen: one upsert per batch (SQLite and PostgreSQL alike)."""
    records = [{column: getattr(row, column) for column in _FILE_COLUMNS} for row in rows]
    quote = connection.dialect.identifier_preparer.quote
    updates = ", ".join(
        f"{quote(column)} = excluded.{quote(column)}" for column in _FILE_COLUMNS[1:]
    )
    for start in range(0, len(records), BATCH * 10):
        insert_plain(
            connection,
            tables.SessionFileRow,
            records[start : start + BATCH * 10],
            suffix=f" ON CONFLICT ({quote('name')}) DO UPDATE SET {updates}",
        )


def insert_plain(
    connection: Connection, table: Any, records: list[dict[str, Any]], suffix: str = ""
) -> None:
    """One INSERT of many rows as a plain statement: no ORM, no per-row type handling.

    The records all have the same keys (rowmap makes them); every text is made
    storable here, once for the whole batch, instead of value by value.
    """
    if not records:
        return
    columns = list(records[0])
    quote = connection.dialect.identifier_preparer.quote
    style = _placeholder(connection)
    statement = (
        f"INSERT INTO {quote(table.__tablename__)} ({', '.join(quote(c) for c in columns)})"
        f" VALUES ({', '.join(style(c) for c in columns)}){suffix}"
    )
    connection.exec_driver_sql(statement, _storable(records), execution_options={PLAIN_TEXT: True})


def _storable(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Every value as text, joined, and searched once, all in C: a number or None as
    # text can hold no surrogate, and a string is its own text.
    joined = "".join(map(str, chain.from_iterable(map(dict.values, records))))
    if not has_lone_surrogate(joined):
        return records
    return [
        {key: utf8_safe(value) if isinstance(value, str) else value for key, value in r.items()}
        for r in records
    ]


def _placeholder(connection: Connection) -> Any:
    # sqlite3 takes :name, psycopg %(name)s; both take a list of dictionaries.
    if connection.dialect.paramstyle in ("pyformat", "format"):
        return lambda column: f"%({column})s"
    return lambda column: f":{column}"


def _in_list(connection: Connection, values: Sequence[str]) -> tuple[str, dict[str, str]]:
    style = _placeholder(connection)
    names = [f"v{i}" for i in range(len(values))]
    return ", ".join(style(n) for n in names), dict(zip(names, values, strict=True))


def _select_in(
    connection: Connection, table: Any, columns: Sequence[str], where: str, values: Sequence[str]
) -> Iterable[Any]:
    """The rows' ``columns`` of ``table`` whose ``where`` is one of ``values``."""
    marks, params = _in_list(connection, values)
    quote = connection.dialect.identifier_preparer.quote
    return connection.exec_driver_sql(
        f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table.__tablename__)}"
        f" WHERE {quote(where)} IN ({marks})",
        params,
    )


def _scalars(
    connection: Connection, table: Any, column: str, where: str, values: Sequence[str]
) -> Iterable[Any]:
    return [row[0] for row in _select_in(connection, table, [column], where, values)]


def _delete_where(connection: Connection, table: Any, column: str, values: Sequence[str]) -> None:
    marks, params = _in_list(connection, values)
    quote = connection.dialect.identifier_preparer.quote
    connection.exec_driver_sql(
        f"DELETE FROM {quote(table.__tablename__)} WHERE {quote(column)} IN ({marks})", params
    )


def _kept_values(connection: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The meetings of ``ids`` the store has, with the values their row keeps."""
    found = _select_in(connection, tables.MeetingRow, ["id", *_KEPT], "id", ids)
    return {row[0]: dict(zip(_KEPT, row[1:], strict=True)) for row in found}
