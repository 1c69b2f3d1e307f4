"""Bare Textual apps for the key benchmarks: an Input to type in, a panel redrawn on a key.

python bare_keys.py input | panel
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input, Static

READY = "Bare keys app is ready"
PANELS = ("Panel A is shown now", "Panel B is shown now")


class BareInput(App[None]):
    """Header, a ready line, one Input with the focus, Footer."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY)
        yield Input(placeholder="type here")
        yield Footer()


class BarePanel(App[None]):
    """Ctrl+N switches a Static's text: the yardstick for a redraw on a key."""

    BINDINGS = [("ctrl+n", "switch", "Switch"), ("ctrl+r", "switch", "Switch back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY)
        yield Static(PANELS[0], id="panel")
        yield Footer()

    def action_switch(self) -> None:
        panel = self.query_one("#panel", Static)
        shown = str(panel.render())
        panel.update(PANELS[1] if PANELS[0] in shown else PANELS[0])


if __name__ == "__main__":
    (BareInput if sys.argv[1:] == ["input"] else BarePanel)().run()
