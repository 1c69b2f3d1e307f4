"""Countdown digits scaled to the space they get, for a projector read across the room."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

# A 5x5 block font; each glyph is drawn with the widget's colour.
_FONT = {
    "0": ("████", "█  █", "█  █", "█  █", "████"),
    "1": ("  █ ", " ██ ", "  █ ", "  █ ", " ███"),
    "2": ("████", "   █", "████", "█   ", "████"),
    "3": ("████", "   █", " ███", "   █", "████"),
    "4": ("█  █", "█  █", "████", "   █", "   █"),
    "5": ("████", "█   ", "████", "   █", "████"),
    "6": ("████", "█   ", "████", "█  █", "████"),
    "7": ("████", "   █", "  █ ", " █  ", " █  "),
    "8": ("████", "█  █", "████", "█  █", "████"),
    "9": ("████", "█  █", "████", "   █", "████"),
    ":": ("    ", " ██ ", "    ", " ██ ", "    "),
    "+": ("    ", " █  ", "███ ", " █  ", "    "),
}
GLYPH_ROWS = 5
GLYPH_COLS = 5  # four columns and a gap


def render_big(value: str, scale: int) -> list[str]:
    """The lines that draw ``value`` at ``scale`` (each cell becomes scale x scale)."""
    rows = []
    for row in range(GLYPH_ROWS):
        line = " ".join(_FONT.get(char, _FONT["0"])[row] for char in value)
        wide = "".join(cell * (2 * scale) for cell in line)
        rows.extend([wide] * scale)
    return rows


class BigDigits(Widget):
    """Like Textual's Digits, but as large as its container allows."""

    value: reactive[str] = reactive("00:00")

    def __init__(self, value: str = "00:00", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.value = value

    def update(self, value: str) -> None:
        self.value = value

    def scale(self) -> int:
        # Terminal cells are about twice as tall as wide, so each font cell is two
        # columns wide; leave one spare row and column so nothing is cut off.
        width_per_scale = (len(self.value) * GLYPH_COLS - 1) * 2
        by_width = max(1, (self.size.width - 1) // max(1, width_per_scale))
        by_height = max(1, (self.size.height - 1) // GLYPH_ROWS)
        return max(1, min(by_width, by_height))

    def render(self) -> Text:
        lines = render_big(self.value, self.scale())
        width = len(lines[0]) if lines else 0
        left = " " * max(0, (self.size.width - width) // 2)
        top = [""] * max(0, (self.size.height - len(lines)) // 2)
        return Text("\n".join(top + [left + line for line in lines]), no_wrap=True)
