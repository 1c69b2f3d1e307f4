"""A screen for reading one long text, Escape to go back: a trial action's story, the referat."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget

from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.keys import translate_bindings


class ReadingView(ModalScreen[None]):
    """The text in a scrolling box (its id styles it), over the screen it was opened from."""

    BINDINGS = [Binding("escape", "dismiss", "key.back")]

    def __init__(self, box_id: str, *content: Widget) -> None:
        super().__init__()
        translate_bindings(self)
        self.box_id = box_id
        self.content = content

    def body(self) -> Iterable[Widget]:
        """What the box holds; a view that reads its text when shown gives it here."""
        return self.content

    def compose(self) -> ComposeResult:
        with VerticalScroll(id=self.box_id):
            yield from self.body()
        yield RoomFooter()
