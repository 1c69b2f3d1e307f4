"""Drafts: text typed but not yet recorded, stored within a second so a crash cannot take it."""

from __future__ import annotations

import json

from sqlmodel import Session, col, delete, select

from refleksionsrum.core.store.database import Store
from refleksionsrum.core.store.tables import DraftRow


class Drafts:
    """Save, read and drop the drafts of one meeting, as one screen of it typed them.

    ``scope`` keeps the facilitator's and the note-taker's half-typed lines apart:
    both type into the same phase of the same meeting, and neither may see, extend or
    drop the other's line. The facilitator's scope is empty (the keys as they were
    before there was a note-taker), a note-taker's its role's name.
    """

    def __init__(self, store: Store, meeting_id: str, scope: str = "") -> None:
        self.store = store
        self.meeting_id = meeting_id
        self.prefix = f"{scope}/" if scope else ""

    def _key(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def save(self, key: str, fields: dict[str, str]) -> None:
        """Store what is typed now; an all-empty draft is dropped instead."""
        if not any(value.strip() for value in fields.values()):
            self.drop(key)
            return
        row = DraftRow(
            meeting_id=self.meeting_id,
            key=self._key(key),
            fields_json=json.dumps(fields, ensure_ascii=False),
        )
        with self.store.writing() as session:
            session.merge(row)

    def get(self, key: str) -> dict[str, str]:
        with Session(self.store.engine) as session:
            row = session.get(DraftRow, (self.meeting_id, self._key(key)))
            return dict(json.loads(row.fields_json)) if row else {}

    def pending(self) -> list[str]:
        """This scope's keys (a scoped key has a '/'; the facilitator's keys have none)."""
        with Session(self.store.engine) as session:
            query = select(DraftRow.key).where(DraftRow.meeting_id == self.meeting_id)
            keys = list(session.exec(query))
        if self.prefix:
            return [k.removeprefix(self.prefix) for k in keys if k.startswith(self.prefix)]
        return [k for k in keys if "/" not in k]

    def drop(self, key: str) -> None:
        # Through writing(): a lock or a full disk is a StoreError the screens word, as
        # for save(), not a raw OperationalError.
        with self.store.writing() as session:
            session.exec(
                delete(DraftRow)
                .where(col(DraftRow.meeting_id) == self.meeting_id)
                .where(col(DraftRow.key) == self._key(key))
            )
