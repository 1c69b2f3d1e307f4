"""A Select whose open list says its keys in the user's language, like the rest of the footer."""

from __future__ import annotations

from textual.widgets import Select

from refleksionsrum.core.i18n import t
from refleksionsrum.tui.internals import SelectOverlay
from refleksionsrum.tui.keys import relabel


class RoomSelect(Select[str]):
    """Select, with "Luk listen" in the footer where Textual says "Dismiss menu"."""

    def on_mount(self) -> None:
        for overlay in self.query(SelectOverlay):
            relabel(overlay, "dismiss", t("key.close_list"))
