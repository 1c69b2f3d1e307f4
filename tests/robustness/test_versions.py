"""The database records its schema version; a newer one is refused untouched, an older one migrated.

Promise 9 of issue 4. What "older" means (core/store/tables.py): version 0 is the meeting tables
without the meta table, version 1 has meta but no draft table.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files.sync import open_store
from refleksionsrum.core.i18n import t
from refleksionsrum.core.kinds import NoteKind
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.store.database import Store, StoreError
from refleksionsrum.core.store.drafts import Drafts
from refleksionsrum.core.store.tables import SCHEMA_VERSION, DraftRow, MetaRow
from refleksionsrum.core.workspace import Workspace
from support.files import digests

from .peek import database
from .procs import SCRIPT, run_to_exit


def meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as raw:
        rows = dict(raw.execute("SELECT key, value FROM meta").fetchall())
    raw.close()
    return rows


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as raw:
        names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    raw.close()
    return names


def test_a_new_database_records_the_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(f"sqlite:///{path}").close()
    assert meta(path) == {"schema_version": str(SCHEMA_VERSION), "revision": "0"}
    assert {"meeting", "note", "draft", "meta", "session_file"} <= tables(path)


def old_database(path: Path, version: int) -> None:
    """A database as an earlier version left it, with one meeting and one note in it."""
    leave_out = {DraftRow.__tablename__} | ({MetaRow.__tablename__} if version == 0 else set())
    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(
        engine, tables=[t for t in SQLModel.metadata.sorted_tables if t.name not in leave_out]
    )
    engine.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO meeting (id, title, template, started_at, started_utc, extra_toml,"
            " current_phase, running) VALUES ('m-old', 'Gammelt møde', 'borgerniveau',"
            " '2026-11-09T13:00:00+01:00', '2026-11-09T12:00:00+00:00', '', 0, 0)"
        )
        raw.execute(
            "INSERT INTO phase (meeting_id, position, key, title, planned_minutes, elapsed_ms,"
            " added_ms) VALUES ('m-old', 0, 'data', 'Datagennemgang', 10, 61000, 0)"
        )
        raw.execute(
            "INSERT INTO note (meeting_id, phase, kind, text, created_at) VALUES"
            " ('m-old', 'data', 'observation', 'Fra før opgraderingen',"
            " '2026-11-09T13:05:00+01:00')"
        )
        if version == 1:
            raw.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('revision', '7')")
    raw.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_an_older_database_is_migrated_and_keeps_everything(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.db"
    old_database(path, version)
    assert "draft" not in tables(path)

    store = Store(f"sqlite:///{path}")
    try:
        recorded = meta(path)
        assert recorded["schema_version"] == str(SCHEMA_VERSION)
        assert recorded["revision"] == ("7" if version == 1 else "0")
        assert "draft" in tables(path)
        meeting = store.load_meeting("m-old")
        assert [n.text for n in meeting.notes] == ["Fra før opgraderingen"]
        assert meeting.phases[0].elapsed_ms == 61_000
        drafts = Drafts(store, "m-old")
        drafts.save("entry:data", {"entry-text": "skrives efter opgraderingen"})
        assert drafts.get("entry:data") == {"entry-text": "skrives efter opgraderingen"}
    finally:
        store.close()
    # Opening it again changes nothing more.
    before = meta(path)
    Store(f"sqlite:///{path}").close()
    assert meta(path) == before


def assert_refused_untouched(path: Path, key: str) -> None:
    """Opening the database at ``path`` fails with ``key`` and leaves its files as they were."""
    before = digests(path)
    with pytest.raises(StoreError) as refused:
        Store(f"sqlite:///{path}")
    assert refused.value.key == key
    assert digests(path) == before


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'")
        raw.execute("DROP TABLE draft")
    raw.close()
    assert_refused_untouched(path, "store.newer_schema")
    assert "draft" not in tables(path)


def test_a_version_that_is_not_a_number_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "odd.db"
    Store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE meta SET value = 'tre' WHERE key = 'schema_version'")
    raw.close()
    assert_refused_untouched(path, "store.unknown_schema")


def test_the_app_refuses_a_newer_database_with_exit_2_and_no_traceback(workspace: Path) -> None:
    opened = Workspace.open(workspace)
    store = open_store(opened)
    room = MeetingRoom(
        opened,
        store,
        new_meeting(store, opened.config.template(), "Møde", [], FakeClock()),
        FakeClock(),
    )
    room.add_note(NoteKind.OBSERVATION, "Skal blive, som den er")
    store.close()
    path = database(workspace)
    with sqlite3.connect(path) as raw:
        raw.execute(f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'")
    raw.close()
    before = digests(path)

    code, shown = run_to_exit([str(SCRIPT), "--workspace", str(workspace)])
    assert code == 2
    assert "Traceback" not in shown
    assert t("store.newer_schema", found=SCHEMA_VERSION + 1, known=SCHEMA_VERSION) in shown
    assert digests(path) == before
