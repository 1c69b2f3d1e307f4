"""Writes of a meeting's items; a save of an item that changed since it was opened is refused."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from refleksionsrum.core.models import Decision, Evaluation, Note, TrialAction
from refleksionsrum.core.store import rowmap
from refleksionsrum.core.store.engine import StoreError
from refleksionsrum.core.store.followup import refresh_closed
from refleksionsrum.core.store.tables import DecisionRow, EvaluationRow, NoteRow, TrialActionRow

Item = Note | Decision | TrialAction
T = TypeVar("T")
K = TypeVar("K", Note, Decision, TrialAction)
Saved = TypeVar("Saved", TrialActionRow, EvaluationRow)


class EditConflict(StoreError):
    """The item was changed by someone else since ``expected`` was read; ``current`` is now."""

    def __init__(self, current: Item) -> None:
        super().__init__("store.conflict")
        self.current = current


def _note_fields(note: Note) -> tuple[Any, ...]:
    return (note.text, note.source, str(note.kind))


def _action_fields(action: TrialAction) -> tuple[Any, ...]:
    return (
        action.title,
        action.owner,
        action.due,
        action.prediction,
        action.measure,
        action.development_point,
        action.adapted_from,
    )


class ItemKept(StoreError):
    """The item was deleted elsewhere while it was edited here: kept as a new item."""

    def __init__(self, item: Item) -> None:
        super().__init__("notice.item_kept")
        self.item = item


def kept_if_deleted(update: Callable[[], T], anew: Callable[[], K], kept: list[K]) -> T:
    """``update()``; if its item was deleted elsewhere meanwhile (store.no_item), ``anew()``
    stores it as a new item, appended to ``kept`` (the read model), and ItemKept says so:
    what was typed is never lost to someone else's delete."""
    try:
        return update()
    except StoreError as error:
        if error.key != "store.no_item":
            raise
        item = anew()
        kept.append(item)
        raise ItemKept(item) from None


def _put(session: Session, row: Saved, existing: Saved | None, action_id: str) -> Saved:
    """Insert ``row``, or write it over ``existing`` (keeping its primary key); then
    the trial action ``action_id`` is closed or open again as its evaluations now say."""
    if existing is not None:
        row.pk = existing.pk
        row = session.merge(row)
    session.add(row)
    session.flush()
    refresh_closed(session, {action_id})
    return row


class ItemWrites:
    """The item side of the store: ``store.items``, writing through the store's transactions.

    ``write(meeting_id)`` is Store._write: one transaction that bumps the revision of
    every meeting it touched, so a live view never misses an item written here.
    """

    def __init__(self, write: Callable[..., AbstractContextManager[Session]]) -> None:
        self._write = write

    def _item(self, session: Session, table: Any, pk: int | None) -> Any:
        """The row of an item, its meeting counted as written to; store.no_item if gone."""
        row = session.get(table, pk)
        if row is None:
            raise StoreError("store.no_item", id=pk)
        session.info["touched"].add(row.meeting_id)
        return row

    # -- notes and decisions -------------------------------------------------------------

    def _add(self, meeting_id: str, row: NoteRow | DecisionRow) -> int | None:
        """Insert a new item's row; its primary key (the item's id)."""
        try:
            with self._write(meeting_id) as session:
                session.add(row)
                session.flush()
                return row.pk
        except IntegrityError:
            # The one constraint a new item's row can break: its meeting is not there.
            raise StoreError("store.no_meeting", id=meeting_id) from None

    def add_note(self, meeting_id: str, note: Note) -> Note:
        return replace(note, id=self._add(meeting_id, rowmap.note_row(meeting_id, note)))

    def update_note(self, note: Note, expected: Note | None = None) -> None:
        """Store ``note``'s text; with ``expected``, only if the stored note still equals it."""
        with self._write() as session:
            row = self._item(session, NoteRow, note.id)
            if expected is not None:
                current = rowmap.to_note(row)
                if _note_fields(current) != _note_fields(expected):
                    raise EditConflict(current)
            row.text, row.source, row.kind = note.text, note.source, str(note.kind)
            session.add(row)

    def delete_note(self, note_id: int) -> None:
        with self._write() as session:
            session.delete(self._item(session, NoteRow, note_id))

    def add_decision(self, meeting_id: str, decision: Decision) -> Decision:
        row = DecisionRow(
            meeting_id=meeting_id,
            text=decision.text,
            created_at=rowmap.iso(decision.created_at) or "",
        )
        return replace(decision, id=self._add(meeting_id, row))

    def update_decision(self, decision: Decision, expected: Decision | None = None) -> None:
        with self._write() as session:
            row = self._item(session, DecisionRow, decision.id)
            if expected is not None and row.text != expected.text:
                raise EditConflict(rowmap.to_decision(row))
            row.text = decision.text
            session.add(row)

    def delete_decision(self, decision_id: int) -> None:
        with self._write() as session:
            session.delete(self._item(session, DecisionRow, decision_id))

    # -- trial actions and evaluations -------------------------------------------------------

    def save_trial_action(
        self, meeting_id: str, action: TrialAction, expected: TrialAction | None = None
    ) -> TrialAction:
        """Add a trial action, or update the one with the same id.

        With ``expected`` (the action as the form opened it) the update is refused
        when the stored action differs from it, and store.no_item when it is gone.
        """
        with self._write(meeting_id) as session:
            existing = session.exec(
                select(TrialActionRow).where(TrialActionRow.id == action.id)
            ).first()
            if expected is not None:
                if existing is None:
                    raise StoreError("store.no_item", id=action.id)
                current = rowmap.to_trial_action(existing)
                if _action_fields(current) != _action_fields(expected):
                    raise EditConflict(current)
            _put(session, rowmap.trial_action_row(meeting_id, action), existing, action.id)
        return replace(action, meeting_id=meeting_id)

    def delete_trial_action(self, action_id: str) -> None:
        with self._write() as session:
            for row in session.exec(select(TrialActionRow).where(TrialActionRow.id == action_id)):
                session.info["touched"].add(row.meeting_id)
            session.exec(delete(TrialActionRow).where(col(TrialActionRow.id) == action_id))

    def save_evaluation(self, meeting_id: str, evaluation: Evaluation) -> Evaluation:
        """Record this meeting's evaluation of a trial action; one per action per meeting."""
        with self._write(meeting_id) as session:
            existing = session.exec(
                select(EvaluationRow)
                .where(EvaluationRow.meeting_id == meeting_id)
                .where(EvaluationRow.trial_action == evaluation.trial_action)
            ).first()
            row = rowmap.evaluation_row(meeting_id, evaluation)
            row = _put(session, row, existing, evaluation.trial_action)
            return replace(evaluation, id=row.pk)

    def delete_evaluation(self, meeting_id: str, trial_action: str) -> None:
        with self._write(meeting_id) as session:
            session.exec(
                delete(EvaluationRow)
                .where(col(EvaluationRow.meeting_id) == meeting_id)
                .where(col(EvaluationRow.trial_action) == trial_action)
            )
            session.flush()
            refresh_closed(session, {trial_action})
