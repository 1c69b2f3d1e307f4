"""The system of record: every edit is committed to the database the moment it is made."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, or_, text
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from refleksionsrum.core.models import (
    ClockState,
    Evaluation,
    Meeting,
    MeetingSummary,
    PhaseRecord,
    TrialAction,
)
from refleksionsrum.core.store import followup, rowmap
from refleksionsrum.core.store.bulk import save_in_batches
from refleksionsrum.core.store.engine import (
    IMMEDIATE,
    StoreError,
    corrupt,
    make_engine,
    use_wal,
    write_failure,
)
from refleksionsrum.core.store.facilitation import Facilitation
from refleksionsrum.core.store.fileindex import FileIndex
from refleksionsrum.core.store.followup import delete_meeting_rows, evaluated_by, refresh_closed
from refleksionsrum.core.store.identity import DatabaseFile
from refleksionsrum.core.store.items import EditConflict, ItemWrites
from refleksionsrum.core.store.migrations import check_schema, open_schema
from refleksionsrum.core.store.revisions import bump, read_revision
from refleksionsrum.core.store.tables import (
    DecisionRow,
    EvaluationRow,
    MeetingRow,
    MetaRow,
    NoteRow,
    ParticipantRow,
    PhaseRow,
    TrialActionRow,
)

__all__ = ["EditConflict", "Store", "StoreError"]


class Store:
    """All reads and writes of meetings; returns plain models, never live rows."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        # Per thread: the revision the last committed write gave its one meeting.
        self._written = threading.local()
        self.files = FileIndex(self.engine, self.writing)
        self.items = ItemWrites(self._write)
        self.facilitation = Facilitation(self.engine, self._write, self.writing)
        database = self.engine.url.database if self.engine.dialect.name == "sqlite" else None
        # Checked before every write: a deleted or replaced file refuses, never swallows.
        self.file = DatabaseFile(Path(database)) if database and database != ":memory:" else None
        try:
            # A database from a newer version is refused before anything is created
            # or converted in it, so that version can still use it as it left it.
            check_schema(self.engine)
            use_wal(self.engine)
            open_schema(self.writing)
        except OperationalError as error:
            self.engine.dispose()
            raise corrupt(error, url) or StoreError(
                "store.unreachable", url=url, reason=str(error.orig)
            ) from None
        except DatabaseError as error:
            self.engine.dispose()
            raise corrupt(error, url) or StoreError(
                "store.unreachable", url=url, reason=str(error.orig)
            ) from None
        except StoreError as error:
            self.engine.dispose()
            if error.key in ("store.write_failed", "store.locked", "store.server_unreachable"):
                raise StoreError("store.unreachable", url=url, **error.params) from None
            raise

    def close(self) -> None:
        if self.engine.dialect.name == "sqlite" and self.file is not None and not self.is_gone():
            # What is in the -wal file goes into the database file itself, so that a copy
            # of refleksionsrum.db alone (a backup) holds everything. PASSIVE: never waits
            # for another process still reading (a note-taker's app), so quitting is not
            # held up; SQLite does the rest when the last connection closes.
            with contextlib.suppress(Exception), self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        self.engine.dispose()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose transaction takes the write lock at once and commits at the end.

        BEGIN IMMEDIATE makes a second process wait (busy timeout) instead of
        failing when it would upgrade a read to a write: no "database is locked".
        """
        if self.is_gone():
            assert self.file is not None
            raise StoreError("store.gone", path=str(self.file.path))
        token = IMMEDIATE.set(True)
        try:
            with Session(self.engine) as session:
                yield session
                session.commit()
        except IntegrityError:
            raise  # a clash the caller words (save_meeting)
        except OperationalError as error:
            # A full disk, a read-only file, a lock held past the busy timeout, a
            # server gone: one error the screens can catch, naming the real cause.
            raise corrupt(error, self.url) or StoreError(
                write_failure(error), reason=str(error.orig).strip()
            ) from None
        except DatabaseError as error:
            # A file that is not a database (or is cut short) found mid-write.
            raise corrupt(error, self.url) or StoreError(
                "store.write_failed", reason=str(error.orig).strip()
            ) from None
        finally:
            IMMEDIATE.reset(token)

    def is_gone(self) -> bool:
        """The database file was deleted or replaced since the store opened it."""
        return self.file is not None and self.file.is_gone()

    @contextmanager
    def _write(self, meeting_id: str | None = None) -> Iterator[Session]:
        """One write transaction, committed at the end and counted in the revisions.

        The meetings it touched (``meeting_id`` and those of the items it changed,
        collected in ``session.info["touched"]``) get their revision bumped in the
        same transaction, so a live view never sees a change without its number.
        """
        written: dict[str, int] = {}
        # Until this write is committed, it has made nothing of any meeting.
        self._written.revisions = {}
        with self.writing() as session:
            touched: set[str] = session.info.setdefault("touched", set())
            if meeting_id is not None:
                touched.add(meeting_id)
            yield session
            session.flush()
            bump(session.connection(), touched)
            if len(touched) == 1:
                # Read under the write lock: exactly the number this commit gives it.
                (only,) = touched
                found = read_revision(session.connection(), only)
                if found is not None:
                    written[only] = found
            session.exec(  # type: ignore[call-overload]
                text(
                    "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR)"
                    " WHERE key = 'revision'"
                )
            )
        # Committed: what this thread's write made of the meeting (see written_revision).
        self._written.revisions = dict(written)

    def revision(self) -> int:
        """A number that grows with every write, cheap to poll for changes."""
        with Session(self.engine) as session:
            row = session.get(MetaRow, "revision")
            return int(row.value) if row else 0

    def written_revision(self, meeting_id: str) -> int | None:
        """The meeting's revision after this thread's last write, if it was committed and
        touched that meeting alone: a view whose read model was one behind and holds the
        write already is then current, and need not read the meeting again."""
        revisions: dict[str, int] = getattr(self._written, "revisions", {})
        return revisions.get(meeting_id)

    def meeting_revision(self, meeting_id: str) -> int | None:
        """The meeting's own revision (None once it is gone): what live views watch."""
        with self.engine.connect() as connection:
            found = read_revision(connection, meeting_id)
            connection.rollback()
            return found

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    # -- meetings ---------------------------------------------------------------------

    def save_meetings(self, meetings: list[Meeting], batch: int = 200) -> list[str]:
        """Store many whole meetings, a batch per transaction; returns the ids refused."""
        return save_in_batches(self, meetings, batch)

    def save_meeting(self, meeting: Meeting) -> None:
        """Store a whole meeting, replacing any earlier copy with the same id."""
        try:
            with self._write(meeting.id) as session:
                touched = evaluated_by(session, meeting.id)
                # The revision and the facilitator outlive a replacement of the rows.
                old = session.get(MeetingRow, meeting.id)
                kept = (old.revision, old.facilitator, old.facilitator_seen) if old else None
                if old is not None:
                    session.expunge(old)
                delete_meeting_rows(session, meeting.id)
                row = rowmap.meeting_row(meeting)
                if kept is not None:
                    row.revision, row.facilitator, row.facilitator_seen = kept
                session.add(row)
                session.flush()
                # One INSERT per table for all of a meeting's items: taking in 10,000
                # session files spent most of its time in the ORM's unit of work.
                for table, records in rowmap.child_records(meeting).items():
                    if records:
                        session.execute(insert(table), records)
                touched |= {a.id for a in meeting.trial_actions}
                touched |= {e.trial_action for e in meeting.evaluations}
                refresh_closed(session, touched)
        except IntegrityError:
            # A trial action id that another meeting already uses.
            raise StoreError("store.clash", id=meeting.id) from None

    def is_running(self, meeting_id: str) -> bool:
        """Whether the store has this meeting and it has not ended."""
        with Session(self.engine) as session:
            row = session.get(MeetingRow, meeting_id)
            return row is not None and row.ended_at is None

    def has_meeting(self, meeting_id: str) -> bool:
        with Session(self.engine) as session:
            return session.get(MeetingRow, meeting_id) is not None

    def load_meeting(self, meeting_id: str) -> Meeting:
        with Session(self.engine) as session:
            row = session.get(MeetingRow, meeting_id)
            if row is None:
                raise StoreError("store.no_meeting", id=meeting_id)

            def rows(table: Any, order: Any) -> list[Any]:
                query = select(table).where(table.meeting_id == meeting_id).order_by(order)
                return list(session.exec(query))

            meeting = rowmap.to_meeting(
                row,
                rows(ParticipantRow, ParticipantRow.pk),
                rows(PhaseRow, PhaseRow.position),
                rows(NoteRow, NoteRow.pk),
                rows(DecisionRow, DecisionRow.pk),
                rows(TrialActionRow, TrialActionRow.pk),
                rows(EvaluationRow, EvaluationRow.pk),
            )
            titles = followup.titles_of(session, [e.trial_action for e in meeting.evaluations])
            meeting.evaluations = [
                replace(e, title=titles.get(e.trial_action)) for e in meeting.evaluations
            ]
            return meeting

    def summaries(self, limit: int = 20) -> tuple[list[MeetingSummary], list[MeetingSummary]]:
        """(running meetings, most recent ended meetings), newest first."""
        with Session(self.engine) as session:
            running = session.exec(
                select(MeetingRow)
                .where(col(MeetingRow.ended_at).is_(None))
                .order_by(col(MeetingRow.started_utc).desc())
            ).all()
            ended = session.exec(
                select(MeetingRow)
                .where(col(MeetingRow.ended_at).is_not(None))
                .order_by(col(MeetingRow.started_utc).desc())
                .limit(limit)
            ).all()

            def summary(row: MeetingRow) -> MeetingSummary:
                phase = session.exec(
                    select(PhaseRow.title)
                    .where(PhaseRow.meeting_id == row.id)
                    .where(PhaseRow.position == row.current_phase)
                ).first()
                return MeetingSummary(
                    id=row.id,
                    title=row.title,
                    template=row.template,
                    started_at=rowmap.parse_time(row.started_at),
                    ended_at=rowmap.parse_time(row.ended_at) if row.ended_at else None,
                    current_phase_title=phase,
                )

            return [summary(r) for r in running], [summary(r) for r in ended]

    def latest_meeting_id(self, before: datetime | None = None) -> str | None:
        """The most recently started meeting (before ``before``), if any."""
        with Session(self.engine) as session:
            query = select(MeetingRow.id).order_by(col(MeetingRow.started_utc).desc())
            if before is not None:
                query = query.where(MeetingRow.started_utc < rowmap.utc(before))
            return session.exec(query).first()

    def save_clock(self, meeting_id: str, clock: ClockState, phases: list[PhaseRecord]) -> None:
        """Store where the clocks stand: current phase, running state, time per phase."""
        with self._write(meeting_id) as session:
            row = session.get(MeetingRow, meeting_id)
            if row is None:
                raise StoreError("store.no_meeting", id=meeting_id)
            row.current_phase = clock.current
            row.running = clock.running
            row.running_since = rowmap.precise(clock.running_since)
            session.add(row)
            for phase_row in session.exec(
                select(PhaseRow).where(PhaseRow.meeting_id == meeting_id)
            ):
                phase = phases[phase_row.position]
                phase_row.elapsed_ms = phase.elapsed_ms
                phase_row.added_ms = phase.added_ms
                session.add(phase_row)

    def save_extra(self, meeting_id: str, extra_toml: str) -> None:
        """Store a meeting's extra keys (a TOML text), counted in its revision."""
        with self._write(meeting_id) as session:
            row = session.get(MeetingRow, meeting_id)
            if row is not None:
                row.extra_toml = extra_toml
                session.add(row)

    def end_meeting(self, meeting_id: str, ended_at: datetime) -> None:
        with self._write(meeting_id) as session:
            row = session.get(MeetingRow, meeting_id)
            if row is None:
                raise StoreError("store.no_meeting", id=meeting_id)
            row.ended_at = rowmap.iso(ended_at)
            row.running = False
            row.running_since = None
            session.add(row)

    def delete_meeting(self, meeting_id: str) -> None:
        with self._write(meeting_id) as session:
            touched = evaluated_by(session, meeting_id)
            delete_meeting_rows(session, meeting_id)
            session.flush()
            refresh_closed(session, touched)

    # -- follow-up ----------------------------------------------------------------------

    def open_trial_actions(self, meeting_id: str | None = None) -> list[TrialAction]:
        """Trial actions still open for ``meeting_id``'s follow-up, oldest first.

        Open means: planned in an earlier meeting and not closed (adopt, adapt,
        abandon) by any meeting other than this one, so that an evaluation made
        in this meeting can still be changed here.
        """
        with Session(self.engine) as session:
            before = None
            if meeting_id is not None:
                current = session.get(MeetingRow, meeting_id)
                before = current.started_utc if current else None
            # closed_by is kept in step with the evaluations and indexed: only the
            # open trial actions are read, however many meetings came before.
            still_open: ColumnElement[bool] = col(TrialActionRow.closed_by).is_(None)
            if meeting_id is not None:
                still_open = or_(still_open, col(TrialActionRow.closed_by) == meeting_id)
            query = (
                select(TrialActionRow, MeetingRow.started_at)
                .join(MeetingRow, col(MeetingRow.id) == col(TrialActionRow.meeting_id))
                .where(still_open)
                .order_by(col(MeetingRow.started_utc), col(TrialActionRow.pk))
            )
            if meeting_id is not None:
                query = query.where(TrialActionRow.meeting_id != meeting_id)
            if before is not None:
                query = query.where(MeetingRow.started_utc < before)
            return [rowmap.to_trial_action(row, started) for row, started in session.exec(query)]

    def earlier_evaluations(self, meeting_id: str, ids: list[str]) -> dict[str, Evaluation]:
        with Session(self.engine) as session:
            return followup.last_evaluations(session, meeting_id, ids)

    def trial_action(self, action_id: str) -> TrialAction | None:
        with Session(self.engine) as session:
            found = session.exec(
                select(TrialActionRow, MeetingRow.started_at)
                .join(MeetingRow, col(MeetingRow.id) == col(TrialActionRow.meeting_id))
                .where(TrialActionRow.id == action_id)
            ).first()
            return rowmap.to_trial_action(*found) if found else None

    def trial_action_ids(self) -> set[str]:
        with Session(self.engine) as session:
            return set(session.exec(select(TrialActionRow.id)))
