"""Reads for the screens across meetings, off the UI thread: the screen is drawn first.

A screen asks; the store is read in a thread worker; the answer is shown on the UI
thread, unless a newer question was asked meanwhile or the screen is gone. Keys go on
being handled while the read runs (typing in a filter, changing tabs, Escape).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from textual.widgets import DataTable

if TYPE_CHECKING:
    from textual.screen import Screen

    from refleksionsrum.core.history.page import Page
    from refleksionsrum.core.store.database import Store, StoreError
    from refleksionsrum.tui.app import RefleksionsrumApp

T = TypeVar("T")


class Reader:
    """One screen's reads, one line of them: the newest question's answer is the one shown."""

    def __init__(self, screen: Screen[None], group: str) -> None:
        self.screen = screen
        self.group = group
        self.asked = 0
        self.answered = 0

    @property
    def busy(self) -> bool:
        return self.answered < self.asked

    def read(self, fetch: Callable[[Store], T], show: Callable[[T], object]) -> None:
        """``fetch(store)`` in a worker, then ``show(answer)`` on the UI thread."""
        from refleksionsrum.core.store.database import StoreError

        app: RefleksionsrumApp = self.screen.app  # type: ignore[assignment]
        store = app.store
        assert store is not None
        self.asked += 1
        asked = self.asked

        def work() -> None:
            try:
                answer = fetch(store)
            except StoreError as error:
                self._call(app, self._failed, asked, error)
                return
            self._call(app, self._answer, asked, show, answer)

        self.screen.run_worker(work, thread=True, group=self.group)

    @staticmethod
    def _call(app: RefleksionsrumApp, *call: object) -> None:
        # The app may be closing: nobody is waiting for the answer any more.
        with contextlib.suppress(RuntimeError):
            app.call_from_thread(*call)  # type: ignore[arg-type]

    def _current(self, asked: int) -> bool:
        if asked != self.asked or not self.screen.is_attached:
            return False
        self.answered = asked
        return True

    def _answer(self, asked: int, show: Callable[[T], object], answer: T) -> None:
        if self._current(asked):
            show(answer)

    def _failed(self, asked: int, error: StoreError) -> None:
        if self._current(asked):
            app: RefleksionsrumApp = self.screen.app  # type: ignore[assignment]

            def refuse() -> None:
                raise error

            app.guarded(refuse)


# A long history has thousands of rows: a page of them is read at a time, off the UI
# thread, and the next as the cursor nears the end (AHEAD rows before it).
PAGE = 100
AHEAD = 30


class Keyed(Protocol):
    """A row of a paged table: its id is the table's row key."""

    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=Keyed)


@dataclass(eq=False)
class PagedTable(Generic[R]):
    """A DataTable filled a page at a time through the screen's Reader.

    The screen says how to ask for the page from an offset on (``ask``, on the UI
    thread, so it reads the screen's tab or filter as it is now), how to draw a
    page's new rows (``draw``, given the page too) and what screen Enter on a row
    opens (``opens``, given the row's id).
    """

    reader: Reader
    table_id: str
    ask: Callable[[int], Callable[[Store], Page[R]]]
    draw: Callable[[DataTable[Any], list[R], Page[R]], None]
    opens: Callable[[str], Screen[None]]
    # What was read so far, and how many rows there are in all.
    shown: list[R] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    count: int = 0

    @property
    def table(self) -> DataTable[Any]:
        return self.reader.screen.query_one(self.table_id, DataTable)

    def restart(self) -> None:
        """Empty the table and read its first page (another tab, another filter)."""
        self.shown = []
        self.ids.clear()
        self.count = 0
        self.table.clear()
        self.read(0)

    def read(self, offset: int) -> None:
        self.reader.read(self.ask(offset), self._fill)

    def _fill(self, page: Page[R]) -> None:
        # Added while the table handles a message of its own, so that its idle, right
        # after, measures the columns before a frame draws the rows: added from the
        # worker's callback, a frame could draw them at the old widths and keep them cut.
        self.table.call_later(self._add_rows, page, self.reader.asked)

    def _add_rows(self, page: Page[R], asked: int) -> None:
        if asked != self.reader.asked:
            return  # asked again meanwhile (another tab, another filter)
        # A row added meanwhile moves the rest down a place: no row twice.
        fresh = [row for row in page.rows if row.id not in self.ids]
        self.draw(self.table, fresh, page)
        self.shown += fresh
        self.ids.update(row.id for row in fresh)
        self.count = page.count
        if fresh:
            self.reader.screen.call_after_refresh(self.near_end)  # a short page: the next at once

    def row_event(self, event: DataTable.RowHighlighted | DataTable.RowSelected) -> None:
        """The screen's table moved its cursor (maybe near the end), or Enter chose a row."""
        if isinstance(event, DataTable.RowHighlighted):
            self.near_end()
        elif event.row_key.value:
            self.reader.screen.app.push_screen(self.opens(str(event.row_key.value)))

    def near_end(self) -> None:
        """The next page once the cursor is near the last row read (or the page was short)."""
        shown = len(self.shown)
        near = self.table.cursor_row >= shown - AHEAD
        if near and shown < self.count and not self.reader.busy:
            self.read(shown)
