"""The meeting screen: agenda, phase, prompts, time box, and what the room records."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Button, Input, Label, ListView, Static

from refleksionsrum.core.errors import StoreError
from refleksionsrum.core.i18n import t
from refleksionsrum.core.kinds import Recording
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.timer import TimeState
from refleksionsrum.tui import datadesk, notice
from refleksionsrum.tui.appof import OurApp
from refleksionsrum.tui.choices import ChoiceList
from refleksionsrum.tui.clockview import AgendaView, TimeBox, next_change_s
from refleksionsrum.tui.editing import ItemEditor
from refleksionsrum.tui.entry import Entry
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.forms import Confirm
from refleksionsrum.tui.heading import attached, show_heading
from refleksionsrum.tui.internals import SizeKeepingScreen
from refleksionsrum.tui.items import FollowUp, ItemRow, Pending, phase_rows, show_rows
from refleksionsrum.tui.keys import MEETING_BINDINGS, relabel_room_keys, room_key_offered
from refleksionsrum.tui.live import LiveRoom
from refleksionsrum.tui.messages import MeetingChanged
from refleksionsrum.tui.notice import PassingWord, notice_for, template_too_long, titles_for
from refleksionsrum.tui.phaselists import PhaseLists
from refleksionsrum.tui.phasestore import PhaseStore
from refleksionsrum.tui.sizing import prepare
from refleksionsrum.tui.storequeue import StoreQueue
from refleksionsrum.tui.stylekeeping import StyleKeepingScreen
from refleksionsrum.tui.text import literal
from refleksionsrum.tui.titlebar import TitleBar

R = TypeVar("R")


class MeetingScreen(SizeKeepingScreen, StyleKeepingScreen, Screen[None]):
    """The shared screen during a meeting."""

    BINDINGS = MEETING_BINDINGS

    def __init__(self, room: MeetingRoom) -> None:
        super().__init__()
        prepare(self)
        self.room = room
        self._shown_phase = -1
        self._told_no_notes = False
        self._next_tick: Timer | None = None
        # A passing word above the items (the meeting moved on).
        self.news = PassingWord(self, self.show_notice)
        self.store_queue = StoreQueue(self)
        self._phase_lock = asyncio.Lock()
        # Phase changes drawn, stored when the keys pause.
        self.phase_store = PhaseStore(self, lambda: self.guarded(self.room.checkpoint))
        # Each job its own object: entry line, item forms, the room kept in step with the store.
        self.entry = Entry(self)
        self.editor = ItemEditor(self)
        self.live = LiveRoom(self)

    rr = OurApp()

    def guarded(self, action: Callable[[], R]) -> R | None:
        """Run a store call; if the database refuses it, say so and keep going.

        What was typed stays where it is (on screen, in the form) to be saved
        again once the disk has room or the database can be written.
        """
        return self.rr.guarded(action)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="meeting-body"):
            with Vertical(id="agenda-panel", classes="panel"):
                yield Label(t("agenda.title"), classes="panel-title")
                yield AgendaView(self.room, id="agenda")
            with Vertical(id="phase-panel"):
                with Horizontal(id="phase-head"):
                    with Vertical(id="phase-text"):
                        yield Static(id="phase-title")
                        yield Static(id="phase-purpose")
                    yield TimeBox(self.room, id="timebox")
                yield Static(id="prompts")
                yield Static(id="notice")
                yield PhaseLists(len(self.room.meeting.phases), self.room.shown)
                yield Horizontal(id="entry")
        yield RoomFooter()

    async def on_mount(self) -> None:
        # Titles come from people and session files: show escapes, never send them.
        self.title, self.sub_title = titles_for(self.room)
        await self.show_phase()
        self.tick()
        self.editor.reopen_form_drafts()
        self.live.start()
        lists = attached(self, "items", PhaseLists)
        if lists is not None:
            lists.fill_hidden(
                lambda n: phase_rows(self.room, self.guarded, self.editor.title_of, n)
            )
        too_long = template_too_long(self.room)
        if too_long:
            self.notify(too_long, severity="warning", timeout=15)

    # -- showing -----------------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw the clocks from PhaseClock; nothing is counted here.

        The next redraw is timed for the moment the shown second changes, so the
        room sees each second when it happens, not up to a polling interval late.
        """
        if self._next_tick is not None:
            self._next_tick.stop()
        self._next_tick = self.set_timer(next_change_s(self.room), self.tick)
        if self.guarded(self.room.session_file.store_gone):
            # Said at once (a stat a second), not at the next note, which would be lost.
            self.show_notice()
        self.retry_file()
        if self.app.screen is not self and not isinstance(self.app.screen, ModalScreen):
            # Presentation mode is on top and shows the same clock. Behind a form or a
            # question the room still sees this one: it goes on counting there.
            return
        timebox = attached(self, "timebox", TimeBox)
        agenda = attached(self, "agenda", AgendaView)
        if timebox is None or agenda is None:
            # The screen is being taken down (a signal, the app leaving): nothing to draw.
            return
        warning_ms = round(self.rr.workspace.config.warning_minutes * 60_000)
        relabel_room_keys(self, self.room.timer.running, self.room.is_facilitator)
        before = timebox.refresh_time(warning_ms)
        agenda.refresh_time()
        now = self.room.timer.time_state(warning_ms)
        if before is not TimeState.OVERTIME and now is TimeState.OVERTIME:
            if self.rr.workspace.config.bell:
                self.app.bell()
            # A phase title is text, not markup: "[/b]" in it must not crash the toast.
            self.notify(t("time.up_notice", phase=self.room.phase.title), timeout=8, markup=False)

    def retry_file(self) -> None:
        """While the session file cannot be written, try again now and then; say how it went."""
        trouble = self.room.file_trouble
        if trouble is not None:
            self.guarded(self.room.session_file.retry)
            if self.room.file_trouble != trouble:
                self.show_notice()

    @property
    def settled(self) -> bool:
        """The phase the room looks at is drawn whole and stored (tests wait for this)."""
        return (
            not self._phase_lock.locked()
            and self._shown_phase == self.room.shown
            and not self.phase_store.pending
        )

    async def show_phase(self, following: bool = False) -> None:
        """Show the current phase: title, purpose, prompts, items and the entry line.

        One at a time: a reload that follows the facilitator and a key that moves
        the phase may both ask for it, and two must not rebuild the entry line at once.
        ``following``: the view follows the facilitator (see build_entry).
        """
        async with self._phase_lock:
            await self._show_phase(following)

    async def _show_phase(self, following: bool) -> None:
        room = self.room
        self._shown_phase = room.shown
        lists = attached(self, "items", PhaseLists)
        if lists is None:
            return  # the screen is being taken down
        # The phase's own list first: the entry line may give it the focus.
        await lists.show(room.shown)
        await datadesk.sync(self)
        await self.entry.build(following)
        # The title last, in the same frame as the items: once the room (or a test) sees
        # the new phase's name, its entry line is there to type in.
        show_heading(self, room)
        notice.followup_word_left(self.app, room)
        self.refresh_items()
        self.refresh_bindings()
        self.editor.phase_shown()

    @property
    def items(self) -> ListView | None:
        """The list of the shown phase's items (None once the screen is taken down)."""
        lists = attached(self, "items", PhaseLists)
        return lists.shown if lists is not None else None

    def refresh_items(self, select: object = None) -> None:
        items = self.items
        if items is None:
            # A reload answered after the screen was taken down: nothing to show it in.
            return
        rows = phase_rows(self.room, self.guarded, self.editor.title_of)
        # Nothing to pick: the hint to pick one would send the room looking.
        self.entry.shows_hint(any(isinstance(row.item, FollowUp) for row in rows))
        rows += self.entry.rows()
        show_rows(items, rows, select)
        self.show_notice()

    def show_notice(self, extra: str | None = None) -> None:
        line = attached(self, "notice", Static)
        if line is None:
            # The screen has left (a store worker answered after it was closed).
            return
        passing = t("form.saving") if self.editor.waiting else self.news.text
        shown, warning = notice_for(self.room, extra or self.live.absent, passing)
        if line.has_class("warning") == warning and str(line.content) == shown:
            # Unchanged (each reload asks): an update would lay out the screen once more.
            return
        line.update(literal(shown))
        line.set_class(warning, "warning")

    def on_choice_list_typed(self, event: ChoiceList.Typed) -> None:
        """Typing in the wonder phase's kind list writes in the entry line: it chooses no kind."""
        self.entry.type_in(event.character)

    def on_key(self, event: events.Key) -> None:
        """Typing while the list has the focus writes in the entry line, not nowhere."""
        # A key that reaches the screen with a field focused was queued for the list: kept.
        typed = event.is_printable and isinstance(self.focused, ListView | Input)
        if not (typed and event.character):
            return
        if self.entry.type_in(event.character):
            event.stop()
            event.prevent_default()
        elif not self._told_no_notes and self.room.records is Recording.FOLLOWUP:
            self._told_no_notes = True  # the follow-up takes no notes: said, not lost unseen
            self.notify(t("followup.typed"), severity="warning", timeout=10)

    # -- recording and editing (tui/entry.py, tui/editing.py) -------------------------------

    @on(Input.Changed, "#entry-text, #entry-source")
    def entry_changed(self) -> None:
        self.entry.changed()

    def save_before_leaving(self) -> None:
        """The app is quitting or got a signal: the queued store work, then the entry line."""
        self.store_queue.run_now(self.guarded)
        self.phase_store.store_now()  # a phase change not stored yet (no pause in the keys)
        self.entry.flush_draft(at_once=True)

    @property
    def saving(self) -> bool:
        return self.entry.saving

    @property
    def unsaved(self) -> list[Pending]:
        return self.entry.unsaved

    def holds_phase(self) -> bool:
        return self.entry.holds_phase()

    @on(ListView.Selected, ".items")
    def open_item(self, event: ListView.Selected) -> None:
        self.editor.open(cast(ItemRow, event.item))

    @on(Button.Pressed, "#entry-action")
    def action_new_trial_action(self) -> None:
        self.editor.new_trial_action()

    def action_delete_item(self) -> None:
        self.editor.delete_highlighted()

    def follow_when_free(self) -> None:
        if not self.holds_phase() and self.room.catch_up():
            # "save or clear the line to follow" is done: say where the view is now.
            self.news.say(t("join.phase_moved", phase=self.room.phase.title))
            self.run_worker(self.show_phase(following=True), exclusive=True, group="phase")

    def after_reload(
        self, shown_moved: bool, meeting_moved: bool, held: bool, clock_moved: bool
    ) -> None:
        """Show what the reload brought: a new phase, or just the rows that changed."""
        room = self.room
        if not room.meeting.is_running and self.app.screen is self:
            # The facilitator ended the meeting: a line typed here is part of it still.
            self.entry.record_at_once()
            self.rr.show_summary(room)
            return
        if shown_moved:
            # Above the items, not a toast: a toast sits over the entry line being typed in.
            self.news.say(t("join.phase_moved", phase=room.phase.title))
            self.run_worker(self.show_phase(following=True), exclusive=True, group="phase")
        else:
            if held and meeting_moved:
                phase = room.meeting.phases[room.timer.current].title
                self.news.say(t("join.phase_waits", phase=phase))
            self.refresh_items()
        if clock_moved or shown_moved:
            # Items alone leave the clocks as drawn: no redraw of the agenda for them.
            self.tick()

    # -- in step with the store (tui/live.py) -------------------------------------------------

    def on_meeting_changed(self, message: MeetingChanged) -> None:
        self.live.changed(message)

    def on_unmount(self) -> None:
        self.live.stop()
        self.editor.forget_forms()

    def action_take_over(self) -> None:
        self.live.take_over()

    def role_changed(self) -> None:
        """This view became the facilitator's, or stopped being it: other keys, other phase."""
        self.refresh_bindings()
        # The header says whose screen it is ("· referent" until the take-over).
        self.title, self.sub_title = titles_for(self.room)
        self.run_worker(self.show_phase(), exclusive=True, group="phase")

    def store_failed(self, error: StoreError) -> None:
        self.notify(t(error.key, **error.params), severity="error", timeout=15, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return room_key_offered(self.room, bool(self.rr.workspace.config.data), action)

    # -- the data review's charts (tui/datadesk.py, tui/datareview.py) ----------------------

    def action_data_next(self) -> None:
        datadesk.flip(self)

    def action_data_note(self) -> None:
        datadesk.record(self)

    # -- moving through the agenda ------------------------------------------------------------

    async def action_next_phase(self) -> None:
        self.entry.flush_draft()
        if not self.room.is_facilitator:
            if self.room.look(1):
                await self.show_phase()
            return
        if self.room.timer.is_last:
            self.ask_to_end()
            return
        if self.room.next_phase(store=False):
            self.phase_store.changed()
        await self.show_phase()
        self.tick()

    async def action_previous_phase(self) -> None:
        self.entry.flush_draft()
        if not self.room.is_facilitator:
            if self.room.look(-1):
                await self.show_phase()
            return
        if self.room.previous_phase(store=False):
            self.phase_store.changed()
            await self.show_phase()
            self.tick()

    def action_add_time(self, minutes: int) -> None:
        self.guarded(lambda: self.room.add_time(minutes))
        self.tick()
        self.notify(
            t("time.added", minutes=minutes, phase=self.room.phase.title),
            timeout=3,
            markup=False,
        )

    def action_present(self) -> None:
        from refleksionsrum.tui.presentation import PresentationScreen

        self.app.push_screen(PresentationScreen(self.room), lambda _: self.after_presenting())

    def after_presenting(self) -> None:
        """Presentation mode may have moved the phase; show where we are now."""
        if self._shown_phase != self.room.shown:
            self.run_worker(self.show_phase(), exclusive=True, group="phase")
        self.tick()

    def action_toggle_pause(self) -> None:
        self.guarded(self.room.toggle_pause)
        self.tick()
        self.show_notice()

    def ask_to_end(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            self.entry.record_at_once()  # a line typed but not sent is part of the meeting
            self.guarded(self.room.end)
            # Not ended if the store refused: the meeting stays on screen, saying why.
            if not self.room.meeting.is_running:
                self.rr.show_summary(self.room)

        self.app.push_screen(Confirm(t("confirm.end"), "form.end", final=True), confirmed)
