"""What the meeting screen does with recorded items: edit, evaluate, delete, reopen forms."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.app import ScreenStackError

from refleksionsrum.core.errors import StoreError
from refleksionsrum.core.i18n import t
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.models import Decision, Note, NoteKind, Recording, TrialAction
from refleksionsrum.core.store.database import EditConflict
from refleksionsrum.core.store.items import ItemKept
from refleksionsrum.tui.formbase import OPEN_MARK
from refleksionsrum.tui.forms import (
    Confirm,
    EvaluationForm,
    TextForm,
    TrialActionForm,
)
from refleksionsrum.tui.internals import start_unseen
from refleksionsrum.tui.items import FollowUp, ItemRow, Pending

if TYPE_CHECKING:
    from refleksionsrum.tui.meeting import MeetingScreen


# The draft of the form for a new trial action (one at a time, per meeting).
NEW_ACTION_DRAFT = "form:new-action"
# The new trial action's form is made this long after the next steps are shown: not
# in the frame that shows them.
PREPARE_FORM_S = 0.3
# A form's save that has waited this long is said on screen ("gemmer...").
SAY_SAVING_S = 0.4


class ItemEditor:
    """Opens the forms for the items on the meeting screen and stores what they return."""

    def __init__(self, screen: MeetingScreen) -> None:
        self.screen = screen
        # Form saves waiting in the store queue; said above the items when one waits long.
        self.saving = 0
        self._said = False
        self._blank: TrialActionForm | None = None

    @property
    def waiting(self) -> bool:
        """A form's save has waited longer than SAY_SAVING_S (a lock, a slow server)."""
        return self.saving > 0 and self._said

    def queue(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], object],
        failed: Callable[[StoreError], object],
    ) -> None:
        """A form's save in the store queue; "gemmer..." above the items if it waits long.

        Not at once: nearly every save takes a millisecond, and a line that came and went
        with each one would shift the list under the room's eyes.
        """
        screen = self.screen
        self.saving += 1
        if self.saving == 1:
            self._said = False
            screen.set_timer(SAY_SAVING_S, self._say_saving)

        def settled(then: Callable[[Any], object]) -> Callable[[Any], None]:
            def call(result: Any) -> None:
                self.saving -= 1
                if self.saving == 0 and self._said:
                    self._said = False
                    screen.show_notice()
                then(result)

            return call

        screen.store_queue.put(work, settled(done), settled(failed))

    def _say_saving(self) -> None:
        if self.saving > 0:
            self._said = True
            self.screen.show_notice()

    @property
    def room(self) -> MeetingRoom:
        return self.screen.room

    def push(self, form: Any, done: Callable[[Any], None]) -> None:
        self.screen.app.push_screen(form, done)

    def store_edit(
        self,
        save: Callable[[bool], object],
        mine: str,
        refused: Callable[[], object] | None = None,
        draft: str | None = None,
    ) -> None:
        """Save an edit of an item as it was opened, off the UI thread, in order.

        Changed elsewhere since: ask which text to keep, showing both. Deleted
        elsewhere: the edit is kept as a new item, and a notice says so. Refused by
        the store (a lock, a full disk): the message, then ``refused`` (the form again).
        ``draft``: the form's draft, dropped once the edit is stored or settled.
        """
        screen = self.screen

        def stored_then_dropped(force: bool) -> object:
            stored = save(force)
            self.drop_draft(draft, queued=False)
            return stored

        def failed(error: StoreError) -> None:
            if isinstance(error, EditConflict):
                current = error.current
                theirs = current.title if isinstance(current, TrialAction) else current.text

                def answered(keep_mine: bool | None) -> None:
                    if keep_mine:
                        self.store_edit(lambda _force: save(True), mine, refused, draft)
                    else:
                        self.drop_draft(draft)
                        screen.refresh_items(select=current)

                question = t("notice.conflict", mine=mine, theirs=theirs)
                self.push(Confirm(question, "form.keep_mine"), answered)
            elif isinstance(error, ItemKept):
                self.drop_draft(draft)
                screen.notify(t("notice.item_kept"), severity="warning", timeout=12)
                screen.refresh_items(select=error.item)
            else:
                screen.store_failed(error)
                if refused is not None:
                    refused()

        # A lock held by another program makes the store wait: the clock and the keys must not.
        self.queue(
            lambda: stored_then_dropped(False),
            lambda stored: screen.refresh_items(select=stored),
            failed,
        )

    def drop_draft(self, draft: str | None, *, queued: bool = True) -> None:
        """Forget a form's draft; ``queued=False``: here and now (already in the store's thread).

        A draft that cannot be dropped (a lock) only reopens its form at the next start.
        """
        if draft is None:
            return
        drafts = self.room.drafts
        if not queued:
            with contextlib.suppress(StoreError):
                drafts.drop(draft)
            return
        self.screen.store_queue.put(lambda: self.drop_draft(draft, queued=False), _ignore, _ignore)

    def title_of(self, action_id: str | None) -> str | None:
        """The title of an earlier trial action (for 'adapted from'), if it is known."""
        if action_id is None:
            return None
        earlier = self.screen.guarded(lambda: self.room.store.trial_action(action_id))
        return earlier.title if earlier is not None else None

    def reopen_form_drafts(self) -> None:
        """After a crash: bring back a form that was being filled in."""
        drafts = self.room.drafts
        for key in self.screen.guarded(drafts.pending) or []:
            fields = self.screen.guarded(partial(drafts.get, key))
            if fields is None or fields.get(OPEN_MARK) == "0":
                continue  # cancelled on purpose: waits for the form to be opened again
            if key == NEW_ACTION_DRAFT:
                self.new_trial_action(force=True)
            elif key.startswith("form:eval:"):
                action_id = key.removeprefix("form:eval:")
                for action in self.screen.guarded(self.room.open_trial_actions) or []:
                    if action.id == action_id:
                        self.evaluate(
                            FollowUp(
                                action,
                                self.room.evaluation_of(action.id),
                                self.room.adaptation_of(action.id),
                            )
                        )
            elif key.startswith("form:action:"):
                found = [
                    a
                    for a in self.room.meeting.trial_actions
                    if a.id == key.removeprefix("form:action:")
                ]
                if found:
                    self.edit_trial_action(found[0])
            else:
                continue
            self.screen.notify(t("notice.draft_restored"), timeout=8)
            return

    def new_trial_action(self, force: bool = False) -> None:
        if self.room.records is not Recording.NEXT and not force:
            return
        self.edit_trial_action(self.blank_action())

    def blank_action(self) -> TrialAction:
        """A new trial action, nothing filled in but the proposed date."""
        return TrialAction(
            id="", title="", owner="", due=self.room.default_due(), prediction="", measure=""
        )

    def people(self) -> list[str]:
        """The meeting's participants, proposed as owners."""
        return [p.name for p in self.room.meeting.participants]

    def edit_trial_action(self, action: TrialAction) -> None:
        people = self.people()

        def saved(result: object) -> None:
            if isinstance(result, TrialAction):
                self.store_edit(
                    lambda force: self.room.save_trial_action(result, action, force=force),
                    result.title,
                    # Not stored: open the form again with what was typed in it.
                    refused=lambda: self.edit_trial_action(result),
                    draft=key,
                )

        key = f"form:action:{action.id}" if action.id else NEW_ACTION_DRAFT
        if not action.id and action.adapted_from is None:
            self.push(self.blank_form(action, people), saved)
            return
        form = TrialActionForm(action, people).keep_drafts(self.room.drafts, key)
        self.push(form, saved)

    def blank_form(self, action: TrialAction, people: list[str]) -> TrialActionForm:
        """The new trial action's form: made once per meeting screen, opened again each time.

        Made anew for every Ctrl+A, its widgets were composed, styled and laid out while
        the room waited, 50-80 ms before the form showed (tests/benchmarks/bench_keys.py).
        """
        form = self._blank
        if form is not None and form in self.screen.app.screen_stack:
            # Open already (a refused save brings the form back while it is open again):
            # one of its own, as every form was before one was kept.
            return TrialActionForm(action, people).keep_drafts(self.room.drafts, NEW_ACTION_DRAFT)
        if form is None:
            form = TrialActionForm(action, people).keep_drafts(self.room.drafts, NEW_ACTION_DRAFT)
            # Installed: Textual keeps it when it is closed, for the next time.
            self.screen.app.install_screen(form, f"new-trial-action-{id(self)}")
            self._blank = form
        if form.is_mounted:
            # Opened before: filled in anew. Not mounted yet, it opens itself once it is
            # (Form.on_mount), with what it was made with.
            form.load(action, people)
            form.opened()
        return form

    def phase_shown(self) -> None:
        """A phase is on screen: in the next steps, the form is made while the room reads it."""
        if self._blank is None and self.room.records is Recording.NEXT:
            self.screen.set_timer(PREPARE_FORM_S, self.prepare_blank_form)

    def prepare_blank_form(self) -> None:
        """Make the new trial action's form unseen, before the first Ctrl+A asks for it."""
        if self._blank is None and self.room.records is Recording.NEXT:
            start_unseen(self.screen.app, self.blank_form(self.blank_action(), self.people()))

    def forget_forms(self) -> None:
        """The meeting screen is taken down: its kept form goes with it."""
        form, self._blank = self._blank, None
        if form is None:
            return
        app = self.screen.app
        with contextlib.suppress(ScreenStackError):
            # Still open (the app is closing): Textual takes it down with the stack.
            app.uninstall_screen(form)
            form.remove()

    def open(self, row: ItemRow) -> None:
        """Enter on a row: the form for its item (a refused line is sent again)."""
        item = row.item
        room = self.room
        if isinstance(item, Pending):
            if item.problem is not None:
                self.screen.entry.save(item)  # Enter on a line the store refused: try again
            return
        if isinstance(item, FollowUp):
            self.evaluate(item)
        elif isinstance(item, TrialAction):
            self.edit_trial_action(item)
        elif isinstance(item, Decision):

            def decided(result: object) -> None:
                if isinstance(result, tuple):
                    self.store_edit(
                        lambda force: room.edit_decision(item, result[0], force=force),
                        result[0],
                    )

            self.push(TextForm("form.edit_decision", item.text), decided)
        elif isinstance(item, Note):

            def noted(result: object) -> None:
                if isinstance(result, tuple):
                    self.store_edit(
                        lambda force: room.edit_note(item, result[0], result[1], force=force),
                        result[0],
                    )

            with_source = item.kind is NoteKind.OBSERVATION
            self.push(
                TextForm(f"form.edit.{item.kind.value}", item.text, item.source, with_source), noted
            )

    def evaluate(self, entry: FollowUp) -> None:
        key = f"form:eval:{entry.action.id}"

        def saved(result: object) -> None:
            if result is None:
                return
            evaluation = cast(Any, result)

            def stored(done: tuple[object, TrialAction | None]) -> None:
                _, adaptation = done
                self.screen.refresh_items(select=entry)
                if adaptation is not None and entry.adaptation is None:
                    # Adapt: the new trial action starts as a copy; refine it now.
                    self.edit_trial_action(adaptation)

            def refused(error: StoreError) -> None:
                self.screen.store_failed(error)
                # Not stored: open the form again with what was filled in.
                self.evaluate(FollowUp(entry.action, evaluation, entry.adaptation))

            def work() -> tuple[object, TrialAction | None]:
                done = self.room.evaluate(
                    entry.action,
                    evaluation.carried_out,
                    evaluation.what_happened,
                    evaluation.learning,
                    evaluation.verdict,
                    evaluation.compared_to_prediction,
                )
                self.drop_draft(key, queued=False)
                return done

            self.queue(work, stored, refused)

        form = EvaluationForm(entry.action, entry.evaluation)
        self.push(form.keep_drafts(self.room.drafts, key), saved)

    def delete_highlighted(self) -> None:
        items = self.screen.items
        if items is None or self.screen.focused is not items:
            # Only the row the room can see highlighted is ever deleted.
            return
        row = cast(ItemRow | None, items.highlighted_child)
        item = row.item if row is not None else None
        if item is None or isinstance(item, FollowUp | Pending):
            return
        label = item.title if isinstance(item, TrialAction) else item.text

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            room = self.room
            delete: Callable[[], object]
            if isinstance(item, TrialAction):
                delete = partial(room.delete_trial_action, item)
            elif isinstance(item, Decision):
                delete = partial(room.delete_decision, item)
            else:
                delete = partial(room.delete_note, item)
            screen = self.screen
            self.queue(delete, lambda _: screen.refresh_items(), screen.store_failed)

        question = t("confirm.delete", text=label[:80])
        self.push(Confirm(question, "form.delete", final=True), confirmed)


def _ignore(_: object) -> None:
    """A dropped draft needs no answer on screen."""
