"""A data source's points in time order: the value column as numbers, the date column as dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from refleksionsrum.core.data.cells import cell_text, decimal_mark, parse_date, parse_number
from refleksionsrum.core.data.readers import DataProblem, Table, read_table
from refleksionsrum.core.tomltext.positions import Position


class Point(NamedTuple):
    """One measurement: its label (a date or a period as written), its date, its value."""

    label: str
    y: float
    when: date | None = None
    row: int = 0


@dataclass(frozen=True)
class Series:
    """The points of one value column, oldest first when the rows carry dates."""

    path: Path
    value: str
    points: tuple[Point, ...]

    @property
    def dated(self) -> bool:
        return bool(self.points) and all(p.when is not None for p in self.points)


def read_series(
    path: Path, value: str, date: str | None = None, sheet: str | None = None
) -> Series:
    """Read ``value`` (and ``date``) from ``path``; DataProblem naming file, row and column."""
    return series_of(read_table(path, sheet), value, date)


def series_of(table: Table, value: str, date_column: str | None = None) -> Series:
    value_at = table.column(value)
    date_at = table.column(date_column) if date_column else None
    mark = decimal_mark([row[value_at] for _, row in table.rows if value_at < len(row)])
    points: list[Point] = []
    column = table.columns[value_at]
    for number, row in table.rows:
        cell = row[value_at] if value_at < len(row) else None
        try:
            y = parse_number(cell, mark)
        except ValueError:
            raise DataProblem(
                table.path,
                "data.not_number",
                position=Position(number, value_at + 1),
                row=number,
                column=column,
                text=cell_text(cell)[:60],
            ) from None
        if y is None:
            continue  # an empty cell is a period without a measurement
        if date_at is None:
            points.append(Point(str(len(points) + 1), y, None, number))
        else:
            raw = row[date_at] if date_at < len(row) else None
            points.append(Point(cell_text(raw), y, parse_date(raw), number))
    if not points:
        raise DataProblem(table.path, "data.no_values", column=column)
    if date_at is not None and all(p.when is not None for p in points):
        # Exports often list the newest first; a run chart reads left to right in time.
        # (Sorting rows already in order costs one pass.)
        points.sort(key=lambda p: (p.when, p.row))
        points = [p._replace(label=p.when.isoformat()) for p in points if p.when is not None]
    elif date_at is not None:
        # Periods that are not all dates ("2024-01", "Uge 3") keep the file's order and labels.
        points = [p._replace(when=None) for p in points]
    return Series(table.path, table.columns[value_at], tuple(points))
