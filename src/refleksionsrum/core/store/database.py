"""The system of record: every edit is committed to the database the moment it is made."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert, or_, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, SQLModel, col, delete, select

from refleksionsrum.core.models import (
    ClockState,
    Decision,
    Evaluation,
    Meeting,
    MeetingSummary,
    Note,
    PhaseRecord,
    TrialAction,
)
from refleksionsrum.core.store import followup, rowmap
from refleksionsrum.core.store.engine import IMMEDIATE, StoreError, make_engine, use_wal
from refleksionsrum.core.store.fileindex import FileIndex
from refleksionsrum.core.store.followup import delete_meeting_rows, evaluated_by, refresh_closed
from refleksionsrum.core.store.migrations import MIGRATIONS, recorded_version
from refleksionsrum.core.store.tables import (
    SCHEMA_VERSION,
    DecisionRow,
    EvaluationRow,
    MeetingRow,
    MetaRow,
    NoteRow,
    ParticipantRow,
    PhaseRow,
    TrialActionRow,
)

__all__ = ["Store", "StoreError"]


class Store:
    """All reads and writes of meetings; returns plain models, never live rows."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.files = FileIndex(self.engine, self.writing)
        try:
            # A database from a newer version is refused before anything is created
            # or converted in it, so that version can still use it as it left it.
            self._check_schema()
            use_wal(self.engine)
            self._open_schema()
        except OperationalError as error:
            self.engine.dispose()
            raise StoreError("store.unreachable", url=url, reason=str(error.orig)) from None
        except StoreError as error:
            self.engine.dispose()
            if error.key == "store.write_failed":
                raise StoreError("store.unreachable", url=url, **error.params) from None
            raise

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose transaction takes the write lock at once and commits at the end.

        BEGIN IMMEDIATE makes a second process wait (busy timeout) instead of
        failing when it would upgrade a read to a write: no "database is locked".
        """
        token = IMMEDIATE.set(True)
        try:
            with Session(self.engine) as session:
                yield session
                session.commit()
        except OperationalError as error:
            # A full disk, a read-only file, a lock held past the busy timeout: one
            # error the screens can catch, with the reason, instead of a driver's.
            raise StoreError("store.write_failed", reason=str(error.orig)) from None
        finally:
            IMMEDIATE.reset(token)

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction, committed at the end and counted in the revision."""
        with self.writing() as session:
            yield session
            session.exec(  # type: ignore[call-overload]
                text("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
            )

    def _check_schema(self) -> None:
        """Refuse a database whose schema is newer than this program; only reads."""
        with self.engine.connect() as connection:
            found = recorded_version(connection)
            connection.rollback()
        if found is not None and found > SCHEMA_VERSION:
            raise StoreError("store.newer_schema", found=found, known=SCHEMA_VERSION)

    def _open_schema(self) -> None:
        """Make the tables of a new database, or bring an older one up to SCHEMA_VERSION.

        Under the write lock, so two processes opening the same database at once
        cannot both migrate it.
        """
        with self.writing() as session:
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

    def revision(self) -> int:
        """A number that grows with every write, cheap to poll for changes."""
        with Session(self.engine) as session:
            row = session.get(MetaRow, "revision")
            return int(row.value) if row else 0

    # -- meetings ---------------------------------------------------------------------

    def save_meeting(self, meeting: Meeting) -> None:
        """Store a whole meeting, replacing any earlier copy with the same id."""
        try:
            with self._write() as session:
                touched = evaluated_by(session, meeting.id)
                delete_meeting_rows(session, meeting.id)
                session.add(rowmap.meeting_row(meeting))
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
        with self._write() as session:
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

    def end_meeting(self, meeting_id: str, ended_at: datetime) -> None:
        with self._write() as session:
            row = session.get(MeetingRow, meeting_id)
            if row is None:
                raise StoreError("store.no_meeting", id=meeting_id)
            row.ended_at = rowmap.iso(ended_at)
            row.running = False
            row.running_since = None
            session.add(row)

    def delete_meeting(self, meeting_id: str) -> None:
        with self._write() as session:
            touched = evaluated_by(session, meeting_id)
            delete_meeting_rows(session, meeting_id)
            session.flush()
            refresh_closed(session, touched)

    # -- items --------------------------------------------------------------------------

    def add_note(self, meeting_id: str, note: Note) -> Note:
        row = rowmap.note_row(meeting_id, note)
        with self._write() as session:
            session.add(row)
            session.flush()
            return replace(note, id=row.pk)

    def update_note(self, note: Note) -> None:
        with self._write() as session:
            row = _get(session, NoteRow, note.id)
            row.text, row.source, row.kind = note.text, note.source, str(note.kind)
            session.add(row)

    def delete_note(self, note_id: int) -> None:
        with self._write() as session:
            session.delete(_get(session, NoteRow, note_id))

    def add_decision(self, meeting_id: str, decision: Decision) -> Decision:
        row = DecisionRow(
            meeting_id=meeting_id,
            text=decision.text,
            created_at=rowmap.iso(decision.created_at) or "",
        )
        with self._write() as session:
            session.add(row)
            session.flush()
            return replace(decision, id=row.pk)

    def update_decision(self, decision: Decision) -> None:
        with self._write() as session:
            row = _get(session, DecisionRow, decision.id)
            row.text = decision.text
            session.add(row)

    def delete_decision(self, decision_id: int) -> None:
        with self._write() as session:
            session.delete(_get(session, DecisionRow, decision_id))

    def save_trial_action(self, meeting_id: str, action: TrialAction) -> TrialAction:
        """Add a trial action, or update the one with the same id."""
        with self._write() as session:
            existing = session.exec(
                select(TrialActionRow).where(TrialActionRow.id == action.id)
            ).first()
            row = rowmap.trial_action_row(meeting_id, action)
            if existing is not None:
                row.pk = existing.pk
                row = session.merge(row)
            session.add(row)
            session.flush()
            refresh_closed(session, {action.id})
        return replace(action, meeting_id=meeting_id)

    def delete_trial_action(self, action_id: str) -> None:
        with self._write() as session:
            session.exec(delete(TrialActionRow).where(col(TrialActionRow.id) == action_id))

    def save_evaluation(self, meeting_id: str, evaluation: Evaluation) -> Evaluation:
        """Record this meeting's evaluation of a trial action; one per action per meeting."""
        with self._write() as session:
            existing = session.exec(
                select(EvaluationRow)
                .where(EvaluationRow.meeting_id == meeting_id)
                .where(EvaluationRow.trial_action == evaluation.trial_action)
            ).first()
            row = rowmap.evaluation_row(meeting_id, evaluation)
            if existing is not None:
                row.pk = existing.pk
                row = session.merge(row)
            session.add(row)
            session.flush()
            refresh_closed(session, {evaluation.trial_action})
            return replace(evaluation, id=row.pk)

    def delete_evaluation(self, meeting_id: str, trial_action: str) -> None:
        with self._write() as session:
            session.exec(
                delete(EvaluationRow)
                .where(col(EvaluationRow.meeting_id) == meeting_id)
                .where(col(EvaluationRow.trial_action) == trial_action)
            )
            session.flush()
            refresh_closed(session, {trial_action})

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


def _get(session: Session, table: Any, pk: int | None) -> Any:
    row = session.get(table, pk)
    if row is None:
        raise StoreError("store.no_item", id=pk)
    return row
