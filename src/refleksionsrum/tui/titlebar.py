"""The top line of every screen: the app's title and the screen's, centred, in one widget.

Textual's Header is four widgets (the header, its icon, its title and a clock's space),
styled and drawn in each screen's first frame: 33 of the start screen's 1,202 million
instructions to its first frame, for one line of text. It also finds its title widget
by query in a callback that outlives it, which ended the app when a screen was taken
down between a title's change and the callback (NoMatches). This one draws the line
itself, laid out as Header lays it out.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
# Header's columns: the icon in 8 at the left, 10 kept for a clock at the right.
_LEFT = 8
_RIGHT = 10


class TitleBar(Widget):
    """One line: an icon at the left; the app's or screen's title and sub-title centred."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def titles(self) -> Content:
        """What the line says: the screen's titles, else the app's, as Header says them."""
        screen, app = self.screen, self.app
        return app.format_title(screen.title or app.title, screen.sub_title or app.sub_title)

    def render(self) -> RenderResult:
        width = self.size.width
        middle = max(width - _LEFT - _RIGHT, 0)
        title = self.titles().truncate(middle, ellipsis=True)
        before = (middle - title.cell_length) // 2
        after = middle - title.cell_length - before
        icon = Content(f" {ICON}").pad_right(_LEFT - 2)
        return Content.assemble(icon, title.pad(before, after), " " * _RIGHT)
