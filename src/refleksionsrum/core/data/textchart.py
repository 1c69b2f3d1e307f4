"""A run chart drawn in terminal cells: braille lines, point marks, the median, trial-action marks.

Plain data out (rows of characters, each with what it shows), so the command line prints it
and the screen colours it; no charting library is loaded for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from refleksionsrum.core.data.runs import PartAnalysis

# Braille dot bits by (column, row) inside a cell of 2 x 4 dots.
_DOTS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
_BRAILLE = 0x2800


class Ink(StrEnum):
    """What a cell of the chart shows; the screen gives each its own colour."""

    BLANK = "blank"
    AXIS = "axis"
    LABEL = "label"
    LINE = "line"
    POINT = "point"
    SIGNAL = "signal"
    MEDIAN = "median"
    MEDIAN_SIGNAL = "median-signal"
    ACTION = "action"


Row = list[tuple[str, Ink]]


@dataclass(frozen=True)
class ChartInput:
    """What the chart shows: values in time order, their parts, labels, trial-action points."""

    values: tuple[float, ...]
    parts: tuple[PartAnalysis, ...]
    first_label: str = ""
    last_label: str = ""
    actions: tuple[int, ...] = ()


def draw(chart: ChartInput, width: int, height: int, fmt: Callable[[float], str]) -> list[Row]:
    """The chart in ``width`` x ``height`` cells (at least 20 x 5)."""
    width, height = max(width, 20), max(height, 5)
    values = chart.values
    medians = [part.median for part in chart.parts]
    low = min(*values, *medians)
    high = max(*values, *medians)
    if high == low:
        low, high = low - 1, high + 1
    labels = {fmt(high), fmt(low), *(fmt(m) for m in medians)}
    gutter = max(len(text) for text in labels) + 1
    # The top row carries the trial-action marks; without any, or in a low chart where
    # every row counts, it goes to the plot (the dotted column still marks the point).
    marks_row = bool(chart.actions) and height >= 8
    plot_w, plot_h = width - gutter - 1, height - (2 if marks_row else 1)
    dots_w, dots_h = plot_w * 2, plot_h * 4
    n = len(values)

    scale = _Scale(0.0 if n == 1 else (dots_w - 1) / (n - 1), high, (dots_h - 1) / (high - low))
    dot_x, dot_y = scale.x, scale.y

    bits = [[0] * plot_w for _ in range(plot_h)]
    ink = [[Ink.BLANK] * plot_w for _ in range(plot_h)]
    signal = set().union(*(part.signal_points() for part in chart.parts))

    def plot(x: int, y: int, hot: bool) -> None:
        row, col = y // 4, x // 2
        bits[row][col] |= _DOTS[x % 2][y % 4]
        if hot or ink[row][col] is Ink.BLANK:
            ink[row][col] = Ink.SIGNAL if hot else Ink.LINE

    for part in chart.parts:
        _draw_part(part, values, signal, scale, plot)
    rows = _cells(bits, ink)
    for part in chart.parts:
        _median(rows, part, dot_x, dot_y(part.median) // 4)
    if n <= plot_w // 2:
        # Few points: each gets a visible mark, bigger than a braille dot, for the back row.
        for i, y in enumerate(values):
            mark = Ink.SIGNAL if i in signal else Ink.POINT
            rows[dot_y(y) // 4][dot_x(i) // 2] = ("●", mark)
    top: Row = [(" ", Ink.BLANK)] * plot_w
    for i in chart.actions:
        col = dot_x(i) // 2
        top[col] = ("▼", Ink.ACTION)
        for row in rows:
            if row[col][1] is Ink.BLANK:
                row[col] = ("┊", Ink.ACTION)
    out: list[Row] = [[(" ", Ink.BLANK)] * (gutter + 1) + top] if marks_row else []
    label_rows = {0: fmt(high), plot_h - 1: fmt(low)}
    for m in medians:
        label_rows.setdefault(dot_y(m) // 4, fmt(m))
    for r, row in enumerate(rows):
        text = label_rows.get(r, "").rjust(gutter - 1) + " "
        axis = "┤" if r in label_rows else "│"
        out.append([(c, Ink.LABEL) for c in text] + [(axis, Ink.AXIS)] + row)
    out.append(_x_axis(chart, gutter, plot_w))
    return out


@dataclass(frozen=True)
class _Scale:
    """From a point's number and value to a dot: x = i * per_point, y = (top - v) * per_unit."""

    per_point: float
    top: float
    per_unit: float

    def x(self, i: int) -> int:
        return round(i * self.per_point)

    def y(self, value: float) -> int:
        return round((self.top - value) * self.per_unit)


def _draw_part(
    part: PartAnalysis,
    values: tuple[float, ...],
    signal: set[int],
    scale: _Scale,
    plot: Callable[[int, int, bool], None],
) -> None:
    # Points that fall in one dot column are drawn as one vertical stroke, so ten
    # thousand rows cost as much as the chart is wide. The scale is inlined (the same
    # formulas as _Scale.x and .y): this loop runs once per row of the file.
    per_point, top, per_unit = scale.per_point, scale.top, scale.per_unit
    columns: list[list[int]] = []  # [x, first y, last y, low y, high y, hot]
    column = [-1, 0, 0, 0, 0, 0]
    for i in range(part.first, part.last + 1):
        x = round(i * per_point)
        y = round((top - values[i]) * per_unit)
        if x == column[0]:
            column[2] = y
            if y < column[3]:
                column[3] = y
            elif y > column[4]:
                column[4] = y
            if i in signal:
                column[5] = 1
        else:
            column = [x, y, y, y, y, 1 if i in signal else 0]
            columns.append(column)
    previous: list[int] | None = None
    for column in columns:
        x, first, _, low, high, hot = column
        for y in range(low, high + 1):
            plot(x, y, bool(hot))
        if previous is not None:
            _line(previous[0], previous[2], x, first, bool(hot and previous[5]), plot)
        previous = column


def _line(
    x0: int, y0: int, x1: int, y1: int, hot: bool, plot: Callable[[int, int, bool], None]
) -> None:
    """Bresenham's line between two dots."""
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    while True:
        plot(x0, y0, hot)
        if x0 == x1 and y0 == y1:
            return
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy


def _cells(bits: list[list[int]], ink: list[list[Ink]]) -> list[Row]:
    return [
        [
            (chr(_BRAILLE + b), kind) if b else (" ", Ink.BLANK)
            for b, kind in zip(row_bits, row_ink, strict=True)
        ]
        for row_bits, row_ink in zip(bits, ink, strict=True)
    ]


def _median(rows: list[Row], part: PartAnalysis, dot_x: Callable[[int], int], row: int) -> None:
    # A signal shows as a dashed centre line, as qicharts2 draws it.
    char, kind = ("╌", Ink.MEDIAN_SIGNAL) if part.signal else ("─", Ink.MEDIAN)
    for col in range(dot_x(part.first) // 2, dot_x(part.last) // 2 + 1):
        if rows[row][col][1] is Ink.BLANK:
            rows[row][col] = (char, kind)


def _x_axis(chart: ChartInput, gutter: int, plot_w: int) -> Row:
    line = [" "] * plot_w
    first, last = chart.first_label[: plot_w // 2 - 1], chart.last_label[: plot_w // 2 - 1]
    line[: len(first)] = first
    if last:
        line[plot_w - len(last) :] = last
    return [(" ", Ink.BLANK)] * (gutter + 1) + [(c, Ink.LABEL) for c in line]


def plain_lines(rows: list[Row]) -> list[str]:
    """The chart as text lines, for the command line."""
    return ["".join(char for char, _ in row).rstrip() for row in rows]
