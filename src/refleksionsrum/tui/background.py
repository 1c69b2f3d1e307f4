"""Reads for the screens across meetings, off the UI thread: the screen is drawn first.

A screen asks; the store is read in a thread worker; the answer is shown on the UI
thread, unless a newer question was asked meanwhile or the screen is gone. Keys go on
being handled while the read runs (typing in a filter, changing tabs, Escape).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from textual.screen import Screen

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
