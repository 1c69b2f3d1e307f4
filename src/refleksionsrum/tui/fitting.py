"""Placeholders that fit their field: the hint in parentheses goes before a word is cut."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Input


def fitted(text: str, width: int) -> str:
    """``text`` if it fits ``width`` cells, else without its closing hint ("(Enter gemmer)").

    "Ny beslutning (Enter" at 80 columns read as a broken sentence; "Ny beslutning" is
    whole, and Enter is what every entry line does.
    """
    if cell_len(text) <= width:
        return text
    short, hint, _ = text.rpartition(" (")
    return short if hint else text


class FittingPlaceholder(Input):
    """An Input whose placeholder is fitted to its width, again each time that changes."""

    wanted_placeholder = ""

    def fit(self, placeholder: str) -> None:
        """Show ``placeholder``, or as much of it as reads whole in the field's width."""
        self.wanted_placeholder = placeholder
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        if not self.wanted_placeholder:
            self.wanted_placeholder = self.placeholder  # as the field was made
        width = self.content_size.width
        # Not laid out yet: the whole text, fitted once the field has its width.
        shown = fitted(self.wanted_placeholder, width) if width > 0 else self.wanted_placeholder
        if self.placeholder != shown:
            self.placeholder = shown


def set_placeholder(field: Input, placeholder: str) -> None:
    """A field's placeholder: fitted where the field can fit it."""
    if isinstance(field, FittingPlaceholder):
        field.fit(placeholder)
    else:
        field.placeholder = placeholder
