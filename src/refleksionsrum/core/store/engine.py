"""The database engine: SQLite pragmas, write transactions that take the lock at once."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError
from sqlmodel import create_engine

# Defined with the other errors (light to import); re-exported where it always was.
from refleksionsrum.core.errors import StoreError as StoreError
from refleksionsrum.core.files.atomic import utf8_safe

BUSY_TIMEOUT_MS = 10_000
# Set while a write transaction is being opened; read by the SQLite "begin" event.
IMMEDIATE: ContextVar[bool] = ContextVar("immediate", default=False)
# An execution option: the caller has made every text storable already (core/store/bulk.py),
# so the check of each value below is skipped. Walking 400,000 values one by one cost
# more than writing them when thousands of session files were taken in.
PLAIN_TEXT = "refleksionsrum_text_storable"


def corrupt(error: DatabaseError, url: str) -> StoreError | None:
    """The one message for a SQLite file that is not a database (or is cut short), else None.

    SQLite says "file is not a database" for random bytes or a text file and
    "database disk image is malformed" for a truncated one; both mean the same to
    the user: move the file aside, it is rebuilt from the session files.
    """
    original = error.orig
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        if code & 0xFF not in (26, 11):  # SQLITE_NOTADB, SQLITE_CORRUPT
            return None
    elif not ("not a database" in str(original) or "malformed" in str(original)):
        return None
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
    return StoreError("store.not_database", path=path)


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return utf8_safe(value)
    if isinstance(value, dict):
        return {key: _storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_storable(item) for item in value)
    return value


def make_engine(url: str) -> Engine:
    """An engine for ``url`` whose every text parameter can be stored as UTF-8."""
    engine = _make_engine(url)

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _utf8(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, context: Any, _many: bool
    ) -> tuple[str, Any]:
        # Every text that reaches the database passes here: a lone surrogate (which
        # no UTF-8 database can hold) becomes U+FFFD instead of failing the write.
        if context is not None and context.execution_options.get(PLAIN_TEXT):
            return statement, parameters
        return statement, _storable(parameters)

    return engine


# The name of SQLite's Unicode-aware lowercase, as PostgreSQL's LOWER() is.
UNICODE_LOWER = "rr_lower"


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        try:
            engine = create_engine(
                url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
            )
        except (SQLAlchemyError, ValueError) as error:
            # config.toml's check refuses such URLs; this is for a Store made directly.
            raise StoreError("store.unreachable", url=url, reason=str(error)) from None

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy's events run BEGIN, so writes can begin IMMEDIATE: two
            # processes then queue for the write lock instead of failing to upgrade.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()
            # SQLite's LOWER() folds A-Z only: "Årsmøde" would not find "årsmøde".
            dbapi_connection.create_function(UNICODE_LOWER, 1, _lower, deterministic=True)

        @event.listens_for(engine, "begin")
        def _begin(connection: Any) -> None:
            # Reads begin deferred, so polling the revision never waits for a writer.
            connection.exec_driver_sql("BEGIN IMMEDIATE" if IMMEDIATE.get() else "BEGIN")

        return engine
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            # psycopg 3 is the driver the program is tested with (the extra postgresql);
            # messages keep naming the URL as the user wrote it.
            url = "postgresql+psycopg://" + url[len(plain) :]
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except ImportError as error:
        if "psycopg" in str(error) and url.startswith("postgresql"):
            raise StoreError("store.needs_psycopg") from None
        raise StoreError("store.unreachable", url=url, reason=str(error)) from None
    except (SQLAlchemyError, ValueError) as error:
        raise StoreError("store.unreachable", url=url, reason=str(error)) from None

    @event.listens_for(engine, "connect")
    def _lock_wait(dbapi_connection: Any, _record: Any) -> None:
        # As SQLite's busy timeout: a row another program holds fails the write after a
        # while, with a message, instead of freezing the writer (and a screen) for ever.
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(BUSY_TIMEOUT_MS)}")
        dbapi_connection.commit()

    return engine


def write_failure(error: OperationalError) -> str:
    """The catalogue key for a failed write: locked, server unreachable, or the disk."""
    reason = str(error.orig).lower()
    # SQLite: "database is locked"; PostgreSQL: "canceling statement due to lock timeout".
    if "locked" in reason or "busy" in reason or "lock timeout" in reason:
        return "store.locked"
    if error.connection_invalidated or any(
        word in reason for word in ("connection", "server closed", "could not connect", "timeout")
    ):
        return "store.server_unreachable"
    return "store.write_failed"


def use_wal(engine: Engine) -> None:
    """Put a SQLite file in WAL mode (it stays so): readers and one writer at a time."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA journal_mode=WAL")  # type: ignore[union-attr]
    finally:
        raw.close()
