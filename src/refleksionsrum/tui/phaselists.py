"""The recorded items, one list per phase, kept mounted: a phase change shows another list.

Redrawing one list with the next phase's rows made Textual measure and render every
label anew (30 rows: most of a phase change). A list kept for each phase has its rows
laid out and rendered already when the room comes back to it; the rows are still
brought up to date on each showing (items.sync_rows touches only what changed).
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from textual.containers import Vertical
from textual.widgets import ListView

from refleksionsrum.tui.internals import after_frame
from refleksionsrum.tui.items import Row, sync_rows

ITEMS = "items"
# Between filling one hidden phase's list and the next: keys typed meanwhile come first.
HIDDEN_FILL_S = 0.05


def _list_id(phase: int) -> str:
    return f"{ITEMS}-{phase}"


class PhaseLists(Vertical):
    """A ListView per phase (class ``items``); only the shown phase's is displayed."""

    def __init__(self, phases: int, shown: int) -> None:
        # Held here by phase: a query would walk every row of every list.
        self._lists = {n: ListView(id=_list_id(n), classes=ITEMS) for n in range(phases)}
        for n, items in self._lists.items():
            items.display = n == shown
        super().__init__(*self._lists.values(), id=ITEMS)
        self._shown = shown
        # Lists given their phase's rows at least once: the shown one is filled by the
        # screen as it shows it (show_phase), the others while hidden (fill_hidden).
        self._filled: set[int] = {shown}

    def unfilled(self) -> list[int]:
        """The phases whose lists have never had their rows, the next ones first."""
        later = sorted(n for n in self._lists if n not in self._filled and n > self._shown)
        return later + sorted(n for n in self._lists if n not in self._filled and n < self._shown)

    def _attached(self, phase: int) -> ListView | None:
        items = self._lists.get(phase)
        return items if items is not None and items.is_attached else None

    @property
    def shown(self) -> ListView | None:
        """The list of the phase on screen (None while the screen is being taken down)."""
        return self._attached(self._shown)

    async def show(self, phase: int) -> ListView:
        """Display ``phase``'s list (mounted first if the agenda grew) and hide the others."""
        wanted = self._lists.get(phase)
        if wanted is None:
            wanted = self._lists[phase] = ListView(id=_list_id(phase), classes=ITEMS)
            wanted.display = False
            await self.mount(wanted)
        if phase != self._shown:
            old = self._lists.get(self._shown)
            wanted.display = True
            if old is not None:
                old.display = False
            self._shown = phase
        self._filled.add(phase)
        return wanted

    def fill_hidden(self, rows_of: Callable[[int], list[Row]]) -> None:
        """After the next frame, give each hidden list its phase's rows, one a frame,
        the next phases first: the room's first look at a phase (moving on through the
        agenda) then changes only the rows that changed since, in the frame of its title."""
        after_frame(self.screen, lambda: self._fill_next(rows_of))

    def _fill_next(self, rows_of: Callable[[int], list[Row]]) -> None:
        waiting = self.unfilled()
        if not self.is_attached or not waiting:
            return
        self._filled.add(waiting[0])
        items = self._attached(waiting[0])
        if items is not None:
            sync_rows(items, rows_of(waiting[0]))
        if len(waiting) > 1:
            self.set_timer(HIDDEN_FILL_S, lambda: self._fill_next(rows_of))
        else:
            # The screen's widgets live as long as the meeting: out of the collector's
            # sight, as what the app loaded is (app.on_workspace_loaded). A full
            # collection took 34 ms of a phase change, about one in eight (traced).
            gc.freeze()
