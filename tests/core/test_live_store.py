"""Revisions, facilitation and the watcher, on SQLite and on PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from typing import Any

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from refleksionsrum.core.live.watch import Change, conninfo, watch
from refleksionsrum.core.models import Decision, Note, NoteKind
from refleksionsrum.core.store import engine
from refleksionsrum.core.store.database import EditConflict, Store, StoreError
from refleksionsrum.core.store.tables import SCHEMA_VERSION
from support.samples import START, action, meeting
from support.waiting import DEADLINE_S


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    opened = Store(url)
    opened.save_meeting(meeting("m1"))
    opened.save_meeting(meeting("m2", START + timedelta(hours=1)))
    yield opened
    opened.close()


def test_every_write_bumps_only_its_meetings_revision(store: Store) -> None:
    before = store.meeting_revision("m1")
    other = store.meeting_revision("m2")
    assert before is not None
    note = store.items.add_note("m1", Note("data", NoteKind.NOTE, "x", START))
    store.items.update_note(replace(note, text="y"))
    decision = store.items.add_decision("m1", Decision("d", START))
    assert decision.id is not None
    store.items.delete_decision(decision.id)
    store.items.save_trial_action("m1", action())
    store.items.delete_trial_action("ta-1")
    assert store.meeting_revision("m1") == before + 6
    assert store.meeting_revision("m2") == other
    # Replacing a whole meeting (a session file taken in again) keeps counting.
    store.save_meeting(store.load_meeting("m1"))
    assert store.meeting_revision("m1") == before + 7
    assert store.meeting_revision("nope") is None


def test_a_stale_edit_is_refused_with_the_current_text(store: Store) -> None:
    opened = store.items.add_note("m1", Note("data", NoteKind.NOTE, "først", START))
    store.items.update_note(replace(opened, text="referentens tekst"), expected=opened)
    with pytest.raises(EditConflict) as caught:
        store.items.update_note(replace(opened, text="mødelederens tekst"), expected=opened)
    assert isinstance(caught.value.current, Note)
    assert caught.value.current.text == "referentens tekst"
    assert store.load_meeting("m1").notes[0].text == "referentens tekst"
    assert opened.id is not None
    store.items.delete_note(opened.id)
    with pytest.raises(StoreError) as gone:
        store.items.update_note(replace(opened, text="z"), expected=opened)
    assert gone.value.key == "store.no_item"


def test_a_stale_trial_action_is_refused(store: Store) -> None:
    first = store.items.save_trial_action("m1", action())
    store.items.save_trial_action("m1", replace(first, owner="Mette"), expected=first)
    with pytest.raises(EditConflict):
        store.items.save_trial_action("m1", replace(first, owner="Jonas"), expected=first)


def test_facilitation_is_claimed_and_kept_alive(store: Store) -> None:
    assert store.facilitation.holder("m1") == (None, None)
    store.facilitation.claim("m1", "laptop-a", START)
    revision = store.meeting_revision("m1")
    assert store.facilitation.alive("m1", "laptop-a", START + timedelta(seconds=5))
    # A heartbeat changes nothing a view shows: no reload anywhere.
    assert store.meeting_revision("m1") == revision
    token, seen = store.facilitation.holder("m1")
    assert token == "laptop-a"
    assert seen == START + timedelta(seconds=5)
    store.facilitation.claim("m1", "laptop-b", START + timedelta(minutes=1))
    assert not store.facilitation.alive("m1", "laptop-a", START + timedelta(minutes=1))


def wait_for(watcher: object, want: int) -> Change:
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        change = watcher.wait(1.0)  # type: ignore[attr-defined]
        if change is not None and change.revision == want:
            return change  # type: ignore[no-any-return]
    raise AssertionError(f"the watcher never saw revision {want}")


def test_a_watcher_sees_another_process_write(store: Store, url: str) -> None:
    seen = store.meeting_revision("m1")
    assert seen is not None
    watcher = watch(url, "m1", seen)
    try:
        assert watcher.wait(0.3) is None  # nothing changed yet
        other = Store(url)
        other.items.add_note("m1", Note("data", NoteKind.NOTE, "fra referenten", START))
        change = wait_for(watcher, seen + 1)
        assert not change.reread
        # A write to another meeting is not this meeting's change.
        other.items.add_note("m2", Note("data", NoteKind.NOTE, "andet møde", START))
        assert watcher.wait(0.6) is None
        other.close()
    finally:
        watcher.close()


def test_a_postgresql_watcher_rereads_after_losing_its_connection(pg_url: str) -> None:
    store = Store(pg_url)
    store.save_meeting(meeting("m1"))
    seen = store.meeting_revision("m1")
    watcher = watch(pg_url, "m1", seen)
    try:
        assert watcher.wait(0.3) is None
        # The server drops every other connection (a restart, a laptop that slept).
        with store.engine.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE pid <> pg_backend_pid() AND datname = current_database()"
                )
            )
            connection.commit()
        store.engine.dispose()
        store.items.add_note("m1", Note("data", NoteKind.NOTE, "mens forbindelsen var væk", START))
        deadline = time.monotonic() + DEADLINE_S
        change = None
        while change is None and time.monotonic() < deadline:
            change = watcher.wait(1.0)
        assert change is not None
        assert change.reread
        assert change.revision == (seen or 0) + 1
    finally:
        watcher.close()
        store.close()


def test_an_older_schema_is_migrated_on_either_backend(url: str) -> None:
    first = Store(url)
    first.save_meeting(meeting("m1"))
    with first.engine.begin() as connection:
        for column in ("revision", "facilitator", "facilitator_seen"):
            connection.execute(text(f"ALTER TABLE meeting DROP COLUMN {column}"))
        connection.execute(text("UPDATE meta SET value = '3' WHERE key = 'schema_version'"))
    first.close()
    again = Store(url)
    try:
        assert again.load_meeting("m1").title == meeting().title
        assert again.meeting_revision("m1") == 0
        with again.engine.connect() as connection:
            found = connection.execute(
                text("SELECT value FROM meta WHERE key = 'schema_version'")
            ).scalar()
        assert found == str(SCHEMA_VERSION)
    finally:
        again.close()


def test_a_session_files_nanosecond_time_fits_on_either_backend(store: Store) -> None:
    # st_mtime_ns of a file written in 2026: past a 32-bit INTEGER (PostgreSQL's).
    from refleksionsrum.core.store.tables import SessionFileRow

    row = SessionFileRow(name="m1.toml", mtime_ns=1_796_161_012_565_613_544, size=588)
    store.files.record(row)
    assert store.files.known()["m1.toml"].mtime_ns == 1_796_161_012_565_613_544


@contextmanager
def meeting_held(url: str, meeting_id: str) -> Iterator[None]:
    """Another program holds the meeting's row (PostgreSQL) or the write lock (SQLite)."""
    other: sqlite3.Connection | psycopg.Connection[Any]
    if url.startswith("sqlite"):
        other = sqlite3.connect(make_url(url).database or "")
        other.execute("BEGIN IMMEDIATE")
    else:
        other = psycopg.connect(conninfo(url))
        other.execute("SELECT id FROM meeting WHERE id = %s FOR UPDATE", (meeting_id,))
    try:
        yield
    finally:
        other.rollback()
        other.close()


def test_a_held_lock_fails_the_write_with_a_message_on_either_backend(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL waited for ever on a row another program held; now as SQLite: a timeout."""
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    store = Store(url)
    try:
        store.save_meeting(meeting("m1"))
        with meeting_held(url, "m1"), pytest.raises(StoreError) as refused:
            store.items.add_note("m1", Note("data", NoteKind.NOTE, "mens den er låst", START))
        assert refused.value.key == "store.locked"
        # Let go, and the same write goes through.
        store.items.add_note("m1", Note("data", NoteKind.NOTE, "bagefter", START))
        assert [note.text for note in store.load_meeting("m1").notes] == ["bagefter"]
    finally:
        store.close()


def test_a_write_tells_its_own_thread_the_revision_it_made(store: Store) -> None:
    """A view that wrote an item itself learns the number its write made, so it need not
    read the whole meeting again; a failed write makes nothing."""
    before = store.meeting_revision("m1")
    assert before is not None
    opened = store.items.add_note("m1", Note("data", NoteKind.NOTE, "egen", START))
    assert store.written_revision("m1") == before + 1 == store.meeting_revision("m1")
    assert store.written_revision("m2") is None
    seen: list[int | None] = []
    other = threading.Thread(target=lambda: seen.append(store.written_revision("m1")))
    other.start()
    other.join(timeout=60)
    assert seen == [None]  # another thread's write is not this one's
    store.items.update_note(replace(opened, text="ændret"), expected=opened)
    assert store.written_revision("m1") == before + 2
    with pytest.raises(EditConflict):
        store.items.update_note(replace(opened, text="forældet"), expected=opened)
    assert store.written_revision("m1") is None
