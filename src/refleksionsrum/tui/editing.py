"""What the meeting screen does with recorded items: edit, evaluate, delete, reopen forms."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.widgets import ListView

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
from refleksionsrum.tui.items import FollowUp, ItemRow, Pending

if TYPE_CHECKING:
    from refleksionsrum.tui.meeting import MeetingScreen


class ItemEditor:
    """Opens the forms for the items on the meeting screen and stores what they return."""

    def __init__(self, screen: MeetingScreen) -> None:
        self.screen = screen

    @property
    def room(self) -> MeetingRoom:
        return self.screen.room

    def push(self, form: Any, done: Callable[[Any], None]) -> None:
        self.screen.app.push_screen(form, done)

    def store_edit(self, save: Callable[[bool], object], mine: str) -> bool:
        """Save an edit of an item as it was opened; False if the store refused it.

        Changed elsewhere since: ask which text to keep, showing both. Deleted
        elsewhere: the edit is kept as a new item, and a notice says so.
        """
        try:
            stored = save(False)
        except EditConflict as conflict:
            current = conflict.current
            theirs = current.title if isinstance(current, TrialAction) else current.text
            question = t("notice.conflict", mine=mine, theirs=theirs)

            def answered(keep_mine: bool | None) -> None:
                if keep_mine:
                    self.store_edit(lambda _force: save(True), mine)
                else:
                    self.screen.refresh_items(select=current)

            self.push(Confirm(question, "form.keep_mine"), answered)
            return True
        except ItemKept as kept:
            self.screen.notify(t("notice.item_kept"), severity="warning", timeout=12)
            self.screen.refresh_items(select=kept.item)
            return True
        except StoreError as error:
            self.screen.notify(
                t(error.key, **error.params), severity="error", timeout=15, markup=False
            )
            return False
        self.screen.refresh_items(select=stored)
        return True

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
            if key == "form:new-action":
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
        blank = TrialAction(
            id="", title="", owner="", due=self.room.default_due(), prediction="", measure=""
        )
        self.edit_trial_action(blank)

    def edit_trial_action(self, action: TrialAction) -> None:
        people = [p.name for p in self.room.meeting.participants]

        def saved(result: object) -> None:
            if isinstance(result, TrialAction) and not self.store_edit(
                lambda force: self.room.save_trial_action(result, action, force=force),
                result.title,
            ):
                # Not stored: open the form again with what was typed in it.
                self.edit_trial_action(result)

        key = f"form:action:{action.id}" if action.id else "form:new-action"
        form = TrialActionForm(action, people).keep_drafts(self.room.drafts, key)
        self.push(form, saved)

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
        def saved(result: object) -> None:
            if result is None:
                return
            evaluation = cast(Any, result)
            done = self.screen.guarded(
                lambda: self.room.evaluate(
                    entry.action,
                    evaluation.carried_out,
                    evaluation.what_happened,
                    evaluation.learning,
                    evaluation.verdict,
                    evaluation.compared_to_prediction,
                )
            )
            if done is None:
                # Not stored: open the form again with what was filled in.
                self.evaluate(FollowUp(entry.action, evaluation, entry.adaptation))
                return
            _, adaptation = done
            self.screen.refresh_items(select=entry)
            if adaptation is not None and entry.adaptation is None:
                # Adapt: the new trial action starts as a copy; refine it now.
                self.edit_trial_action(adaptation)

        form = EvaluationForm(entry.action, entry.evaluation)
        self.push(form.keep_drafts(self.room.drafts, f"form:eval:{entry.action.id}"), saved)

    def delete_highlighted(self) -> None:
        items = self.screen.query_one("#items", ListView)
        if self.screen.focused is not items:
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
            if isinstance(item, TrialAction):
                self.screen.guarded(lambda: self.room.delete_trial_action(item))
            elif isinstance(item, Decision):
                self.screen.guarded(lambda: self.room.delete_decision(item))
            else:
                self.screen.guarded(lambda: self.room.delete_note(item))
            self.screen.refresh_items()

        self.push(Confirm(t("confirm.delete", text=label[:80]), "form.delete"), confirmed)
