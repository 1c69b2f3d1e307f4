"""Bring an older database up to the current schema, one version at a time."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, SQLModel

from refleksionsrum.core.kinds import Verdict
from refleksionsrum.core.store.engine import StoreError
from refleksionsrum.core.store.tables import SCHEMA_VERSION, DraftRow, MeetingRow, MetaRow

# Recompute trial_action.closed_by from the evaluations, for the rows the WHERE picks.
# Which verdicts close is Verdict.closes; the literal list is made from it.
REFRESH_CLOSED = (
    "UPDATE trial_action SET closed_by = ("
    " SELECT e.meeting_id FROM evaluation AS e"
    " WHERE e.trial_action = trial_action.id"
    " AND e.verdict IN (" + ", ".join(f"'{verdict.value}'" for verdict in Verdict.closing()) + ")"
    " ORDER BY e.pk LIMIT 1)"
)


def recorded_version(connection: Connection) -> int | None:
    """The schema version a database records; 0 for meeting tables without one; None if new."""
    tables = inspect(connection)
    if not tables.has_table(MetaRow.__tablename__):
        return 0 if tables.has_table(MeetingRow.__tablename__) else None
    found = connection.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
    if found is None:
        return 0
    try:
        return int(found)
    except ValueError:
        raise StoreError("store.unknown_schema", found=found) from None


def _add_meta(connection: Connection) -> None:
    """0 to 1: the meta table, with the revision counted from here on."""
    MetaRow.__table__.create(connection, checkfirst=True)  # type: ignore[attr-defined]


def _add_drafts(connection: Connection) -> None:
    """1 to 2: the draft table (version 1 made it only when a meeting was opened)."""
    DraftRow.__table__.create(connection, checkfirst=True)  # type: ignore[attr-defined]


def _add_closed_by(connection: Connection) -> None:
    """2 to 3: trial_action.closed_by, filled in from the evaluations, and its index."""
    columns = {column["name"] for column in inspect(connection).get_columns("trial_action")}
    if "closed_by" not in columns:
        connection.execute(text("ALTER TABLE trial_action ADD COLUMN closed_by VARCHAR"))
    connection.execute(
        text("CREATE INDEX IF NOT EXISTS ix_trial_action_closed_by ON trial_action (closed_by)")
    )
    connection.execute(text(REFRESH_CLOSED))


def _add_revisions(connection: Connection) -> None:
    """3 to 4: the meeting's own revision and who facilitates it (plain SQL for both backends)."""
    columns = {column["name"] for column in inspect(connection).get_columns("meeting")}
    added = {
        "revision": "INTEGER NOT NULL DEFAULT 0",
        "facilitator": "VARCHAR",
        "facilitator_seen": "VARCHAR",
    }
    for name, kind in added.items():
        if name not in columns:
            connection.execute(text(f"ALTER TABLE meeting ADD COLUMN {name} {kind}"))


def _widen_file_index(connection: Connection) -> None:
    """4 to 5: session_file's nanosecond times as BIGINT (SQLite's INTEGER is 64 bits already)."""
    if connection.dialect.name == "postgresql":
        for column in ("mtime_ns", "size"):
            connection.execute(text(f"ALTER TABLE session_file ALTER COLUMN {column} TYPE BIGINT"))


# MIGRATIONS[n] takes a database from version n to n + 1.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    0: _add_meta,
    1: _add_drafts,
    2: _add_closed_by,
    3: _add_revisions,
    4: _widen_file_index,
}


def check_schema(engine: Engine) -> None:
    """Refuse a database whose schema is newer than this program; only reads."""
    with engine.connect() as connection:
        found = recorded_version(connection)
        connection.rollback()
    if found is not None and found > SCHEMA_VERSION:
        raise StoreError("store.newer_schema", found=found, known=SCHEMA_VERSION)


def open_schema(writing: Callable[[], AbstractContextManager[Session]]) -> None:
    """Make the tables of a new database, or bring an older one up to SCHEMA_VERSION.

    Under the write lock (``writing``: Store.writing), so two processes opening the
    same database at once cannot both migrate it.
    """
    with writing() as session:
        connection = session.connection()
        found = recorded_version(connection)
        if found is not None and found > SCHEMA_VERSION:
            raise StoreError("store.newer_schema", found=found, known=SCHEMA_VERSION)
        for version in range(found if found is not None else SCHEMA_VERSION, SCHEMA_VERSION):
            MIGRATIONS[version](connection)
        # Any table a new (or hand-made) database lacks; existing ones are left alone.
        SQLModel.metadata.create_all(connection)
        if session.get(MetaRow, "revision") is None:
            session.add(MetaRow(key="revision", value="0"))
        recorded = session.get(MetaRow, "schema_version")
        if recorded is None:
            session.add(MetaRow(key="schema_version", value=str(SCHEMA_VERSION)))
        elif recorded.value != str(SCHEMA_VERSION):
            recorded.value = str(SCHEMA_VERSION)
            session.add(recorded)
