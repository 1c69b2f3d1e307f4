"""The start screen's template chooser: one line, opened into a list below it.

Textual's Select is six widgets (the value, its label, two arrows and the list), all
styled and drawn in the start screen's first frame: 8 ms of it. The chooser is one
widget; its list is made when it is opened, on a screen of its own over the start screen.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.keys import translate_bindings

ARROW = " ▼"


class TemplateChooser(Widget, can_focus=True):
    """The chosen template on one line; Enter, Space, an arrow key or a click opens the list."""

    DEFAULT_CSS = """
    TemplateChooser {
        width: 1fr;
        height: 3;
        padding: 0 2;
        border: tall $border-blurred;
        background: $surface;
        color: $foreground;
        pointer: pointer;
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
        }
    }
    """

    BINDINGS = [Binding("enter,space,down,up", "open", show=False)]

    value: var[str] = var("", init=False)
    """The chosen template's key."""

    class Changed(Message):
        """Another template was chosen."""

        def __init__(self, chooser: TemplateChooser, value: str) -> None:
            super().__init__()
            self.chooser = chooser
            self.value = value

        @property
        def control(self) -> TemplateChooser:
            return self.chooser

    def __init__(self, options: list[tuple[Text, str]], value: str, *, id: str | None = None):
        super().__init__(id=id)
        self.options = options
        self.set_reactive(TemplateChooser.value, value)

    def label(self) -> Text:
        """The chosen template as the list shows it."""
        return next((label for label, key in self.options if key == self.value), Text(self.value))

    def render(self) -> Text:
        width = self.content_size.width
        line = self.label().copy()
        line.truncate(max(width - len(ARROW), 1), overflow="ellipsis")
        line.pad_right(max(width - len(ARROW) - line.cell_len, 0))
        line.append(ARROW, style="dim")
        return line

    def watch_value(self) -> None:
        self.refresh()

    def action_open(self) -> None:
        self.app.push_screen(TemplateList(self), self._chosen)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_open()

    def _chosen(self, key: str | None) -> None:
        self.focus()
        if key is not None and key != self.value:
            self.value = key
            self.post_message(self.Changed(self, key))


class TemplateList(ModalScreen[str | None]):
    """The templates, as wide as the longest and just below the chooser; Escape closes."""

    # Its styles are in app.tcss, by id: the app's "ModalScreen" rule there (centred)
    # beats any DEFAULT_CSS and, later in the file, a rule by type.

    BINDINGS = [Binding("escape", "close", "key.close_list")]

    def __init__(self, chooser: TemplateChooser) -> None:
        super().__init__(id="template-list")
        translate_bindings(self)
        self.chooser = chooser

    def compose(self) -> ComposeResult:
        options = [Option(label, id=key) for label, key in self.chooser.options]
        yield OptionList(*options)
        yield RoomFooter()

    def on_mount(self) -> None:
        listed = self.query_one(OptionList)
        below = self.chooser.region
        listed.styles.offset = (below.x, below.bottom)
        # Never narrower than the field; wider where a template's title needs it
        # ("Organisatorisk niveau · 180 min" wrapped at 80 columns in the field's width).
        listed.styles.min_width = below.width
        keys = [key for _, key in self.chooser.options]
        if self.chooser.value in keys:
            listed.highlighted = keys.index(self.chooser.value)
        listed.focus()

    @on(OptionList.OptionSelected)
    def _choose(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)

    def on_click(self, event: events.Click) -> None:
        # A click beside the list closes it, as beside Textual's own drop-down.
        if event.widget is self:
            self.dismiss(None)
