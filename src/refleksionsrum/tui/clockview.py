"""The time box, the agenda and the meeting clock: read from PhaseClock, never counted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Label, Static

from refleksionsrum.core.i18n import clock_time, duration, t
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.timer import TimeState
from refleksionsrum.tui.bigdigits import BigDigits
from refleksionsrum.tui.text import literal


def countdown_text(remaining_ms: int) -> str:
    """'04:12' while time is left, '+01:23' once the box runs over."""
    if remaining_ms < 0:
        return "+" + duration(-remaining_ms)
    # Round up: a box showing 00:00 has really run out.
    return duration(remaining_ms + 999)


class TimeBox(Vertical):
    """The current phase's countdown in large digits, coloured by how much is left."""

    def __init__(self, room: MeetingRoom, big: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.room = room
        self.big = big
        self._last_state: TimeState | None = None
        self._last_label: str | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="timebox-label")
        if self.big:
            # On the projector the digits take all the height they get (see bigdigits.py).
            yield BigDigits("00:00", id="timebox-big")
        else:
            yield Digits("00:00", id="timebox-digits")

    def refresh_time(self, warning_ms: int) -> TimeState:
        timer = self.room.timer
        state = timer.time_state(warning_ms)
        shown = countdown_text(timer.remaining_ms())
        label = t("time.paused") if not timer.running else t(f"time.{state.value}")
        if self.big:
            self.query_one(BigDigits).update(shown)
            # In the frame, not on a row of its own: the row goes to the digits.
            self.border_title = label
        else:
            self.query_one(Digits).update(shown)
            if label != self._last_label:
                # Only on a change: an update lays out the screen (every second, while typing).
                self._last_label = label
                self.query_one("#timebox-label", Label).update(label)
        for name in TimeState:
            self.set_class(state is name, f"-{name.value}")
        self.set_class(not timer.running, "-paused")
        previous, self._last_state = self._last_state, state
        return previous if previous is not None else state


class AgendaView(Vertical):
    """Every phase with time used and planned, where we are, and the meeting's clock.

    Three parts, each drawn again only when what it shows changed: the meeting's
    clock moves every second, the phases' minutes and the ends about once a minute.
    Drawing the whole agenda (two tables) every second was most of an idle view's work.
    """

    def __init__(self, room: MeetingRoom, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.room = room
        self._shown: dict[str, tuple[object, ...]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="agenda-phases")
        yield Static(id="agenda-clock")
        yield Static(id="agenda-ends")

    def refresh_time(self) -> None:
        room, timer = self.room, self.room.timer
        width = self.size.width
        rows = []
        for index, phase in enumerate(room.meeting.phases):
            current = index == timer.current
            used = timer.elapsed_ms(index)
            mark = "▶" if current else ("✓" if used > 0 and index < timer.current else " ")
            style = "bold reverse" if current else ("dim" if index > timer.current else "")
            # Whole minutes used of the box: the time box shows the seconds.
            times = f"{used // 60_000}/{phase.budget_ms // 60_000}"
            rows.append((mark, style, phase.title, times, used > phase.budget_ms))
        self._show("agenda-phases", (tuple(rows), width), _phases_table)
        clock = duration(timer.meeting_elapsed_ms())
        self._show("agenda-clock", (clock, width), _clock_line)
        now = room.clock.now()
        planned_end = room.meeting.started_at + timedelta(milliseconds=timer.planned_ms())
        projected = timer.projected_end(now)
        delta_min = round((projected - planned_end).total_seconds() / 60)
        ends = (clock_time(_nearest(planned_end)), clock_time(_nearest(projected)), delta_min)
        self._show("agenda-ends", (ends, width), _ends_table)

    def _show(
        self, part: str, shown: tuple[Any, ...], draw: Callable[[Any], RenderableType]
    ) -> None:
        before = self._shown.get(part)
        if shown == before:
            return
        self._shown[part] = shown
        # Laid out again only when its height can have changed (a line more or less, a
        # wider times column): each second's layout cost every key typed meanwhile.
        layout = before is None or _shape(part, before) != _shape(part, shown)
        self.query_one(f"#{part}", Static).update(draw(shown[0]), layout=layout)


def _shape(part: str, shown: tuple[Any, ...]) -> object:
    """What the height of a part depends on (besides its width)."""
    content, width = shown
    if part == "agenda-phases":
        return (len(content), tuple(len(row[3]) for row in content), width)
    if part == "agenda-ends":
        # The minutes' digits can make the line wrap, at a narrow width.
        return (len(str(abs(content[2]))) if content[2] else 0, width)
    return (len(content), width)


def _phases_table(rows: tuple[tuple[str, str, str, str, bool], ...]) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(width=1)
    table.add_column(ratio=1)
    table.add_column(justify="right", no_wrap=True)
    # The heading stands in the title column so it does not widen the times column.
    table.add_row("", Text(t("agenda.minutes_head"), style="dim", justify="right"), "")
    for mark, style, title, times, over in rows:
        shown_times = Text(times, style="bold red" if over else style)
        table.add_row(Text(mark, style=style), literal(title, style), shown_times)
    return table


def _totals() -> Table:
    totals = Table.grid(padding=(0, 1), expand=True)
    totals.add_column(ratio=1)
    totals.add_column(justify="right", no_wrap=True)
    return totals


def _clock_line(clock: str) -> Table:
    totals = _totals()
    totals.add_row(Text(t("agenda.meeting_clock")), Text(clock, style="bold"))
    return totals


def _ends_table(ends: tuple[str, str, int]) -> RenderableType:
    planned_end, projected, delta_min = ends
    totals = _totals()
    totals.add_row(Text(t("agenda.planned_end")), Text(planned_end))
    totals.add_row(Text(t("agenda.projected_end")), Text(projected, style="bold"))
    if not delta_min:
        return totals
    # Under the times, the panel's whole width: "24 min foran planen" must not be cut
    # to "24 min foran" by the times' column beside it.
    key = "agenda.over_plan" if delta_min > 0 else "agenda.under_plan"
    ahead = Text(t(key, minutes=abs(delta_min)), style="bold red" if delta_min > 0 else "green")
    return Group(totals, ahead)


def _nearest(moment: datetime) -> datetime:
    """Round to the nearest minute, so plan and projection agree when they should."""
    return (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)


def next_change_s(room: MeetingRoom) -> float:
    """Seconds until the countdown shows a different second (at most one second)."""
    if not room.timer.running:
        return 1.0
    remaining = room.timer.remaining_ms()
    # Counting down, the shown value (rounded up) changes when remaining crosses a
    # whole second; in overtime (counting up) likewise. A millisecond late, never early.
    step = remaining % 1000 if remaining > 0 else 1000 - (-remaining % 1000)
    return (step or 1000) / 1000 + 0.001
