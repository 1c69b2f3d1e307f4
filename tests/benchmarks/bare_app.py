"""A bare Textual app (Header, Static, Footer): the yardstick for first screen and memory."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

# What the benchmark polls the terminal for: shown only once the screen is drawn.
READY_TEXT = "Bare Textual app is ready"


class BareApp(App[None]):
    """Header, one Static, Footer: nothing else."""

    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY_TEXT)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
