"""The app's way into the team's memory: the search index kept fresh, and the commands.

The index is updated in a thread worker once the store is open (never before the
first paint), and again whenever the search screen opens; screens ask for it here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from refleksionsrum.core.i18n import t

if TYPE_CHECKING:
    from refleksionsrum.core.search.indexer import Progress
    from refleksionsrum.tui.app import RefleksionsrumApp


# Between two batches of a first build: the facilitator's typing goes first.
BREATHE_S = 0.01


class Memory:
    """The index's state as screens see it, and the screens across meetings."""

    def __init__(self, app: RefleksionsrumApp) -> None:
        self.app = app
        self.ready = False
        self.progress: Progress | None = None
        self._running = False
        self._again = False
        self._waiting: list[Callable[[], object]] = []

    def update_index(self, then: Callable[[], object] | None = None) -> None:
        """Bring the index up to date in a worker; ``then`` runs on the UI thread after."""
        if then is not None:
            self._waiting.append(then)
        if self.app.store is None:
            return  # store_opened() starts it
        if self._running:
            self._again = True
            return
        self._running = True
        self.app.run_worker(self._update, thread=True, group="index")

    def store_opened(self) -> None:
        self.update_index()

    def _update(self) -> None:
        from refleksionsrum.core.search.indexer import update_index
        from refleksionsrum.core.store.database import StoreError

        store = self.app.store
        assert store is not None
        # A locked or full database: the next update tries again.
        with contextlib.suppress(StoreError):
            update_index(
                store, lambda p: self.app.call_from_thread(self._progressed, p), pause=BREATHE_S
            )
        self.app.call_from_thread(self._finished)

    def _progressed(self, progress: Progress) -> None:
        self.progress = progress
        self._tell_screen()

    def _finished(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.update_index()
            return
        self.ready = True
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()
        self._tell_screen()

    def _tell_screen(self) -> None:
        from refleksionsrum.tui.search import SearchScreen

        screen = self.app.screen
        if isinstance(screen, SearchScreen):
            screen.index_changed()

    # -- the screens ---------------------------------------------------------------------------

    def show_search(self, query: str = "") -> None:
        from refleksionsrum.tui.search import SearchScreen

        # At once, without waiting for the store: what is typed next goes into the query.
        self.app.push_screen(SearchScreen(query))

    def show_history(self) -> None:
        from refleksionsrum.tui.history import HistoryScreen

        self.app.load_store(lambda: self.app.push_screen(HistoryScreen()))

    def show_board(self) -> None:
        from refleksionsrum.tui.board import BoardScreen

        self.app.load_store(lambda: self.app.push_screen(BoardScreen()))

    def show_learning(self) -> None:
        from refleksionsrum.tui.learning import LearningScreen

        self.app.load_store(lambda: self.app.push_screen(LearningScreen()))

    def show_palette(self) -> None:
        if not CommandPalette.is_open(self.app):  # type: ignore[arg-type]
            self.app.push_screen(
                CommandPalette(providers=[MemoryCommands], placeholder=t("palette.placeholder"))
            )


class MemoryCommands(Provider):
    """The command palette's commands: search, history, board and learning log."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = self.app
        memory: Memory = app.memory  # type: ignore[attr-defined]
        yield t("command.search"), memory.show_search, t("search.help")
        yield t("command.history"), memory.show_history, t("history.title")
        yield t("command.board"), memory.show_board, t("board.title")
        yield t("command.learning"), memory.show_learning, t("learning.title")

    async def discover(self) -> Hits:
        for name, action, help_text in self._commands():
            yield DiscoveryHit(name, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)
