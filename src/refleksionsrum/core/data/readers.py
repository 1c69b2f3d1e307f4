"""Read a CSV or Excel file into a header and rows of cells, with one clear error for bad files."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from refleksionsrum.core.data.cells import Cell, cell_text
from refleksionsrum.core.errors import FileProblem
from refleksionsrum.core.tomltext.positions import Position

MAX_BYTES = 20 * 1024 * 1024
# The encodings Danish systems write, tried in order; Windows-1252 leaves five bytes
# undefined, so a file in another encoding usually fails it instead of turning to nonsense.
_ENCODINGS = ("utf-8-sig", "cp1252")


class DataProblem(FileProblem):
    """A data file cannot be charted; the message names the file, row and column."""

    def __init__(
        self, path: Path, message_key: str, /, *, position: Position | None = None, **params: Any
    ) -> None:
        super().__init__(path, message_key, position=position, hint="data.hint", **params)


@dataclass(frozen=True)
class Table:
    """A sheet: column names and rows, each with the row number a spreadsheet would show."""

    path: Path
    columns: tuple[str, ...]
    rows: list[tuple[int, list[Cell]]]

    def column(self, name: str) -> int:
        """The index of the column ``name`` (spaces and case aside); DataProblem if absent."""
        wanted = name.strip().casefold()
        for index, column in enumerate(self.columns):
            if column.strip().casefold() == wanted:
                return index
        known = ", ".join(f"'{c}'" for c in self.columns if c) or "-"
        raise DataProblem(self.path, "data.unknown_column", column=name, known=known)


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The first sheet (or ``sheet``) of a .xlsx file, or a CSV file's rows."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataProblem(path, "data.not_found") from None
    except OSError as error:
        raise DataProblem(path, "data.unreadable", reason=error.strerror or str(error)) from None
    if size > MAX_BYTES:
        raise DataProblem(path, "data.too_large", limit=MAX_BYTES // (1024 * 1024))
    if size == 0:
        raise DataProblem(path, "data.empty")
    grid = _excel_rows(path, sheet) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    return _table(path, grid)


def _table(path: Path, grid: list[list[Cell]]) -> Table:
    # The header is the first row with something in it; rows above it are titles or blank.
    start = next((i for i, row in enumerate(grid) if _filled(row)), None)
    if start is None:
        raise DataProblem(path, "data.empty")
    columns = tuple(cell_text(c) for c in grid[start])
    rows = [(number + 1, row) for number, row in enumerate(grid) if number > start and _filled(row)]
    if not rows:
        raise DataProblem(path, "data.empty")
    return Table(path, columns, rows)


def _filled(row: list[Cell]) -> bool:
    return any(c is not None and (not isinstance(c, str) or c.strip()) for c in row)


def _csv_rows(path: Path) -> list[list[Cell]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataProblem(path, "data.unreadable", reason=error.strerror or str(error)) from None
    text = _decode(path, raw)
    first = next((line for line in text.splitlines() if line.strip()), "")
    # The header line tells the separator: Danish Excel writes ';', others ',' or a tab.
    delimiter = max(";\t,", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [list(row) for row in reader]
    except csv.Error as error:
        raise DataProblem(
            path, "data.bad_csv", position=Position(reader.line_num, 1), reason=str(error)
        ) from None


def _decode(path: Path, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export.
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise DataProblem(path, "data.encoding") from None
    if b"\x00" in raw[:4096]:
        raise DataProblem(path, "data.encoding")
    for encoding in _ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataProblem(path, "data.encoding")


def _excel_rows(path: Path, sheet: str | None) -> list[list[Cell]]:
    # Imported here: only a workspace with an Excel source pays for loading it.
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises several kinds for a file that is not xlsx
        raise DataProblem(path, "data.not_excel", reason=_reason(error)) from None
    names = list(book.sheet_names)
    if sheet is not None and sheet not in names:
        known = ", ".join(f"'{name}'" for name in names) or "-"
        raise DataProblem(path, "data.no_sheet", sheet=sheet, known=known)
    if not names:
        raise DataProblem(path, "data.empty")
    try:
        found = book.get_sheet_by_name(sheet if sheet is not None else names[0])
        rows = [
            [_excel_cell(cell) for cell in row] for row in found.to_python(skip_empty_area=False)
        ]
    except Exception as error:
        raise DataProblem(path, "data.not_excel", reason=_reason(error)) from None
    return rows


def _excel_cell(cell: object) -> Cell:
    # A time of day or a duration is not a value to chart; as text it gets a clear error.
    if cell is None or isinstance(cell, str | float | int | date):
        return cell
    return str(cell)


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:120] if text else type(error).__name__
