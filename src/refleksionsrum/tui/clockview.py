"""The time box, the agenda and the meeting clock: read from PhaseClock, never counted."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from rich.cells import cell_len
from rich.console import Console
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

    def on_resize(self) -> None:
        # Drawn for its width: the first drawing can come before the layout gives it one,
        # and with a form open on top (restored after a crash) no tick draws it again.
        self.refresh_time()

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

    def _show(self, part: str, shown: tuple[Any, int], draw: Callable[[Any, int], Text]) -> None:
        before = self._shown.get(part)
        if shown == before:
            return
        self._shown[part] = shown
        # Laid out again only when its height can have changed (a line more or less, a
        # wider times column): each second's layout cost every key typed meanwhile.
        layout = before is None or _shape(part, before) != _shape(part, shown)
        self.query_one(f"#{part}", Static).update(draw(*shown), layout=layout)


def _shape(part: str, shown: tuple[Any, ...]) -> object:
    """What the height of a part depends on (besides its width)."""
    content, width = shown
    if part == "agenda-phases":
        return (len(content), tuple(len(row[3]) for row in content), width)
    if part == "agenda-ends":
        # The minutes' digits can make the line wrap, at a narrow width.
        return (len(str(abs(content[2]))) if content[2] else 0, width)
    return (len(content), width)


# The agenda is drawn as lines of Text laid out here, not as rich Tables: Textual
# renders a Table through Rich's console (once to measure its height, once to draw),
# and the three tables were most of the rendering of a phase change.


def _phases_table(rows: tuple[tuple[str, str, str, str, bool], ...], width: int) -> Text:
    """Mark, title (wrapped under itself) and minutes right-aligned, a line per phase."""
    times_width = max((cell_len(row[3]) for row in rows), default=0)
    # Mark, a space, the title, a space, the times.
    title_width = max(width - times_width - 3, 1)
    head = Text(t("agenda.minutes_head"), style="dim")
    # The heading stands over the titles, at their right: it does not widen the times.
    lines = [Text.assemble(" " * max(title_width + 2 - head.cell_len, 0), head)]
    for mark, style, title, times, over in rows:
        shown_times = Text(times, style="bold red" if over else style)
        wrapped = literal(title, style).wrap(_console(), title_width)
        for n, part in enumerate(wrapped):
            part.rstrip()
            # The title's column is filled in its style: the current phase is one bar.
            fill = Text(" " * max(title_width - part.cell_len, 0), style=style)
            line = Text.assemble(Text(mark if n == 0 else " ", style=style), " ", part, fill)
            lines.append(Text.assemble(line, " ", shown_times) if n == 0 else line)
    return Text("\n").join(lines)


@functools.cache
def _console() -> Console:
    """A console for Text.wrap (left-justified wrapping writes nothing to it)."""
    return Console(file=io.StringIO(), width=80, color_system=None)


def _clock_line(clock: str, width: int) -> Text:
    return _label_and_value(Text(t("agenda.meeting_clock")), Text(clock, style="bold"), width)


def _label_and_value(label: Text, value: Text, width: int) -> Text:
    """The label at the left, the value at the right edge (after a space if it is narrow)."""
    gap = max(width - label.cell_len - value.cell_len, 1)
    return Text.assemble(label, " " * gap, value)


def _ends_table(ends: tuple[str, str, int], width: int) -> Text:
    planned_end, projected, delta_min = ends
    lines = [
        _label_and_value(Text(t("agenda.planned_end")), Text(planned_end), width),
        _label_and_value(Text(t("agenda.projected_end")), Text(projected, style="bold"), width),
    ]
    if delta_min:
        # Under the times, the panel's whole width: "24 min foran planen" must not be
        # cut to "24 min foran" by a times column beside it.
        key = "agenda.over_plan" if delta_min > 0 else "agenda.under_plan"
        style = "bold red" if delta_min > 0 else "green"
        lines.append(Text(t(key, minutes=abs(delta_min)), style=style))
    return Text("\n").join(lines)


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
