"""The search screen: one line to type in, hits with their meeting, place and marked words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from refleksionsrum.core.i18n import short_date, t
from refleksionsrum.tui.appof import OurApp
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.keys import translate_bindings
from refleksionsrum.tui.text import literal
from refleksionsrum.tui.titlebar import TitleBar

if TYPE_CHECKING:
    from refleksionsrum.core.search.find import Hit

LIMIT = 200


def hit_line(hit: Hit) -> Text:
    """Two lines: date, meeting and place; then the snippet with the hits in bold."""
    kind = t(f"search.kind.{hit.kind.value}")
    place = hit.phase_title or kind
    if hit.phase_title and hit.phase_title.lower() != kind.lower():
        place = f"{hit.phase_title} · {kind}"
    line = Text.assemble(
        (f"{short_date(hit.started_at)}  ", "dim"),
        literal(hit.meeting_title, "bold"),
        (f" · {place}", "dim"),
        "\n  ",
    )
    snippet = literal(hit.snippet)
    for start, end in hit.marks:
        snippet.stylize("bold reverse", start, end)
    line.append_text(snippet)
    return line


class SearchScreen(Screen[None]):
    """Find text in every meeting; Enter opens the meeting at the hit."""

    BINDINGS = [Binding("escape", "dismiss", "key.back")]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        translate_bindings(self)
        self.initial = query
        self.hits: list[Hit] = []

    rr = OurApp()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="search", classes="panel"):
            yield Label(t("search.title"), classes="panel-title")
            yield Input(value=self.initial, placeholder=t("search.placeholder"), id="query")
            yield Static(t("search.help"), id="search-status", classes="hint")
            yield OptionList(id="hits")
        yield RoomFooter()

    def on_mount(self) -> None:
        self.sub_title = t("search.title")
        self.query_one("#query", Input).focus()
        # Meetings changed since the last update are taken in first, off the UI thread.
        self.rr.load_store(lambda: self.rr.memory.update_index(self.run_search))
        self.index_changed()

    def index_changed(self) -> None:
        memory = self.rr.memory
        if not memory.ready and memory.progress is not None:
            progress = memory.progress
            self._status(t("search.indexing", done=progress.done, total=progress.waiting))

    @on(Input.Changed, "#query")
    def run_search(self) -> None:
        from refleksionsrum.core.search.find import search
        from refleksionsrum.core.search.query import QueryError

        store = self.rr.store
        memory = self.rr.memory
        if store is None or not (memory.ready or memory.progress is not None):
            # The store is open before the index's tables are made (the first update
            # makes them, in a worker): a search then failed on a missing table. What
            # is typed waits; the update runs this search when it is done.
            return
        text = self.query_one("#query", Input).value
        try:
            self.hits = search(store, text, limit=LIMIT) if text.strip() else []
        except QueryError as error:
            self._status(t(error.key, **error.params), warning=True)
            return
        hits = self.query_one("#hits", OptionList)
        hits.clear_options()
        hits.add_options(
            [Option(hit_line(hit), id=str(index)) for index, hit in enumerate(self.hits)]
        )
        if not text.strip():
            self._status(t("search.help"))
        elif not self.hits:
            self._status(t("search.none"))
        elif len(self.hits) >= LIMIT:
            self._status(t("search.more", count=len(self.hits)))
        else:
            self._status(t("search.count", count=len(self.hits)))

    def _status(self, text: str, *, warning: bool = False) -> None:
        status = self.query_one("#search-status", Static)
        status.update(literal(text))
        status.set_class(warning, "warning")

    @on(Input.Submitted, "#query")
    def to_hits(self) -> None:
        hits = self.query_one("#hits", OptionList)
        if self.hits:
            hits.highlighted = 0
            hits.focus()

    @on(OptionList.OptionSelected, "#hits")
    def open_hit(self, event: OptionList.OptionSelected) -> None:
        from refleksionsrum.tui.history import RecordScreen

        hit = self.hits[int(event.option.id or 0)]
        self.app.push_screen(RecordScreen(hit.meeting_id, at=hit.where))
