"""The meeting screen: agenda, phase, prompts, time box, and what the room records."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, TypeVar, cast

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Header, Input, Label, ListView, RadioSet, Static

from refleksionsrum.core.export import plain
from refleksionsrum.core.i18n import t
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.timer import TimeState
from refleksionsrum.core.models import Decision, Note, NoteKind, Recording, TrialAction
from refleksionsrum.core.privacy import looks_like_cpr
from refleksionsrum.core.store.database import StoreError
from refleksionsrum.tui.clockview import AgendaView, TimeBox, next_change_s
from refleksionsrum.tui.editing import EditingScreen
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.formbase import Choice, ChoiceList
from refleksionsrum.tui.forms import Confirm
from refleksionsrum.tui.items import (
    FollowUp,
    Pending,
    Row,
    decision_row,
    follow_up_row,
    note_row,
    parked_row,
    pending_row,
    sync_rows,
    trial_action_row,
)
from refleksionsrum.tui.keys import relabel, translate_bindings
from refleksionsrum.tui.ordered import OrderedInput
from refleksionsrum.tui.sizing import preset_breakpoints
from refleksionsrum.tui.storequeue import StoreQueue
from refleksionsrum.tui.text import literal

if TYPE_CHECKING:
    from refleksionsrum.tui.app import RefleksionsrumApp

_WONDER_KINDS = Recording.WONDER.note_kinds


class EntryLine(OrderedInput):
    """The entry line: Enter records what it holds, in order with the keys behind it."""

    def on_enter(self) -> None:
        if isinstance(self.screen, MeetingScreen):
            self.screen.record_now()


class MeetingScreen(EditingScreen):
    """The shared screen during a meeting."""

    # In the footer's order: what a facilitator needs most comes first, so that
    # at 80 columns the keys to move on, to pause and to leave are always seen.
    BINDINGS = [
        Binding("ctrl+n", "next_phase", "key.next_phase", priority=True),
        Binding("ctrl+t", "toggle_pause", "key.pause", priority=True),
        Binding("ctrl+q", "app.quit", "key.quit", priority=True),
        Binding("ctrl+a", "new_trial_action", "key.new_action", priority=True),
        Binding("f5", "present", "key.present"),
        Binding("ctrl+r", "previous_phase", "key.previous_phase", priority=True),
        Binding("f2", "add_time(1)", "key.add1"),
        Binding("f3", "add_time(5)", "key.add5"),
        Binding("f7", "data_next", "key.data_next", priority=True),
        Binding("f8", "data_note", "key.data_note", priority=True),
        Binding("ctrl+o", "take_over", "key.take_over", priority=True),
        Binding("delete", "delete_item", "key.delete", show=False),
    ]

    def __init__(self, room: MeetingRoom) -> None:
        super().__init__()
        preset_breakpoints(self)
        translate_bindings(self)
        self.room = room
        self._shown_phase = -1
        self._next_tick: Timer | None = None
        self._draft_timer: Timer | None = None
        self._cpr_warned: str | None = None
        self.store_queue = StoreQueue(self)
        self._phase_lock = asyncio.Lock()
        # Lines sent to the store and not yet confirmed (or refused): shown as rows.
        self._pending: list[Pending] = []
        self._pending_count = 0

    @property
    def rr(self) -> RefleksionsrumApp:
        return cast("RefleksionsrumApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
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
                yield ListView(id="items")
                yield Horizontal(id="entry")
        yield RoomFooter()

    async def on_mount(self) -> None:
        # Titles come from people and session files: show escapes, never send them.
        self.title = plain(self.room.meeting.title)
        template = self.room.template
        level = plain(template.title if template else self.room.meeting.template)
        # The level in the subtitle, unless the title says it already.
        self.sub_title = "" if level in self.title else level
        if not self.room.is_facilitator:
            self.sub_title = " · ".join(part for part in (self.sub_title, t("join.role")) if part)
        await self.show_phase()
        self.tick()
        self.reopen_form_drafts()
        self.start_live()
        template = self.room.template
        if template is not None and template.phase_minutes > template.planned_minutes:
            self.notify(
                t(
                    "time.template_too_long",
                    phases=template.phase_minutes,
                    planned=template.planned_minutes,
                ),
                severity="warning",
                timeout=15,
            )

    # -- showing -----------------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw the clocks from PhaseClock; nothing is counted here.

        The next redraw is timed for the moment the shown second changes, so the
        room sees each second when it happens, not up to a polling interval late.
        """
        if self._next_tick is not None:
            self._next_tick.stop()
        self._next_tick = self.set_timer(next_change_s(self.room), self.tick)
        if self.guarded(self.room.store_gone):
            # Said at once (a stat a second), not at the next note, which would be lost.
            self.show_notice()
        self.retry_file()
        if self.app.screen is not self:
            # Presentation mode is on top and shows the same clock.
            return
        timebox = _attached(self, "timebox", TimeBox)
        agenda = _attached(self, "agenda", AgendaView)
        if timebox is None or agenda is None:
            # The screen is being taken down (a signal, the app leaving): nothing to draw.
            return
        warning_ms = round(self.rr.workspace.config.warning_minutes * 60_000)
        relabel(self, "toggle_pause", t("key.pause" if self.room.timer.running else "key.resume"))
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
            self.guarded(self.room.retry_file)
            if self.room.file_trouble != trouble:
                self.show_notice()

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
        await self.sync_data_review()
        await self.build_entry(following)
        # The title last, in the same frame as the items: once the room (or a test) sees
        # the new phase's name, its entry line is there to type in.
        phase_text = room.phase_template()
        self.query_one("#phase-title", Static).update(literal(room.phase.title.upper(), "bold"))
        self.query_one("#phase-purpose", Static).update(
            literal(phase_text.purpose if phase_text else "")
        )
        # A grid keeps a wrapped question indented under its own first line.
        prompts = Table.grid(padding=(0, 1))
        prompts.add_column(width=3, justify="right")
        prompts.add_column(ratio=1)
        for prompt in phase_text.prompts if phase_text else ():
            prompts.add_row(Text("?", style="bold"), literal(prompt))
        self.query_one("#prompts", Static).update(prompts)
        self.refresh_items()
        self.refresh_bindings()

    async def build_entry(self, following: bool = False) -> None:
        entry = self.query_one("#entry", Horizontal)
        typed: dict[str, str] = {}
        if following:
            # The view follows the facilitator in a worker, while keys still arrive (it
            # followed because the line was empty): what was typed into the old line in
            # that moment goes on in the new one. A key that moves the phase itself
            # leaves the old line's text as that phase's draft instead.
            typed = {i.id: i.value for i in entry.query(Input).results(Input) if i.id and i.value}
        await entry.remove_children()
        records = self.room.records
        # The wonder phase puts its three kinds above a full-width entry line.
        entry.set_class(records is Recording.WONDER, "-stacked")
        widgets: list[Any] = []
        if records is Recording.FOLLOWUP:
            widgets.append(Static(t("followup.hint"), id="followup-hint", classes="hint"))
        elif records is Recording.WONDER:
            # Three visible choices, not a drop-down: the room sees what is recorded.
            widgets.append(
                ChoiceList(
                    *(
                        Choice(t(f"kind.{k.value}"), value=k is NoteKind.WONDERING)
                        for k in _WONDER_KINDS
                    ),
                    id="entry-kind",
                )
            )
            widgets.append(EntryLine(placeholder=t("entry.wonder"), id="entry-text"))
        elif records is Recording.NEXT:
            widgets.append(EntryLine(placeholder=t("entry.decision"), id="entry-text"))
            widgets.append(Button(t("entry.new_action"), id="entry-action"))
        else:
            kind = records.entry_kind
            widgets.append(EntryLine(placeholder=t(f"entry.{kind.value}"), id="entry-text"))
            if records is Recording.DATA:
                widgets.append(EntryLine(placeholder=t("entry.source"), id="entry-source"))
        for line in widgets:
            if isinstance(line, Input):
                # Focus must not select the text: a restored draft would be replaced
                # by the first key typed after a crash.
                line.select_on_focus = False
        await entry.mount_all(widgets)
        # Focus at once: Widget.focus() is deferred (call_later), so keys typed right
        # after Ctrl+N, already queued, would reach the removed entry line and be lost.
        # Screen.set_focus moves the focus now.
        if records is Recording.FOLLOWUP:
            self.set_focus(self.query_one("#items", ListView))
        else:
            self.set_focus(self.query_one("#entry-text", Input))
            self.restore_entry_draft()
            for field_id, value in typed.items():
                for found in self.query(f"#{field_id}").results(Input):
                    found.value = value
                    found.cursor_position = len(value)

    def refresh_items(self, select: object = None) -> None:
        items = _attached(self, "items", ListView)
        if items is None:
            # A reload answered after the screen was taken down: nothing to show it in.
            return
        room = self.room
        rows: list[Row] = []
        if room.records is Recording.FOLLOWUP:
            actions = self.guarded(room.open_trial_actions) or []
            earlier = self.guarded(lambda: room.earlier_evaluations(actions)) or {}
            rows = [
                follow_up_row(
                    FollowUp(
                        a, room.evaluation_of(a.id), room.adaptation_of(a.id), earlier.get(a.id)
                    )
                )
                for a in actions
            ]
            # Nothing to pick: the hint to pick one would send the room looking.
            for hint in self.query("#followup-hint"):
                hint.display = bool(rows)
            if not rows:
                rows = [Row(Text(t("followup.none"), style="italic"), None)]
        else:
            rows = [note_row(n) for n in room.notes_here()]
            if room.records is Recording.NEXT:
                rows += [decision_row(d) for d in room.meeting.decisions]
                rows += [
                    trial_action_row(a, self.title_of(a.adapted_from))
                    for a in room.meeting.trial_actions
                ]
                rows += [parked_row(n) for n in room.parked_ideas()]
        key = room.phase.key
        rows += [
            pending_row(p)
            for p in self._pending
            if p.phase_key == key or (p.kind is None and room.records is Recording.NEXT)
        ]
        previous = items.index
        # Only the rows that changed are redrawn: a reload after every save elsewhere
        # must not rebuild the list (nor lose the highlighted row).
        synced = sync_rows(items, rows)
        target = next((i for i, row in enumerate(rows) if _same(row.item, select)), None)
        if target is None and previous is not None and rows:
            target = min(previous, len(rows) - 1)
        if target is None and rows:
            # A highlighted first row, so Enter acts at once without an arrow key first.
            target = 0
        # Rows only added below leave the highlighted row where it was: nothing to move.
        if target is not None and (synced.removed or target != items.index):
            items.index = None
            items.index = target
            if synced.reshaped:
                # Removed rows leave the DOM after this refresh: highlight once they have.
                self.call_after_refresh(_highlight, items, target)
            else:
                _scroll_into_view(items, target)
        self.show_notice()

    def show_notice(self, extra: str | None = None) -> None:
        notice = _attached(self, "notice", Static)
        if notice is None:
            # The screen has left (a store worker answered after it was closed).
            return
        trouble = self.room.file_trouble
        # What the clock tick found (guarded); a notice never asks the store itself.
        gone = self.room.store.file if self.room.gone else None
        if gone is not None:
            shown, warning = t("store.gone", path=str(gone.path)), True
        elif trouble is not None:
            shown = t("notice.file_trouble", path=trouble.path, reason=trouble.reason)
            warning = True
        elif extra:
            shown, warning = extra, True
        elif not self.room.is_facilitator and not self.room.following:
            shown, warning = t("join.looking"), False
        else:
            shown, warning = "", False
        if notice.has_class("warning") == warning and str(notice.content) == shown:
            # Unchanged (each reload asks): an update would lay out the screen once more.
            return
        notice.update(literal(shown))
        notice.set_class(warning, "warning")

    def on_choice_list_typed(self, event: ChoiceList.Typed) -> None:
        """Typing in the wonder phase's kind list writes in the entry line: it chooses no kind."""
        for entry in self.query("#entry-text").results(Input):
            self.set_focus(entry)
            entry.insert_text_at_cursor(event.character)

    def on_key(self, event: events.Key) -> None:
        """Typing while the list has the focus writes in the entry line, not nowhere."""
        if not event.is_printable or event.character is None:
            return
        if not isinstance(self.focused, ListView):
            return
        for entry in self.query("#entry-text").results(Input):
            entry.focus()
            entry.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    # -- recording -----------------------------------------------------------------------------

    def record_now(self) -> None:
        """Record what the entry line holds (Enter in the entry line or the source)."""
        text_input = self.query_one("#entry-text", Input)
        submitted = text_input.value
        text = submitted.strip()
        if not text:
            return
        # The source is minutes too: a CPR number there is stopped like one in the text.
        sources = [field.value for field in self.query("#entry-source").results(Input)]
        checked = "\n".join([text, *sources])
        if looks_like_cpr(checked) and self._cpr_warned != checked:
            # Stop once: names and CPR numbers do not belong in the minutes.
            self._cpr_warned = checked
            self.notify(t("privacy.cpr_entry"), severity="warning", timeout=12)
            return
        room = self.room
        entry = Pending(self._pending_count, text, room.phase.key, room.records)
        self._pending_count += 1
        if room.records is not Recording.NEXT:
            if room.records is Recording.WONDER:
                chosen = self.query_one("#entry-kind", RadioSet).pressed_index
                entry.kind = _WONDER_KINDS[chosen] if chosen >= 0 else NoteKind.WONDERING
            else:
                entry.kind = room.records.entry_kind
                if room.records is Recording.DATA:
                    entry.source = self.query_one("#entry-source", Input).value.strip() or None
        # The line is emptied at once, so what is typed next is a new entry and two
        # entries never merge; the row says "saving..." until the store has it.
        for source_input in self.query("#entry-source").results(Input):
            source_input.value = ""
        text_input.value = ""
        if self.focused is not text_input:
            text_input.focus()
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self.save_pending(entry)

    @property
    def saving(self) -> bool:
        """A recorded line is still on its way to the store (shown as 'saving...')."""
        return self.store_queue.busy or any(p.problem is None for p in self._pending)

    @property
    def unsaved(self) -> list[Pending]:
        """Lines the store refused, kept as rows until they are saved (Enter on one)."""
        return [p for p in self._pending if p.problem is not None]

    def save_pending(self, entry: Pending) -> None:
        """Send a recorded line to the store (in order, off the UI thread)."""
        room = self.room
        entry.problem = None
        if entry not in self._pending:
            self._pending.append(entry)
        self.refresh_items(select=entry)
        draft_key = f"entry:{entry.phase_key}"

        def work() -> Note | Decision:
            item: Note | Decision
            if entry.kind is None:
                item = room.add_decision(entry.text)
            else:
                item = room.add_note(entry.kind, entry.text, entry.source, entry.phase_key)
            room.drafts.drop(draft_key)
            return item

        def saved(item: Note | Decision) -> None:
            self._pending.remove(entry)
            self.refresh_items(select=item)
            self.follow_when_free()

        def refused(error: StoreError) -> None:
            entry.problem = t(error.key, **error.params)
            self.refresh_items(select=entry)
            self.store_failed(error)

        self.store_queue.put(work, saved, refused)

    def holds_phase(self) -> bool:
        """A note-taker halfway through a line stays in its phase until it is recorded."""
        return any(i.value.strip() for i in self.query("#entry Input").results(Input))

    def follow_when_free(self) -> None:
        if not self.holds_phase() and self.room.catch_up():
            self.run_worker(self.show_phase(following=True), exclusive=True, group="phase")

    def after_reload(
        self, shown_moved: bool, meeting_moved: bool, held: bool, clock_moved: bool
    ) -> None:
        """Show what the reload brought: a new phase, or just the rows that changed."""
        room = self.room
        if not room.meeting.is_running and self.app.screen is self:
            self.rr.show_summary(room)  # the facilitator ended the meeting
            return
        if shown_moved:
            self.notify(t("join.phase_moved", phase=room.phase.title), timeout=4, markup=False)
            self.run_worker(self.show_phase(following=True), exclusive=True, group="phase")
        else:
            if held and meeting_moved:
                phase = room.meeting.phases[room.timer.current].title
                self.notify(t("join.phase_waits", phase=phase), timeout=6, markup=False)
            self.refresh_items()
        if clock_moved or shown_moved:
            # Items alone leave the clocks as drawn: no redraw of the agenda for them.
            self.tick()

    def role_changed(self) -> None:
        super().role_changed()
        self.run_worker(self.show_phase(), exclusive=True, group="phase")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_trial_action":
            return self.room.records is Recording.NEXT
        if action in ("data_next", "data_note"):
            return self.room.records is Recording.DATA and bool(self.rr.workspace.config.data)
        if action in ("toggle_pause", "add_time"):
            # The phase, the pause and the added minutes belong to the facilitator.
            return self.room.is_facilitator
        if action == "take_over":
            return not self.room.is_facilitator
        return True

    # -- the data review's charts (tui/datareview.py) ---------------------------------------

    async def sync_data_review(self) -> None:
        """Charts in a data phase when config.toml names data sources; loaded only then."""
        sources = self.rr.workspace.config.data
        template = self.room.meeting.template
        wanted = tuple(s for s in sources if s.shown_in(template))
        wanted = wanted if self.room.records is Recording.DATA else ()
        present = self.query("#data-review")
        self.query_one("#phase-panel", Vertical).set_class(bool(wanted), "-data")
        if not wanted and not present:
            return
        await present.remove()
        if wanted:
            from refleksionsrum.tui.datareview import DataReview

            await self.query_one("#phase-panel", Vertical).mount(
                DataReview(self.room, wanted), before="#items"
            )

    def action_data_next(self) -> None:
        from refleksionsrum.tui.datareview import review_of

        review = review_of(self)
        if review is not None:
            review.flip()

    def action_data_note(self) -> None:
        from refleksionsrum.tui.datareview import record_from_chart, review_of

        review = review_of(self)
        if review is None:
            return
        item = self.guarded(lambda: record_from_chart(self.room, review))
        if item is not None:
            self.refresh_items(select=item)

    # -- moving through the agenda ------------------------------------------------------------

    async def action_next_phase(self) -> None:
        self.flush_entry_draft()
        if not self.room.is_facilitator:
            if self.room.look(1):
                await self.show_phase()
            return
        if self.room.timer.is_last:
            self.ask_to_end()
            return
        # If the store cannot take the clocks, the room moves on all the same; they
        # are stored at the next checkpoint that succeeds.
        self.guarded(self.room.next_phase)
        await self.show_phase()
        self.tick()

    async def action_previous_phase(self) -> None:
        self.flush_entry_draft()
        if not self.room.is_facilitator:
            if self.room.look(-1):
                await self.show_phase()
            return
        if self.guarded(self.room.previous_phase):
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
            self.guarded(self.room.end)
            # Not ended if the store refused: the meeting stays on screen, saying why.
            if not self.room.meeting.is_running:
                self.rr.show_summary(self.room)

        self.app.push_screen(Confirm(t("confirm.end"), "form.end"), confirmed)


W = TypeVar("W", bound=Widget)


def _attached(screen: Screen[Any], widget_id: str, kind: type[W]) -> W | None:
    """The screen's widget with this id while it is still on the screen, else None.

    By id, which Textual looks up once and caches (a query by type walks every
    row of the list, each second and at each reload).
    """
    found = screen.query_one_optional(f"#{widget_id}", kind)
    return found if found is not None and found.is_attached else None


def _highlight(items: ListView, index: int) -> None:
    if index < len(items.children):
        items.index = None
        items.index = index
        _scroll_into_view(items, index)


def _scroll_into_view(items: ListView, index: int) -> None:
    # The highlight's own scroll can come before a new row has a size: scroll again
    # once it is laid out, so the item just recorded is in view.
    row = items.children[index]

    def scroll() -> None:
        if row.is_attached and row.parent is items:
            items.scroll_to_widget(row, animate=False)

    items.call_after_refresh(scroll)


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return False
    if isinstance(a, FollowUp) and isinstance(b, FollowUp):
        return a.action.id == b.action.id
    if isinstance(a, TrialAction) and isinstance(b, TrialAction):
        return a.id == b.id
    if type(a) is type(b):
        return getattr(a, "id", None) == getattr(b, "id", None)
    return False
