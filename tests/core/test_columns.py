"""The store's column maps: every field of an item reaches its table's column and comes back."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest

from refleksionsrum.core import models as m
from refleksionsrum.core.store import columns, tables

OFFSET = timezone(timedelta(hours=1))
WHEN = datetime(2026, 3, 2, 9, 30, 15, tzinfo=OFFSET)

ITEMS: list[tuple[columns.ColumnMap[Any], type[Any], Any]] = [
    (
        columns.NOTES,
        tables.NoteRow,
        m.Note("reflection", m.NoteKind.REFLECTION, "Transport er en barriere", WHEN, "R", 7),
    ),
    (columns.DECISIONS, tables.DecisionRow, m.Decision("Vi ringer dagen før", WHEN, 3)),
    (
        columns.TRIAL_ACTIONS,
        tables.TrialActionRow,
        m.TrialAction(
            "ta-1",
            "Ring dagen før",
            "Mette",
            date(2026, 3, 16),
            "Flere møder op",
            "Fremmøde",
            development_point="Fremmøde",
            adapted_from="ta-0",
        ),
    ),
    (
        columns.EVALUATIONS,
        tables.EvaluationRow,
        m.Evaluation(
            "ta-1",
            m.CarriedOut.PARTLY,
            "Vi ringede til de fleste",
            "At ringe virker",
            m.Verdict.ADAPT,
            compared_to_prediction="Som ventet",
            id=5,
        ),
    ),
]


IDS = ["note", "decision", "trial_action", "evaluation"]


def _columns(table: type[Any]) -> set[str]:
    return {column.name for column in table.__table__.columns}


@pytest.mark.parametrize(("column_map", "table", "item"), ITEMS, ids=IDS)
def test_a_record_fills_every_column_of_the_items_table(
    column_map: columns.ColumnMap[Any], table: type[Any], item: Any
) -> None:
    # A field added to a model and not to its table (or the other way) fails here,
    # instead of being silently lost on the way to the database.
    record = column_map.record("m1", item)
    assert set(record) | {"pk"} >= _columns(table) - {"closed_by"}
    assert set(record) <= _columns(table)
    table(**record)  # the table takes it as it is


@pytest.mark.parametrize(("column_map", "table", "item"), ITEMS, ids=IDS)
def test_an_item_comes_back_from_its_row_unchanged(
    column_map: columns.ColumnMap[Any], table: type[Any], item: Any
) -> None:
    record = column_map.record("m1", item)
    assert all(not isinstance(v, datetime | date) for v in record.values())  # stored as text
    row = SimpleNamespace(pk=getattr(item, "id", None), **record)
    more = {"meeting_id": "m1"} if column_map is columns.TRIAL_ACTIONS else {}
    back = column_map.item(row, **more)
    if column_map is columns.TRIAL_ACTIONS:
        item.meeting_id = "m1"
    assert back == item


def test_times_keep_their_offset_and_the_second() -> None:
    record = columns.NOTES.record("m1", ITEMS[0][2])
    assert record["created_at"] == "2026-03-02T09:30:15+01:00"
    assert record["kind"] == "reflection" and type(record["kind"]) is str
