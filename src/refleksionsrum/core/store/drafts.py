"""Drafts: text typed but not yet recorded, stored within a second so a crash cannot take it."""

from __future__ import annotations

import json

from sqlmodel import Session, col, delete, select

from refleksionsrum.core.store.database import Store
from refleksionsrum.core.store.tables import DraftRow


class Drafts:
    """Save, read and drop the drafts of one meeting."""

    def __init__(self, store: Store, meeting_id: str) -> None:
        self.store = store
        self.meeting_id = meeting_id

    def save(self, key: str, fields: dict[str, str]) -> None:
        """Store what is typed now; an all-empty draft is dropped instead."""
        if not any(value.strip() for value in fields.values()):
            self.drop(key)
            return
        row = DraftRow(
            meeting_id=self.meeting_id, key=key, fields_json=json.dumps(fields, ensure_ascii=False)
        )
        with self.store.writing() as session:
            session.merge(row)

    def get(self, key: str) -> dict[str, str]:
        with Session(self.store.engine) as session:
            row = session.get(DraftRow, (self.meeting_id, key))
            return dict(json.loads(row.fields_json)) if row else {}

    def pending(self) -> list[str]:
        with Session(self.store.engine) as session:
            query = select(DraftRow.key).where(DraftRow.meeting_id == self.meeting_id)
            return list(session.exec(query))

    def drop(self, key: str) -> None:
        with Session(self.store.engine) as session:
            session.exec(
                delete(DraftRow)
                .where(col(DraftRow.meeting_id) == self.meeting_id)
                .where(col(DraftRow.key) == key)
            )
            session.commit()
