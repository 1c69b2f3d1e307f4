"""Presentation mode for the projector: phase, big countdown, one prompt, the latest items."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from refleksionsrum.core.i18n import t
from refleksionsrum.core.kinds import Recording
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.tui.clockview import TimeBox
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.keys import relabel
from refleksionsrum.tui.roomscreen import RoomScreen
from refleksionsrum.tui.text import literal

# How many of the latest items the room sees: a laptop's screen, a projector's.
LATEST_SHORT = 3
LATEST_TALL = 5


class PresentationScreen(RoomScreen):
    """What the room reads from five metres: nothing but the essentials."""

    # In the footer's order: what the facilitator needs most first (see RoomFooter).
    BINDINGS = [
        Binding("ctrl+n", "phase(1)", "key.next_phase", priority=True),
        Binding("ctrl+t", "toggle_pause", "key.pause", priority=True),
        Binding("f5,escape", "leave", "key.leave_present"),
        Binding("right,space", "prompt(1)", "key.next_prompt"),
        Binding("left", "prompt(-1)", "key.previous_prompt"),
        Binding("ctrl+r", "phase(-1)", "key.previous_phase", priority=True),
        Binding("f2", "add_time(1)", "key.add1"),
        Binding("f3", "add_time(5)", "key.add5"),
    ]

    def __init__(self, room: MeetingRoom) -> None:
        super().__init__(room)
        self.prompt_index = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="present"):
            yield Static(id="present-phase")
            yield TimeBox(self.room, big=True, id="present-timebox")
            yield Static(id="present-prompt")
            yield Static(id="present-items")
        yield RoomFooter()

    def on_mount(self) -> None:
        self.show()
        self.set_interval(0.25, self.refresh_clock)

    def on_resize(self) -> None:
        # The breakpoint classes (-tall) arrive with the first resize.
        self.show()

    def refresh_clock(self) -> None:
        warning_ms = round(self.rr.workspace.config.warning_minutes * 60_000)
        self.query_one(TimeBox).refresh_time(warning_ms)
        relabel(
            self, "toggle_pause", t("key.resume" if not self.room.timer.running else "key.pause")
        )

    def show(self) -> None:
        room = self.room
        phases = room.meeting.phases
        head = literal(room.phase.title.upper(), "bold")
        head.append(
            f"   {t('present.phase_of', n=room.timer.current + 1, total=len(phases))}", style="dim"
        )
        self.query_one("#present-phase", Static).update(head)
        phase_text = room.phase_template()
        prompts = phase_text.prompts if phase_text else ()
        prompt = Text()
        if prompts:
            self.prompt_index %= len(prompts)
            prompt.append_text(literal(prompts[self.prompt_index], "bold"))
            position = t("present.prompt_of", n=self.prompt_index + 1, total=len(prompts))
            prompt.append(f"\n{position}", style="dim")
        self.query_one("#present-prompt", Static).update(prompt)
        # One line each, the newest last: the room reads the latest, not a wall of text.
        items = Text(no_wrap=True, overflow="ellipsis")
        for line in self.latest_items():
            items.append("• ")
            items.append_text(literal(" ".join(line.split())))
            items.append("\n")
        items.rstrip()
        self.query_one("#present-items", Static).update(items)
        self.refresh_clock()

    def latest_items(self) -> list[str]:
        room = self.room
        latest = LATEST_TALL if self.has_class("-tall") else LATEST_SHORT
        if room.records is Recording.FOLLOWUP:
            actions = self.rr.guarded(room.open_trial_actions) or []
            return [a.title for a in actions][-latest:]
        lines = [n.text for n in room.notes_here()]
        if room.records is Recording.NEXT:
            lines += [d.text for d in room.meeting.decisions]
            lines += [a.title for a in room.meeting.trial_actions]
        return lines[-latest:]

    def action_prompt(self, step: int) -> None:
        self.prompt_index += step
        self.show()

    def action_phase(self, step: int) -> None:
        move = self.room.next_phase if step > 0 else self.room.previous_phase
        # The same guard as the meeting screen's: a refused write is a message.
        if self.rr.guarded(move):
            self.prompt_index = 0
            self.show()

    def action_toggle_pause(self) -> None:
        self.rr.guarded(self.room.toggle_pause)
        self.refresh_clock()

    def action_add_time(self, minutes: int) -> None:
        self.rr.guarded(lambda: self.room.add_time(minutes))
        self.refresh_clock()

    def action_leave(self) -> None:
        self.dismiss(None)
