"""A footer that shows only the key hints that fit, whole, in the order the screen lists them."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

from refleksionsrum.tui.internals import FooterKey, footer_ready

# A hint is drawn as " key description " with one more space before the next.
_HINT_PADDING = 3


def hint_width(key_display: str, description: str) -> int:
    """Columns one hint takes in the footer."""
    return cell_len(key_display) + cell_len(description) + _HINT_PADDING


def fitting(widths: list[int], room: int) -> list[bool]:
    """Which hints to show: in order, each one that still fits whole; the rest are left out.

    A hint cut at the right edge reads as a different key (\"f6 Kontr\"): better none.
    """
    shown = []
    used = 0
    for width in widths:
        fits = used + width <= room
        shown.append(fits)
        if fits:
            used += width
    return shown


class RoomFooter(Footer):
    """Footer whose hints are never cut off at the right edge (80 columns and up).

    It is also redrawn only when what it shows changes: Textual's footer rebuilds
    its keys on every focus change, each key styled twice (compact on, then off).
    """

    _shown: tuple[object, ...] | None = None

    def _showing(self) -> tuple[object, ...]:
        hints = tuple(
            (binding.key, binding.description, enabled)
            for (_, binding, enabled, _) in self.screen.active_bindings.values()
            if binding.show
        )
        return (self.app.size.width, self.compact, hints)

    def compose(self) -> ComposeResult:
        if footer_ready(self):
            self._shown = self._showing()
        keys = list(super().compose())
        hints = [k for k in keys if isinstance(k, FooterKey)]
        shown = fitting(
            [hint_width(k.key_display, k.description) for k in hints], self.app.size.width
        )
        hidden = {id(k) for k, show in zip(hints, shown, strict=True) if not show}
        for key in hints:
            # Born with the footer's compact, not FooterKey's own default (True).
            key.set_reactive(FooterKey.compact, self.compact)
        yield from (k for k in keys if id(k) not in hidden)

    async def recompose(self) -> None:
        if self.is_attached and footer_ready(self) and self._showing() == self._shown:
            return
        await super().recompose()

    def on_resize(self, event: events.Resize) -> None:
        if footer_ready(self):
            self.call_after_refresh(self.recompose)
