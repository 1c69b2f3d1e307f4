"""The meeting screen: agenda, phase, prompts, time box, and what the room records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widget import AwaitMount
from textual.widgets import Button, Header, Input, Label, ListView, RadioSet, Static

from refleksionsrum.core.export import plain
from refleksionsrum.core.i18n import t
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.timer import TimeState
from refleksionsrum.core.models import Decision, Note, NoteKind, Recording, TrialAction
from refleksionsrum.core.privacy import looks_like_cpr
from refleksionsrum.tui.clockview import AgendaView, TimeBox, next_change_s
from refleksionsrum.tui.editing import EditingScreen
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.formbase import Choice
from refleksionsrum.tui.forms import Confirm
from refleksionsrum.tui.items import (
    FollowUp,
    ItemRow,
    decision_row,
    follow_up_row,
    note_row,
    parked_row,
    trial_action_row,
)
from refleksionsrum.tui.keys import relabel, translate_bindings
from refleksionsrum.tui.ordered import OrderedInput
from refleksionsrum.tui.sizing import preset_breakpoints
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
        await self.show_phase()
        self.tick()
        self.reopen_form_drafts()
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
        self.retry_file()
        if self.app.screen is not self:
            # Presentation mode is on top and shows the same clock.
            return
        warning_ms = round(self.rr.workspace.config.warning_minutes * 60_000)
        relabel(self, "toggle_pause", t("key.pause" if self.room.timer.running else "key.resume"))
        before = self.query_one(TimeBox).refresh_time(warning_ms)
        self.query_one(AgendaView).refresh_time()
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
            self.room.retry_file()
            if self.room.file_trouble != trouble:
                self.show_notice()

    async def show_phase(self) -> None:
        """Show the current phase: title, purpose, prompts, items and the entry line."""
        room = self.room
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
        self._shown_phase = room.timer.current
        await self.sync_data_review()
        await self.build_entry()
        self.refresh_items()
        self.refresh_bindings()

    async def build_entry(self) -> None:
        entry = self.query_one("#entry", Horizontal)
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
                RadioSet(
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

    def refresh_items(self, select: object = None) -> None:
        room = self.room
        rows: list[ItemRow] = []
        if room.records is Recording.FOLLOWUP:
            actions = room.open_trial_actions()
            earlier = room.earlier_evaluations(actions)
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
                rows = [ItemRow(Text(t("followup.none"), style="italic"), None)]
        else:
            rows = [note_row(n) for n in room.notes_here()]
            if room.records is Recording.NEXT:
                rows += [decision_row(d) for d in room.meeting.decisions]
                rows += [
                    trial_action_row(a, self.title_of(a.adapted_from))
                    for a in room.meeting.trial_actions
                ]
                rows += [parked_row(n) for n in room.parked_ideas()]
        items = self.query_one("#items", ListView)
        previous = items.index
        items.clear()
        mounted = items.extend(rows)
        target = next((i for i, row in enumerate(rows) if _same(row.item, select)), None)
        if target is None and previous is not None and rows:
            target = min(previous, len(rows) - 1)
        if target is None and rows:
            # A highlighted first row, so Enter acts at once without an arrow key first.
            target = 0
        if target is not None:
            items.index = target
            # The highlight's scroll happens before the new rows have a size: scroll
            # again once they are mounted and laid out, so the item just recorded is in view.
            self.call_later(_scroll_into_view, mounted, items, rows[target])
        self.show_notice()

    def show_notice(self, extra: str | None = None) -> None:
        notice = self.query_one("#notice", Static)
        trouble = self.room.file_trouble
        if trouble is not None:
            notice.update(
                literal(t("notice.file_trouble", path=trouble.path, reason=trouble.reason))
            )
            notice.add_class("warning")
        elif extra:
            notice.update(literal(extra))
            notice.add_class("warning")
        else:
            notice.update("")
            notice.remove_class("warning")

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
        if looks_like_cpr(text) and self._cpr_warned != text:
            # Stop once: names and CPR numbers do not belong in the minutes.
            self._cpr_warned = text
            self.notify(t("privacy.cpr_entry"), severity="warning", timeout=12)
            return
        room = self.room
        item: Note | Decision | None
        if room.records is Recording.NEXT:
            item = self.guarded(lambda: room.add_decision(text))
        else:
            source = None
            if room.records is Recording.WONDER:
                chosen = self.query_one("#entry-kind", RadioSet).pressed_index
                kind = _WONDER_KINDS[chosen] if chosen >= 0 else NoteKind.WONDERING
            else:
                kind = room.records.entry_kind
                if room.records is Recording.DATA:
                    source = self.query_one("#entry-source", Input).value.strip() or None
            item = self.guarded(lambda: room.add_note(kind, text, source))
        if item is None:
            return  # not stored: the text stays in the entry line to try again
        for source_input in self.query("#entry-source").results(Input):
            source_input.value = ""
        text_input.value = ""
        if self.focused is not text_input:
            text_input.focus()
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self.room.drafts.drop(self.entry_draft_key)
        self.refresh_items(select=item)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_trial_action":
            return self.room.records is Recording.NEXT
        if action in ("data_next", "data_note"):
            return self.room.records is Recording.DATA and bool(self.rr.workspace.config.data)
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
        if self._shown_phase != self.room.timer.current:
            self.run_worker(self.show_phase(), exclusive=True, group="phase")
        self.tick()

    def action_toggle_pause(self) -> None:
        self.guarded(self.room.toggle_pause)
        self.tick()
        self.show_notice()

    def ask_to_end(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self.room.end()
                self.rr.show_summary(self.room)

        self.app.push_screen(Confirm(t("confirm.end"), "form.end"), confirmed)


async def _scroll_into_view(mounted: AwaitMount, items: ListView, row: ItemRow) -> None:
    await mounted

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
