"""A screen styled as it is mounted, and again when shown only if the theme changed since."""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.screen import Screen


class StyleKeepingScreen(Screen[Any]):
    """Screen whose showing restyles every widget only after a change of theme (F6).

    Textual restyles a screen's every widget each time it is shown. A screen shown right
    after it was mounted was styled a moment ago: the start screen's first frame styled
    its widgets twice (35 of the 137 stylings before it), a kept form each time it
    opened (9 of the 30 ms it took). A theme changed while the screen was away does
    need it: a theme change restyles the screens on the stack, not one kept aside.

    After the screen class it refines among the bases (``Form(ModalScreen, StyleKeepingScreen)``):
    Textual's CSS type names follow the first base only.
    """

    _styled_in: str | None = None

    @on(events.Mount)
    def _styled_as_mounted(self) -> None:
        # Besides the screen's own on_mount: Textual calls each class's handlers.
        self._styled_in = self.app.theme

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler, which restyles if refresh_styles is set.
        theme = self.app.theme
        if theme == self._styled_in:
            event.refresh_styles = False
        self._styled_in = theme
