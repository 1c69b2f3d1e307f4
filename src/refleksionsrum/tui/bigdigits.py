"""Countdown digits scaled to the space they get, for a projector read across the room."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

# A 5x5 block font, drawn as it looks: the glyphs of _CHARS side by side, each four
# columns wide with a space between. Each glyph is drawn with the widget's colour.
_CHARS = "0123456789:+"
_STRIP = (
    "████   █  ████ ████ █  █ ████ ████ ████ ████ ████          ",
    "█  █  ██     █    █ █  █ █    █       █ █  █ █  █  ██   █  ",
    "█  █   █  ████  ███ ████ ████ ████   █  ████ ████      ███ ",
    "█  █   █  █       █    █    █ █  █  █   █  █    █  ██   █  ",
    "████  ███ ████ ████    █ ████ ████  █   ████ ████          ",
)
_FONT = {
    char: tuple(row[5 * index : 5 * index + 4] for row in _STRIP)
    for index, char in enumerate(_CHARS)
}
GLYPH_ROWS = 5
GLYPH_COLS = 5  # four columns and a gap
# Each terminal row holds two font pixels (upper and lower half block), so the
# height grows in half rows: at 80x24 the digits can be 8 rows high, not only 5 or 10.
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
# A cell is about twice as tall as wide: a font pixel of sx columns and sy half
# rows is square when sx == sy. Glyphs may be up to this much taller or wider than
# square, so a wide, low screen or a narrow, tall one still gets large digits.
_STRETCH = 1.5


@dataclass(frozen=True)
class Scale:
    """Terminal columns and half rows per font pixel."""

    columns: int
    half_rows: int


def fit(value: str, width: int, height: int) -> Scale:
    """The largest scale at which ``value`` fits in ``width`` x ``height`` cells."""
    font_columns = max(1, len(value) * GLYPH_COLS - 1)
    columns = max(1, width // font_columns)
    half_rows = max(1, (2 * height) // GLYPH_ROWS)
    columns = min(columns, max(1, int(half_rows * _STRETCH)))
    half_rows = min(half_rows, max(1, int(columns * _STRETCH)))
    return Scale(columns, half_rows)


def render_big(value: str, scale: Scale) -> list[str]:
    """The lines that draw ``value`` at ``scale``."""
    pixels: list[str] = []
    for row in range(GLYPH_ROWS):
        line = " ".join(_FONT.get(char, _FONT["0"])[row] for char in value)
        pixels.extend([line] * scale.half_rows)
    if len(pixels) % 2:
        pixels.append(" " * len(pixels[0]))
    lines = []
    for upper, lower in zip(pixels[::2], pixels[1::2], strict=True):
        cells = (_HALVES[(a != " ", b != " ")] for a, b in zip(upper, lower, strict=True))
        lines.append("".join(cell * scale.columns for cell in cells))
    return lines


class BigDigits(Widget):
    """Like Textual's Digits, but as large as its container allows."""

    value: reactive[str] = reactive("00:00")

    def __init__(self, value: str = "00:00", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.value = value

    def update(self, value: str) -> None:
        self.value = value

    def scale(self) -> Scale:
        return fit(self.value, self.size.width, self.size.height)

    def render(self) -> Text:
        lines = render_big(self.value, self.scale())
        width = len(lines[0]) if lines else 0
        left = " " * max(0, (self.size.width - width) // 2)
        top = [""] * max(0, (self.size.height - len(lines)) // 2)
        return Text("\n".join(top + [left + line for line in lines]), no_wrap=True)
