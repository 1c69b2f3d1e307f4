"""The entry line: what the room says, recorded in order and kept as a draft while it is typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.containers import Horizontal
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, RadioSet, Static

from refleksionsrum.core.errors import StoreError
from refleksionsrum.core.i18n import t
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.models import Decision, Note, NoteKind, Recording
from refleksionsrum.core.privacy import looks_like_cpr
from refleksionsrum.tui.choices import Choice, ChoiceList
from refleksionsrum.tui.fitting import FittingPlaceholder, set_placeholder
from refleksionsrum.tui.formbase import DRAFT_DELAY_S
from refleksionsrum.tui.heading import attached
from refleksionsrum.tui.items import Pending, Row, pending_row
from refleksionsrum.tui.kindhint import KindHint
from refleksionsrum.tui.ordered import OrderedInput

if TYPE_CHECKING:
    from refleksionsrum.tui.meeting import MeetingScreen

WONDER_KINDS = Recording.WONDER.note_kinds
FIELDS = ("entry-text", "entry-source")
# Fields only some phases have, kept mounted and hidden in the others once made:
# mounting one again and removing it on every phase change costs a frame each.
HIDDEN_WHEN_UNUSED = ("entry-source", "entry-action")


class EntryLine(OrderedInput, FittingPlaceholder, KindHint):
    """The entry line: Enter records what it holds, in order with the keys behind it."""

    def on_enter(self) -> None:
        entry = getattr(self.screen, "entry", None)
        if isinstance(entry, Entry):
            entry.record()


class Entry:
    """The meeting screen's entry line, its draft, and the lines on their way to the store.

    A line is emptied the moment it is recorded and shown as "saving..." until the
    store has it, so what is typed next is a new line and two never merge.
    """

    def __init__(self, screen: MeetingScreen) -> None:
        self.screen = screen
        # Lines sent to the store and not yet confirmed (or refused): shown as rows.
        self.pending: list[Pending] = []
        self._count = 0
        self._cpr_warned: str | None = None
        self._draft_timer: Timer | None = None

    @property
    def room(self) -> MeetingRoom:
        return self.screen.room

    def lines(self) -> list[Input]:
        return self.inputs("Input")

    def inputs(self, selector: str) -> list[Input]:
        """The entry line's fields that match ``selector``.

        Looked for within the entry line: a query from the screen walks every row
        of every phase's list.
        """
        entry = attached(self.screen, "entry", Horizontal)
        return list(entry.query(selector).results(Input)) if entry is not None else []

    def shows_hint(self, shown: bool) -> None:
        """Show the follow-up's hint to pick a trial action (only where there is one)."""
        entry = attached(self.screen, "entry", Horizontal)
        for child in entry.children if entry is not None else ():
            if child.id == "followup-hint":
                child.display = shown

    # -- building it for the phase shown -----------------------------------------------------

    async def build(self, following: bool = False) -> None:
        """The entry line for what the shown phase records, with the focus in it.

        The fields the new phase shares with the old one stay mounted (the text
        line nearly always): a new placeholder costs a repaint, while removing a
        focused field and mounting another moves the focus twice and restyles
        the list on each move. The source and the trial action button are hidden
        where a phase has none (HIDDEN_WHEN_UNUSED); the rest is mounted as needed.
        """
        screen = self.screen
        entry = screen.query_one("#entry", Horizontal)
        typed: dict[str, str] = {}
        if following:
            # The view follows the facilitator in a worker, while keys still arrive (it
            # followed because the line was empty): what was typed into the old line in
            # that moment goes on in the new one. A key that moves the phase itself
            # leaves the old line's text as that phase's draft instead (flushed before).
            typed = {i.id: i.value for i in entry.query(Input).results(Input) if i.id and i.value}
        records = self.room.records
        wanted = _fields_for(records)
        wanted_ids = {field.id for field in wanted}
        present = {child.id: child for child in entry.children if child.id}
        kept = {
            field.id: present[field.id]
            for field in wanted
            if field.id in present and field.reusable and isinstance(present[field.id], field.kind)
        }
        # The focus goes to where it will be before anything focused is removed: Textual
        # would otherwise move it to the next focusable widget (the list) on the way.
        target = _focus_target(screen, records, kept)
        if target is not None:
            screen.set_focus(target)
        gone = []
        for child in entry.children:
            if child.id in kept:
                continue
            if child.id in HIDDEN_WHEN_UNUSED and child.id not in wanted_ids:
                child.display = False
                if isinstance(child, Input) and child.value:
                    child.value = ""
            else:
                gone.append(child)
        if gone:
            await entry.remove_children(gone)
        # The wonder phase puts its three kinds above a full-width entry line.
        entry.set_class(records is Recording.WONDER, "-stacked")
        mounting = []
        previous: Widget | None = None
        for field in wanted:
            widget = kept.get(field.id)
            if widget is None:
                widget = field.make()
                if previous is not None:
                    mounting.append(entry.mount(widget, after=previous))
                elif entry.children:
                    mounting.append(entry.mount(widget, before=0))
                else:
                    mounting.append(entry.mount(widget))
            widget.display = True
            if isinstance(widget, Input):
                set_placeholder(widget, field.placeholder)
                # Following, a kept line keeps what is typed into it meanwhile.
                if widget.value and not following:
                    widget.value = ""
            previous = widget
        for mounted in mounting:
            await mounted
        if records is Recording.FOLLOWUP:
            screen.set_focus(screen.items)
            return
        # Focus at once: Widget.focus() is deferred (call_later), so keys typed right
        # after Ctrl+N, already queued, would reach a removed field and be lost.
        # Screen.set_focus moves the focus now.
        screen.set_focus(screen.query_one("#entry-text", Input))
        # What the kept fields hold now: keys may have come while the others mounted.
        now = {i.id: i.value for i in self.lines() if i.id and i.value} if following else {}
        self.restore_draft()
        _fill(screen, {**typed, **now})

    # -- recording ---------------------------------------------------------------------------

    def record(self) -> None:
        """Record what the entry line holds (Enter in the entry line or the source)."""
        line = self._take_line()
        if line is not None:
            self.save(line)

    def record_at_once(self) -> None:
        """Store what the entry line holds now, here (the meeting ended while it was typed)."""
        line = self._take_line()
        if line is not None:
            self.screen.guarded(partial(self._store, line))

    def _take_line(self) -> Pending | None:
        """The entry line as a line to record, the line emptied; None when there is none."""
        screen = self.screen
        text_input = screen.query_one("#entry-text", Input)
        text = text_input.value.strip()
        if not text:
            return None
        # The source is minutes too: a CPR number there is stopped like one in the text.
        sources = [field.value for field in self.inputs("#entry-source")]
        checked = "\n".join([text, *sources])
        if looks_like_cpr(checked) and self._cpr_warned != checked:
            # Stop once: names and CPR numbers do not belong in the minutes.
            self._cpr_warned = checked
            screen.notify(t("privacy.cpr_entry"), severity="warning", timeout=12)
            return None
        room = self.room
        line = Pending(self._count, text, room.phase.key, room.records)
        self._count += 1
        if room.records is Recording.WONDER:
            chosen = screen.query_one("#entry-kind", RadioSet).pressed_index
            line.kind = WONDER_KINDS[chosen] if chosen >= 0 else NoteKind.WONDERING
        elif room.records is not Recording.NEXT:
            line.kind = room.records.entry_kind
            if room.records is Recording.DATA:
                line.source = screen.query_one("#entry-source", Input).value.strip() or None
        for source_input in self.inputs("#entry-source"):
            source_input.value = ""
        text_input.value = ""
        if screen.focused is not text_input:
            text_input.focus()
        self._stop_draft_timer()
        return line

    def _store(self, line: Pending) -> Note | Decision:
        """The store's side of recording a line: the item, and its draft dropped."""
        room = self.room
        item: Note | Decision
        if line.kind is None:
            item = room.add_decision(line.text)
        else:
            item = room.add_note(line.kind, line.text, line.source, line.phase_key)
        room.drafts.drop(f"entry:{line.phase_key}")
        return item

    def save(self, line: Pending) -> None:
        """Send a recorded line to the store (in order, off the UI thread)."""
        screen = self.screen
        line.problem = None
        if line not in self.pending:
            self.pending.append(line)
        screen.refresh_items(select=line)

        def work() -> Note | Decision:
            return self._store(line)

        def saved(item: Note | Decision) -> None:
            self.pending.remove(line)
            screen.refresh_items(select=item)
            screen.follow_when_free()

        def refused(error: StoreError) -> None:
            line.problem = t(error.key, **error.params)
            screen.refresh_items(select=line)
            screen.store_failed(error)

        # The row says "saving..." on screen before the store starts: the room sees the
        # line at once, and the store's thread does not take turns with the drawing.
        screen.store_queue.put(work, saved, refused, after_drawing=True)

    @property
    def saving(self) -> bool:
        """A recorded line is still on its way to the store (shown as 'saving...')."""
        return self.screen.store_queue.busy or any(p.problem is None for p in self.pending)

    @property
    def unsaved(self) -> list[Pending]:
        """Lines the store refused, kept as rows until they are saved (Enter on one)."""
        return [p for p in self.pending if p.problem is not None]

    def rows(self) -> list[Row]:
        """The pending lines of the phase shown (decisions wherever the next steps are)."""
        room = self.room
        key = room.phase.key
        return [
            pending_row(p)
            for p in self.pending
            if p.phase_key == key or (p.kind is None and room.records is Recording.NEXT)
        ]

    def type_in(self, character: str) -> bool:
        """A key typed elsewhere on the screen goes into the entry line (False: none here)."""
        for line in self.inputs("#entry-text"):
            self.screen.set_focus(line)
            line.insert_text_at_cursor(character)
            return True
        return False

    def holds_phase(self) -> bool:
        """A note-taker halfway through a line stays in its phase until it is recorded."""
        return any(i.value.strip() for i in self.lines())

    # -- the draft: typed but not yet recorded -----------------------------------------------

    @property
    def draft_key(self) -> str:
        return f"entry:{self.room.phase.key}"

    def restore_draft(self) -> None:
        room = self.room
        key = self.draft_key
        _fill(self.screen, self.screen.guarded(lambda: room.drafts.get(key)) or {})

    def changed(self) -> None:
        if self._draft_timer is None:
            self._draft_timer = self.screen.set_timer(DRAFT_DELAY_S, self.flush_draft)

    def flush_draft(self, *, at_once: bool = False) -> None:
        """Store the entry line as it stands (at most DRAFT_DELAY_S after a keystroke).

        In the store queue, behind the line recorded before it: that job drops the
        phase's draft once its line is stored, and must not drop this newer one.
        """
        self._stop_draft_timer()
        fields = {i.id: i.value for i in self.lines() if i.id}
        if not fields:
            return
        screen = self.screen
        drafts, key = self.room.drafts, self.draft_key
        if at_once:
            screen.guarded(lambda: drafts.save(key, fields))
        else:
            # After drawing: at a phase change the new phase is drawn first.
            screen.store_queue.put(
                lambda: drafts.save(key, fields), _ignore, screen.store_failed, after_drawing=True
            )

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None


@dataclass(frozen=True)
class Field:
    """One widget of the entry line: how to make it, and whether a phase may take it over."""

    id: str
    kind: type[Widget]
    make: Callable[[], Widget]
    placeholder: str = ""
    # A choice list starts at its default in each phase: made anew, not taken over.
    reusable: bool = True


def _line(field_id: str, placeholder: str) -> Field:
    def make() -> Widget:
        line = EntryLine(placeholder=placeholder, id=field_id)
        # Focus must not select the text: a restored draft would be replaced
        # by the first key typed after a crash.
        line.select_on_focus = False
        return line

    return Field(field_id, EntryLine, make, placeholder)


def _fields_for(records: Recording) -> list[Field]:
    if records is Recording.FOLLOWUP:
        hint = t("followup.hint")
        return [
            Field("followup-hint", Static, lambda: Static(hint, classes="hint", id="followup-hint"))
        ]
    if records is Recording.WONDER:
        # Three visible choices, not a drop-down: the room sees what is recorded.
        def kinds() -> Widget:
            return ChoiceList(
                *(
                    Choice(t(f"kind.{k.value}"), value=k is NoteKind.WONDERING)
                    for k in WONDER_KINDS
                ),
                id="entry-kind",
            )

        return [
            Field("entry-kind", ChoiceList, kinds, reusable=False),
            _line("entry-text", t("entry.wonder")),
        ]
    if records is Recording.NEXT:
        label = t("entry.new_action")
        return [
            _line("entry-text", t("entry.decision")),
            Field("entry-action", Button, lambda: Button(label, id="entry-action")),
        ]
    fields = [_line("entry-text", t(f"entry.{records.entry_kind.value}"))]
    if records is Recording.DATA:
        fields.append(_line("entry-source", t("entry.source")))
    return fields


def _focus_target(
    screen: MeetingScreen, records: Recording, kept: dict[str, Widget]
) -> Widget | None:
    """Where the focus goes in the new phase, if that widget is mounted already."""
    if records is Recording.FOLLOWUP:
        return screen.items
    return kept.get("entry-text")


def _fill(screen: MeetingScreen, values: dict[str, str]) -> None:
    """Put text into the entry line's fields, the cursor at its end."""
    for field_id in FIELDS:
        if field_id in values:
            for found in screen.entry.inputs(f"#{field_id}"):
                found.value = values[field_id]
                found.cursor_position = len(found.value)


def _ignore(_result: object) -> None:
    return None
