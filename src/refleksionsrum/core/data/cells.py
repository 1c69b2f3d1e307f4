"""Cells as Danish systems export them: decimal commas, thousands marks, dates in four shapes."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

# A cell as a reader gives it: text from CSV; numbers, dates or text from Excel.
Cell = str | float | int | bool | date | datetime | None

# Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in).
_EXCEL_EPOCH = date(1899, 12, 30)
# Serials from 1950 to 2100: a bare number in a date column outside these is not a date.
_SERIAL_RANGE = (18264, 73051)
_DMY = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_COMMA_DECIMAL = re.compile(r"^[-+]?\d{1,3}(\.\d{3})*,\d+$|^[-+]?\d+,\d+$")
_DOT_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+$")
_SIMPLE = re.compile(r"^[-+]?\d+(\.\d+)?$")
_PLAIN = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$")


def cell_text(cell: Cell) -> str:
    """A cell as the user would read it in a message or as a period label."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def decimal_mark(cells: list[Cell]) -> str:
    """',' when the column writes decimals with a comma (then a dot groups thousands)."""
    for cell in cells:
        if isinstance(cell, str) and _COMMA_DECIMAL.match(_clean(cell)):
            return ","
    return "."


def _clean(text: str) -> str:
    # Percent signs and spaces (also the no-break ones Excel writes) are decoration.
    return _SPACES.sub("", text.strip().rstrip("%").replace("\u2212", "-"))


def parse_number(cell: Cell, mark: str = ".") -> float | None:
    """The number in ``cell``; None for an empty cell. Raises ValueError for text."""
    if isinstance(cell, str):
        return _number_text(cell, mark)
    if cell is None:
        return None
    if isinstance(cell, bool | date):
        raise ValueError(cell)
    value = float(cell)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(cell)
    return value


def _number_text(cell: str, mark: str) -> float | None:
    text = cell.strip()
    if not text:
        return None
    # The common case first, one float() call: "85,5" in a comma column, "85.5" otherwise.
    # (In a comma column a dot groups thousands, so "1.234" takes the long way.)
    simple = text if mark == "." else (None if "." in text else text.replace(",", "."))
    if simple is not None and _SIMPLE.match(simple):
        return float(simple)
    text = _clean(text)
    if not text:
        return None
    if mark == ",":
        if _DOT_THOUSANDS.match(text) or "," in text:
            text = text.replace(".", "").replace(",", ".")
    elif "," in text and "." in text:
        # 1,234.5: the comma groups thousands.
        text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    if not _PLAIN.match(text):
        raise ValueError(cell)
    return float(text)


def parse_date(cell: Cell) -> date | None:
    """The date in ``cell`` (dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, an Excel date), else None."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int | float):
        return _serial(float(cell))
    text = cell.strip()
    try:
        # dd-mm-yyyy and dd.mm.yyyy as Danish systems write them, sliced without a regex.
        if len(text) == 10 and text[2] in "-./" and text[5] == text[2]:
            return date(int(text[6:]), int(text[3:5]), int(text[:2]))
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return date(int(text[:4]), int(text[5:7]), int(text[8:]))
        found = _YMD.match(text)
        if found:
            return date(int(found[1]), int(found[2]), int(found[3]))
        found = _DMY.match(text)
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        return None
    if text.isdigit():
        return _serial(float(text))
    return None


def _serial(value: float) -> date | None:
    low, high = _SERIAL_RANGE
    if not low <= value <= high:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(value))
