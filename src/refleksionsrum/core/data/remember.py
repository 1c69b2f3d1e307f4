"""Keep the [[data_shown]] table in the store as the data review shows each source."""

from __future__ import annotations

from datetime import datetime

from refleksionsrum.core.data.shown import TABLE, record
from refleksionsrum.core.data.views import DataView
from refleksionsrum.core.models import Meeting
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.tomltext.writer import fields


def mark_shown(store: Store, meeting: Meeting, view: DataView, when: datetime) -> bool:
    """Note in the meeting (and the store) that ``view`` was shown; False if already noted.

    One entry per source: the first showing counts, flipping back and forth adds nothing.
    """
    raw = meeting.extra.get(TABLE)
    entries = list(raw) if isinstance(raw, list) else []
    if any(isinstance(e, dict) and e.get("name") == view.source.name for e in entries):
        return False
    entries.append(record(view, when))
    meeting.extra[TABLE] = entries
    save_extra(store, meeting)
    return True


def save_extra(store: Store, meeting: Meeting) -> None:
    """Store the meeting's extra keys, counted in its revision like every write."""
    store.save_extra(meeting.id, fields(meeting.extra) if meeting.extra else "")
