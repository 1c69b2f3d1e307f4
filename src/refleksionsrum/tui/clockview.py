"""The time box, the agenda and the meeting clock: read from PhaseClock, never counted."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.console import Group
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


class AgendaView(Static):
    """Every phase with time used and planned, where we are, and the meeting's clock."""

    def __init__(self, room: MeetingRoom, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.room = room
        self._shape: tuple[object, ...] | None = None

    def refresh_time(self) -> None:
        room, timer = self.room, self.room.timer
        widths: list[int] = []
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=1)
        table.add_column(ratio=1)
        table.add_column(justify="right", no_wrap=True)
        # The heading stands in the title column so it does not widen the times column.
        table.add_row("", Text(t("agenda.minutes_head"), style="dim", justify="right"), "")
        for index, phase in enumerate(room.meeting.phases):
            current = index == timer.current
            used = timer.elapsed_ms(index)
            mark = "▶" if current else ("✓" if used > 0 and index < timer.current else " ")
            style = "bold reverse" if current else ("dim" if index > timer.current else "")
            over = used > phase.budget_ms
            # Whole minutes used of the box: the time box shows the seconds.
            times = Text(
                f"{used // 60_000}/{phase.budget_ms // 60_000}",
                style="bold red" if over else style,
            )
            widths.append(len(times))
            table.add_row(Text(mark, style=style), literal(phase.title, style), times)
        totals = Table.grid(padding=(0, 1), expand=True)
        totals.add_column(ratio=1)
        totals.add_column(justify="right", no_wrap=True)
        now = room.clock.now()
        planned_end = room.meeting.started_at + timedelta(milliseconds=timer.planned_ms())
        projected = timer.projected_end(now)
        delta_min = round((projected - planned_end).total_seconds() / 60)
        totals.add_row(
            Text(t("agenda.meeting_clock")),
            Text(duration(timer.meeting_elapsed_ms()), style="bold"),
        )
        totals.add_row(Text(t("agenda.planned_end")), Text(clock_time(_nearest(planned_end))))
        totals.add_row(
            Text(t("agenda.projected_end")), Text(clock_time(_nearest(projected)), style="bold")
        )
        if delta_min:
            key = "agenda.over_plan" if delta_min > 0 else "agenda.under_plan"
            totals.add_row(
                Text(
                    t(key, minutes=abs(delta_min)), style="bold red" if delta_min > 0 else "green"
                ),
                "",
            )
        # Laid out again only when its height can have changed (a line more or less, a
        # wider times column): each second's layout cost every key typed meanwhile.
        shape = (len(room.meeting.phases), tuple(widths), bool(delta_min), self.size.width)
        self.update(Group(table, Text(""), totals), layout=shape != self._shape)
        self._shape = shape


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
