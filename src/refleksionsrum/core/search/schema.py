"""The index's own tables, beside the store's: made, checked and rebuilt by the search package.

They hold only what can be derived from the meetings, so they are not part of the
store's schema version: a program whose index differs drops them and builds again.
Triggers on the store's tables note each meeting that changes in ``search_dirty``;
the indexer takes those in off the first paint.
"""

from __future__ import annotations

import contextlib

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from refleksionsrum.core.search.words import TERMS_VERSION

# The index's version: its tables, and how words become terms.
INDEX_VERSION = f"1.{TERMS_VERSION}"
VERSION_KEY = "search_index"
TRACKED = ("note", "decision", "trial_action", "evaluation")

_DOC_COLUMNS = """
  meeting_id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  phase VARCHAR,
  phase_title VARCHAR,
  position INTEGER NOT NULL,
  owner VARCHAR,
  day VARCHAR NOT NULL,
  body TEXT NOT NULL
"""

SQLITE_TABLES = (
    f"CREATE TABLE IF NOT EXISTS search_doc (id INTEGER PRIMARY KEY, {_DOC_COLUMNS})",
    "CREATE INDEX IF NOT EXISTS ix_search_doc_meeting ON search_doc (meeting_id)",
    "CREATE INDEX IF NOT EXISTS ix_search_doc_day ON search_doc (day)",
    "CREATE TABLE IF NOT EXISTS search_dirty (meeting_id VARCHAR PRIMARY KEY)",
    # Contentless: the words are in search_doc.body already. æ, ø and å stay letters.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "stems, parts, content='', tokenize='unicode61 remove_diacritics 0')",
)

POSTGRES_TABLES = (
    f"CREATE TABLE IF NOT EXISTS search_doc (id BIGINT PRIMARY KEY, {_DOC_COLUMNS},"
    " words tsvector NOT NULL, parts tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_search_doc_meeting ON search_doc (meeting_id)",
    "CREATE INDEX IF NOT EXISTS ix_search_doc_day ON search_doc (day)",
    "CREATE INDEX IF NOT EXISTS ix_search_doc_words ON search_doc USING gin (words)",
    "CREATE INDEX IF NOT EXISTS ix_search_doc_parts ON search_doc USING gin (parts)",
    "CREATE TABLE IF NOT EXISTS search_dirty (meeting_id VARCHAR PRIMARY KEY)",
    """CREATE OR REPLACE FUNCTION search_mark_dirty() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO search_dirty VALUES (OLD.meeting_id) ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_dirty VALUES (NEW.meeting_id) ON CONFLICT DO NOTHING;
  END IF;
  IF TG_TABLE_NAME = 'trial_action' AND TG_OP = 'UPDATE' THEN
    INSERT INTO search_dirty SELECT meeting_id FROM evaluation WHERE trial_action = NEW.id
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
)

DROP = ("search_fts", "search_doc", "search_dirty")
# PostgreSQL: the danish configuration's Snowball stemmer without its stop words, so
# "ikke" in "kom ikke" counts as it does in SQLite. Made when the role may; else danish.
PG_CONFIG = "refleksionsrum_danish"
_PG_CONFIG_MADE = (
    "DO $$ BEGIN"
    " IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'refleksionsrum_stem') THEN"
    "  CREATE TEXT SEARCH DICTIONARY refleksionsrum_stem (TEMPLATE = snowball, LANGUAGE = danish);"
    " END IF;"
    " IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'refleksionsrum_danish') THEN"
    "  CREATE TEXT SEARCH CONFIGURATION refleksionsrum_danish (COPY = pg_catalog.danish);"
    "  ALTER TEXT SEARCH CONFIGURATION refleksionsrum_danish"
    "   ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword,"
    "   hword_asciipart, hword_part, hword_numpart WITH refleksionsrum_stem;"
    " END IF;"
    " END $$"
)


def pg_config(connection: Connection) -> str:
    """The text search configuration the index uses on PostgreSQL."""
    found = connection.execute(
        text("SELECT 1 FROM pg_ts_config WHERE cfgname = :name"), {"name": PG_CONFIG}
    ).first()
    return PG_CONFIG if found else "danish"


def sqlite_triggers() -> list[str]:
    """Per tracked table, triggers that note the changed meeting (pure SQL, no functions)."""
    made = []
    for table in TRACKED:
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            marks = " ".join(
                f"INSERT OR IGNORE INTO search_dirty VALUES ({row}.meeting_id);" for row in rows
            )
            if table == "trial_action" and event == "UPDATE":
                # An owner changed: the evaluations of it in later meetings show the owner too.
                marks += (
                    " INSERT OR IGNORE INTO search_dirty"
                    " SELECT meeting_id FROM evaluation WHERE trial_action = NEW.id;"
                )
            made.append(
                f"CREATE TRIGGER IF NOT EXISTS search_{table}_{event.lower()} "
                f"AFTER {event} ON {table} BEGIN {marks} END"
            )
    return made


def postgres_triggers() -> list[str]:
    made = []
    for table in TRACKED:
        made.append(f"DROP TRIGGER IF EXISTS search_{table}_dirty ON {table}")
        made.append(
            f"CREATE TRIGGER search_{table}_dirty AFTER INSERT OR UPDATE OR DELETE ON {table}"
            " FOR EACH ROW EXECUTE FUNCTION search_mark_dirty()"
        )
    return made


def recorded(connection: Connection) -> str | None:
    row = connection.execute(
        text("SELECT value FROM meta WHERE key = :key"), {"key": VERSION_KEY}
    ).first()
    return None if row is None else str(row[0])


def make_index(connection: Connection) -> bool:
    """Make the index tables if they are missing or of another version; True if made anew."""
    sqlite = connection.dialect.name == "sqlite"
    found = recorded(connection)
    if found == INDEX_VERSION:
        return False
    for table in DROP:
        connection.execute(text(f"DROP TABLE IF EXISTS {table}"))
    for statement in SQLITE_TABLES if sqlite else POSTGRES_TABLES:
        connection.execute(text(statement))
    if not sqlite:
        # A role that may not create a configuration keeps danish (with its stop words).
        with contextlib.suppress(DBAPIError), connection.begin_nested():
            connection.execute(text(_PG_CONFIG_MADE))
    for statement in sqlite_triggers() if sqlite else postgres_triggers():
        connection.execute(text(statement))
    # Every meeting is to be indexed; the triggers keep the list from here on.
    connection.execute(text("INSERT INTO search_dirty (meeting_id) SELECT id FROM meeting"))
    if found is None:
        connection.execute(
            text("INSERT INTO meta (key, value) VALUES (:key, :value)"),
            {"key": VERSION_KEY, "value": INDEX_VERSION},
        )
    else:
        connection.execute(
            text("UPDATE meta SET value = :value WHERE key = :key"),
            {"key": VERSION_KEY, "value": INDEX_VERSION},
        )
    return True
