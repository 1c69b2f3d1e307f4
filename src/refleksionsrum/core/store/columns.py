"""One mapping between an item's fields and its table's columns, chosen by each field's type.

The store writes and reads notes, decisions, trial actions and evaluations through
these maps, so a field added to a model is written and read in one place: here its
type decides the conversion (a time as ISO text, an enum as its value). Kept free of
SQLModel: the quick paths read rows with plain sqlite3 before it is loaded.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, Generic, TypeVar

from refleksionsrum.core import models

Item = TypeVar("Item")
Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _seconds(value: datetime) -> str:
    # Session files and rows keep times to the second, with their offset.
    return value.isoformat(timespec="seconds")


def _converters(kind: Any) -> tuple[Convert, Convert]:
    """How a field of this type is written to its column, and read back from it."""
    optional = typing.get_origin(kind) in (typing.Union, types.UnionType)
    if optional:
        kind = next(k for k in typing.get_args(kind) if k is not type(None))
    write: Convert
    read: Convert
    if kind is datetime:
        write, read = _seconds, datetime.fromisoformat
    elif kind is date:
        write, read = date.isoformat, date.fromisoformat
    elif isinstance(kind, type) and issubclass(kind, Enum):
        write, read = str, kind
    else:
        return _same, _same
    if not optional:
        return write, read
    return (
        lambda value: None if value is None else write(value),
        lambda value: None if value is None else read(value),
    )


class ColumnMap(Generic[Item]):
    """The columns of one kind of item: which fields they hold and how each converts."""

    def __init__(self, model: type[Item], *, key: str | None, apart: tuple[str, ...] = ()):
        # key: the field that holds the row's own number (pk), given by the database;
        # apart: fields that are not columns of the item's table (or not written from it).
        hints = typing.get_type_hints(model)
        self.model = model
        self.key = key
        names = [
            f.name
            for f in dataclasses.fields(model)  # type: ignore[arg-type]
            if f.name != key and f.name not in apart
        ]
        pairs = [_converters(hints[name]) for name in names]
        self._write = tuple(zip(names, (write for write, _ in pairs), strict=True))
        self._read = tuple(zip(names, (read for _, read in pairs), strict=True))

    def record(self, meeting_id: str, item: Item) -> dict[str, Any]:
        """The item as plain column values of the meeting's row (for an INSERT)."""
        record = {name: write(getattr(item, name)) for name, write in self._write}
        record["meeting_id"] = meeting_id
        return record

    def item(self, row: Any, **more: Any) -> Item:
        """The item of a row (any object with the columns as attributes)."""
        values = {name: read(getattr(row, name)) for name, read in self._read}
        if self.key is not None:
            values[self.key] = row.pk
        return self.model(**values, **more)


NOTES = ColumnMap(models.Note, key="id")
DECISIONS = ColumnMap(models.Decision, key="id")
# Its id is the trial action's own ("T-..."); the meeting is the row's, given when
# written, and when it started comes from the meeting's row.
TRIAL_ACTIONS = ColumnMap(models.TrialAction, key=None, apart=("meeting_id", "meeting_started_at"))
# The title is the followed-up trial action's, looked up when a meeting is loaded.
EVALUATIONS = ColumnMap(models.Evaluation, key="id", apart=("title",))
