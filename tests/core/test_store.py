"""The store: every edit is committed at once, so a second process (or a restart) sees it."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from refleksionsrum.core.models import (
    CarriedOut,
    ClockState,
    Decision,
    Evaluation,
    Meeting,
    Note,
    NoteKind,
    Verdict,
)
from refleksionsrum.core.store.database import Store, StoreError
from refleksionsrum.core.store.tables import SCHEMA_VERSION
from support.files import digests
from support.samples import CET, START, action, meeting

from .core_strategies import meetings


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    opened = Store(url)
    yield opened
    opened.close()


def reread(url: str, meeting_id: str = "m1") -> Meeting:
    """The meeting as a second process sees it."""
    other = Store(url)
    try:
        return other.load_meeting(meeting_id)
    finally:
        other.close()


def test_create_and_load(store: Store, url: str) -> None:
    original = meeting()
    store.save_meeting(original)
    assert store.has_meeting("m1")
    assert not store.has_meeting("m2")
    loaded = reread(url)
    assert loaded == original
    assert loaded.clock == ClockState(current=0, running=True, running_since=START)


def test_loading_a_missing_meeting(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        store.load_meeting("nope")
    assert caught.value.key == "store.no_meeting"


def test_every_edit_is_committed_at_once(store: Store, url: str) -> None:
    store.save_meeting(meeting())
    at = START + timedelta(minutes=3)

    note = store.items.add_note(
        "m1", Note("data", NoteKind.OBSERVATION, "Fremmødet faldt.", at, "Liste")
    )
    assert note.id is not None
    assert reread(url).notes == [note]
    edited = replace(note, text="Fremmødet faldt til 55 %.", source=None, kind=NoteKind.NOTE)
    store.items.update_note(edited)
    assert reread(url).notes == [edited]

    decision = store.items.add_decision("m1", Decision("Vi flytter gruppen.", at))
    assert decision.id is not None
    assert reread(url).decisions == [decision]
    store.items.update_decision(replace(decision, text="Vi flytter gruppen til formiddag."))
    assert reread(url).decisions[0].text == "Vi flytter gruppen til formiddag."

    saved = store.items.save_trial_action("m1", action())
    assert saved.meeting_id == "m1"
    assert [a.id for a in reread(url).trial_actions] == ["ta-1"]
    store.items.save_trial_action(
        "m1", replace(action(), owner="Mette", development_point="Fastholdelse")
    )
    (again,) = reread(url).trial_actions
    assert (again.owner, again.development_point) == ("Mette", "Fastholdelse")

    evaluation = store.items.save_evaluation(
        "m1", Evaluation("ta-0", CarriedOut.PARTLY, "Noget skete.", "Vi lærte.", Verdict.CONTINUE)
    )
    assert reread(url).evaluations == [evaluation]
    changed = store.items.save_evaluation("m1", replace(evaluation, verdict=Verdict.ADOPT, id=None))
    assert changed.id == evaluation.id  # one evaluation per trial action per meeting
    assert [e.verdict for e in reread(url).evaluations] == [Verdict.ADOPT]

    phases = reread(url).phases
    phases[0].elapsed_ms, phases[0].added_ms = 61_000, 300_000
    store.save_clock("m1", ClockState(current=1, running=False), phases)
    loaded = reread(url)
    assert loaded.clock == ClockState(current=1, running=False, running_since=None)
    assert (loaded.phases[0].elapsed_ms, loaded.phases[0].added_ms) == (61_000, 300_000)

    store.items.delete_note(note.id)
    store.items.delete_decision(decision.id)
    store.items.delete_trial_action("ta-1")
    store.items.delete_evaluation("m1", "ta-0")
    loaded = reread(url)
    assert (loaded.notes, loaded.decisions, loaded.trial_actions, loaded.evaluations) == (
        [],
        [],
        [],
        [],
    )

    ended = START + timedelta(hours=2)
    store.end_meeting("m1", ended)
    loaded = reread(url)
    assert loaded.ended_at == ended
    assert not loaded.is_running
    assert not loaded.clock.running


def test_adding_to_a_meeting_that_is_not_there_says_so(store: Store) -> None:
    store.save_meeting(meeting())
    with pytest.raises(StoreError) as caught:
        store.items.add_note("nope", Note("data", NoteKind.NOTE, "x", START))
    assert caught.value.key == "store.no_meeting"
    with pytest.raises(StoreError) as caught:
        store.items.add_decision("nope", Decision("beslutning", START))
    assert caught.value.key == "store.no_meeting"
    # The store goes on: the meeting that is there takes its note.
    assert store.items.add_note("m1", Note("data", NoteKind.NOTE, "x", START)).id is not None


def test_editing_a_deleted_item_says_so(store: Store) -> None:
    store.save_meeting(meeting())
    note = store.items.add_note("m1", Note("data", NoteKind.NOTE, "x", START))
    assert note.id is not None
    store.items.delete_note(note.id)
    with pytest.raises(StoreError) as caught:
        store.items.update_note(note)
    assert caught.value.key == "store.no_item"


def test_revision_grows_with_every_write(store: Store, url: str) -> None:
    seen = [store.revision()]

    def wrote() -> None:
        now = store.revision()
        assert now > seen[-1]
        seen.append(now)

    store.save_meeting(meeting())
    wrote()
    note = store.items.add_note("m1", Note("data", NoteKind.NOTE, "x", START))
    wrote()
    assert note.id is not None
    store.items.update_note(replace(note, text="y"))
    wrote()
    decision = store.items.add_decision("m1", Decision("d", START))
    wrote()
    assert decision.id is not None
    store.items.update_decision(replace(decision, text="e"))
    wrote()
    store.items.save_trial_action("m1", action())
    wrote()
    store.items.save_evaluation("m1", Evaluation("ta-0", CarriedOut.YES, "a", "b", Verdict.ADOPT))
    wrote()
    store.save_clock("m1", ClockState(current=1), meeting().phases)
    wrote()
    store.items.delete_evaluation("m1", "ta-0")
    wrote()
    store.items.delete_trial_action("ta-1")
    wrote()
    store.items.delete_decision(decision.id)
    wrote()
    store.items.delete_note(note.id)
    wrote()
    store.end_meeting("m1", START + timedelta(hours=1))
    wrote()
    # Another process polls the same number.
    other = Store(url)
    assert other.revision() == seen[-1]
    other.items.add_decision("m1", Decision("fra referenten", START))
    assert store.revision() == seen[-1] + 1
    other.close()
    # Reading does not count as a change.
    store.load_meeting("m1")
    store.open_trial_actions()
    assert store.revision() == seen[-1] + 1


def test_wal_mode_and_busy_timeout(sqlite_url: str) -> None:
    url = sqlite_url
    store = Store(url)
    store.save_meeting(meeting())
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    # WAL is a property of the file: any other reader sees it too.
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_newer_schema_is_refused_and_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    url = f"sqlite:///{path}"
    first = Store(url)
    first.save_meeting(meeting())
    first.close()
    # A later version of the program, which (say) dropped a table.
    newer = SCHEMA_VERSION + 1
    with sqlite3.connect(path) as raw:
        raw.execute(f"UPDATE meta SET value = '{newer}' WHERE key = 'schema_version'")
        raw.execute("DROP TABLE session_file")
    raw.close()
    before = digests(path)
    with pytest.raises(StoreError) as caught:
        Store(url)
    assert caught.value.key == "store.newer_schema"
    assert caught.value.params["found"] == newer
    assert digests(path) == before
    with sqlite3.connect(path) as raw:
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    raw.close()
    assert "session_file" not in tables


def test_unreachable_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store(f"sqlite:///{tmp_path / 'no-such-folder' / 'x.db'}")
    assert caught.value.key == "store.unreachable"


def test_saving_a_meeting_again_replaces_it(store: Store, url: str) -> None:
    store.save_meeting(meeting())
    store.items.add_note("m1", Note("data", NoteKind.NOTE, "gammel", START))
    fresh = replace(meeting(), title="Nyt navn")
    store.save_meeting(fresh)
    loaded = reread(url)
    assert loaded.title == "Nyt navn"
    assert loaded.notes == []


def test_trial_action_id_clash_between_meetings(store: Store) -> None:
    store.save_meeting(replace(meeting("m1"), trial_actions=[action("ta-1")]))
    with pytest.raises(StoreError) as caught:
        store.save_meeting(replace(meeting("m2"), trial_actions=[action("ta-1")]))
    assert caught.value.key == "store.clash"
    assert not store.has_meeting("m2")


def test_summaries_list_running_and_ended_newest_first(store: Store) -> None:
    store.save_meeting(meeting("old", START))
    store.end_meeting("old", START + timedelta(hours=1))
    store.save_meeting(meeting("newer", START + timedelta(days=14)))
    store.end_meeting("newer", START + timedelta(days=14, hours=1))
    running = meeting("now", START + timedelta(days=28))
    running.clock.current = 1
    store.save_meeting(running)
    active, ended = store.summaries()
    assert [s.id for s in active] == ["now"]
    assert active[0].current_phase_title == "Datagennemgang"
    assert [s.id for s in ended] == ["newer", "old"]
    assert store.latest_meeting_id() == "now"
    assert store.latest_meeting_id(before=START + timedelta(days=28)) == "newer"


def test_ordering_uses_the_instant_not_the_written_offset(store: Store) -> None:
    # 13:00+01:00 is 12:00Z; 12:30+00:00 is later although it reads earlier.
    store.save_meeting(meeting("a", datetime(2026, 11, 22, 13, 0, tzinfo=CET)))
    store.save_meeting(meeting("b", datetime(2026, 11, 22, 12, 30, tzinfo=UTC)))
    assert store.latest_meeting_id() == "b"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(original=meetings())
def test_any_meeting_survives_the_store(
    tmp_path_factory: pytest.TempPathFactory, original: Meeting
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'store.db'}"
    store = Store(url)
    try:
        store.save_meeting(original)
        loaded = reread(url, original.id)
    finally:
        store.close()
    # The store numbers notes, decisions and evaluations; nothing else may differ.
    loaded.notes = [replace(n, id=None) for n in loaded.notes]
    loaded.decisions = [replace(d, id=None) for d in loaded.decisions]
    loaded.evaluations = [replace(e, id=None) for e in loaded.evaluations]
    assert loaded == original


# -- many meetings at once (taking in a folder of session files) ---------------------------------


def _followed_up(meeting_id: str, started: datetime, action_id: str, verdict: Verdict) -> Meeting:
    evaluation = Evaluation(action_id, CarriedOut.YES, "Det gik.", "Vi lærte.", verdict)
    return replace(meeting(meeting_id, started), evaluations=[evaluation])


def test_save_meetings_stores_every_meeting_as_save_meeting_would(store: Store, url: str) -> None:
    first = replace(
        meeting("m1"),
        trial_actions=[action("ta-1"), action("ta-2", "Skriv til skolen")],
        notes=[Note("data", NoteKind.OBSERVATION, "Fremmødet faldt, æøå 'x' \"y\"", START)],
        decisions=[Decision("Vi flytter gruppen.", START)],
    )
    later = START + timedelta(days=14)
    second = _followed_up("m2", later, "ta-1", Verdict.ADOPT)
    # More meetings than one batch, so two transactions are used.
    others = [meeting(f"x{i:03d}", START - timedelta(days=i + 1)) for i in range(5)]
    assert store.save_meetings([first, second, *others], batch=3) == []
    again = Store(url)
    try:
        loaded = again.load_meeting("m1")
        assert [a.id for a in loaded.trial_actions] == ["ta-1", "ta-2"]
        assert [n.text for n in loaded.notes] == ["Fremmødet faldt, æøå 'x' \"y\""]
        assert [d.text for d in loaded.decisions] == ["Vi flytter gruppen."]
        assert again.load_meeting("m2").evaluations[0].title == "Ring dagen før"
        assert {s.id for s in again.summaries(limit=20)[0]} == {"m1", "m2"} | {
            f"x{i:03d}" for i in range(5)
        }
        # The adopted trial action is closed, the other still open for the next meeting.
        assert [a.id for a in again.open_trial_actions()] == ["ta-2"]
    finally:
        again.close()


def test_save_meetings_again_replaces_and_keeps_the_revision(store: Store, url: str) -> None:
    store.save_meeting(replace(meeting("m1"), trial_actions=[action("ta-1")]))
    store.save_meetings([_followed_up("m2", START + timedelta(days=14), "ta-1", Verdict.ADOPT)])
    assert store.open_trial_actions() == []
    before = store.meeting_revision("m2")
    assert before is not None
    # The follow-up's file changed: the verdict is now continue, the action open again.
    store.save_meetings([_followed_up("m2", START + timedelta(days=14), "ta-1", Verdict.CONTINUE)])
    assert [a.id for a in store.open_trial_actions()] == ["ta-1"]
    assert reread(url, "m2").evaluations[0].verdict is Verdict.CONTINUE
    after = store.meeting_revision("m2")
    assert after is not None and after > before


def test_save_meetings_refuses_only_the_meeting_that_clashes(store: Store) -> None:
    store.save_meeting(replace(meeting("m1"), trial_actions=[action("ta-1")]))
    batch = [
        meeting("m2", START + timedelta(days=1)),
        replace(meeting("m3", START + timedelta(days=2)), trial_actions=[action("ta-1")]),
        meeting("m4", START + timedelta(days=3)),
    ]
    assert store.save_meetings(batch) == ["m3"]
    assert [store.has_meeting(i) for i in ("m2", "m3", "m4")] == [True, False, True]


def test_a_lone_surrogate_in_a_batch_is_stored_as_a_replacement_character(
    store: Store, url: str
) -> None:
    odd = replace(meeting("m1"), title="Møde \ud800 i dag")
    assert store.save_meetings([odd]) == []
    assert reread(url).title == "Møde \ufffd i dag"


def test_record_many_notes_new_files_and_updates_known_ones(store: Store) -> None:
    from refleksionsrum.core.store.fileindex import SeenFile

    # Nanoseconds since 1970 do not fit a 32-bit integer: both backends keep them.
    store.files.record_many(
        [SeenFile("a.toml", 1_700_000_000_123_456_789, 10, "a"), SeenFile("b.toml", 2, 20)]
    )
    store.files.record_many([SeenFile("b.toml", 3, 30, None, "session.syntax")])
    assert store.files.known() == {
        "a.toml": SeenFile("a.toml", 1_700_000_000_123_456_789, 10, "a"),
        "b.toml": SeenFile("b.toml", 3, 30, None, "session.syntax"),
    }


def test_a_copy_of_the_database_file_alone_holds_everything_after_close(tmp_path: Path) -> None:
    """Items stayed in refleksionsrum.db-wal after the app quit while another program
    still had the database open (a note-taker's app): a backup of the .db alone had none."""
    path = tmp_path / "store.db"
    store = Store(f"sqlite:///{path}")
    store.save_meeting(meeting("m1"))
    other = sqlite3.connect(path)  # another process that keeps the database open
    try:
        other.execute("SELECT count(*) FROM meeting").fetchone()
        store.items.add_note("m1", Note("data", NoteKind.NOTE, "i walfilen", START))
        store.close()
        backup = tmp_path / "backup.db"
        shutil.copyfile(path, backup)  # the .db file alone, as a backup tool might copy it
        copied = sqlite3.connect(backup)
        try:
            assert copied.execute("SELECT text FROM note").fetchall() == [("i walfilen",)]
        finally:
            copied.close()
    finally:
        other.close()
