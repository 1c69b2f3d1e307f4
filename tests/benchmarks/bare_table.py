"""A bare Textual app whose key shows a 100-row table: the yardstick of the memory screens."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

ROWS = 100


class TableScreen(Screen[None]):
    """Header, a table of 100 meetings filled at mount, Footer: what a history needs at least."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self) -> None:
        super().__init__()
        self.filled = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in ("Dato", "Titel", "Skabelon"):
            table.add_column(column)
        for n in range(ROWS):
            when = f"{n % 28 + 1:02d}-11-2026 13:00"
            table.add_row(when, f"Møde {n}, familiebehandling", "familie")
        table.focus()
        self.filled = True


class TableApp(App[None]):
    """A Static until F7 opens the table screen."""

    BINDINGS = [Binding("f7", "table", "Table")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Bare Textual app")
        yield Footer()

    def action_table(self) -> None:
        self.push_screen(TableScreen())


if __name__ == "__main__":
    TableApp().run()
