"""What a running meeting does with trial actions: plan them, follow them up, adapt them."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from refleksionsrum.core.files.atomic import utf8_safe, utf8_safe_or_none
from refleksionsrum.core.meeting.starting import new_trial_action_id
from refleksionsrum.core.models import Evaluation, Meeting, TrialAction, Verdict
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.store.items import kept_if_deleted

if TYPE_CHECKING:
    from refleksionsrum.core.meeting.room import MeetingRoom


class TrialActions:
    """The room's trial actions and their follow-up: ``room.actions``.

    It holds the room, not a meeting: a reload replaces ``room.meeting`` (the read
    model), and the room's template decides an adaptation's due date.
    """

    def __init__(self, room: MeetingRoom) -> None:
        self.room = room

    @property
    def store(self) -> Store:
        return self.room.store

    @property
    def meeting(self) -> Meeting:
        return self.room.meeting

    # -- trial actions ---------------------------------------------------------------------

    def save(
        self, action: TrialAction, opened: TrialAction | None = None, *, force: bool = False
    ) -> TrialAction:
        """Add (when ``action.id`` is empty) or update one of this meeting's trial actions.

        ``opened`` is the action as the form showed it: EditConflict if it changed
        since (unless ``force``), ItemKept (a new action) if it was deleted meanwhile.
        """
        action = replace(
            action,
            title=utf8_safe(action.title),
            owner=utf8_safe(action.owner),
            prediction=utf8_safe(action.prediction),
            measure=utf8_safe(action.measure),
            development_point=utf8_safe_or_none(action.development_point),
        )
        if not action.id:
            action = replace(action, id=new_trial_action_id(self.store.trial_action_ids()))
        expected = None if force or opened is None or not opened.id else opened
        items, meeting = self.store.items, self.meeting

        def anew() -> TrialAction:
            fresh = replace(action, id=new_trial_action_id(self.store.trial_action_ids()))
            return items.save_trial_action(meeting.id, fresh)

        stored = kept_if_deleted(
            lambda: items.save_trial_action(meeting.id, action, expected),
            anew,
            meeting.trial_actions,
        )
        actions = self.meeting.trial_actions
        if any(a.id == stored.id for a in actions):
            self.meeting.trial_actions = [stored if a.id == stored.id else a for a in actions]
        else:
            actions.append(stored)
        return stored

    def delete(self, action: TrialAction) -> None:
        self.store.items.delete_trial_action(action.id)
        self.meeting.trial_actions = [a for a in self.meeting.trial_actions if a.id != action.id]

    # -- follow-up ------------------------------------------------------------------------------

    def open(self) -> list[TrialAction]:
        """Earlier meetings' trial actions that this meeting follows up, oldest first."""
        return self.store.open_trial_actions(self.meeting.id)

    def evaluation_of(self, action_id: str) -> Evaluation | None:
        return next((e for e in self.meeting.evaluations if e.trial_action == action_id), None)

    def earlier_evaluations(self, actions: list[TrialAction]) -> dict[str, Evaluation]:
        """What earlier meetings last said of these open trial actions (continued ones)."""
        return self.store.earlier_evaluations(self.meeting.id, [a.id for a in actions])

    def adaptation_of(self, action_id: str) -> TrialAction | None:
        return next((a for a in self.meeting.trial_actions if a.adapted_from == action_id), None)

    def evaluate(
        self, action: TrialAction, said: Evaluation
    ) -> tuple[Evaluation, TrialAction | None]:
        """Record what the room ``said`` of ``action``; adapt opens a new trial action
        linked to the old one.

        Returns the evaluation and, for adapt, the new trial action to be refined.
        Changing the verdict away from adapt removes an adaptation made here.
        """
        verdict = said.verdict
        evaluation = replace(
            said,
            trial_action=action.id,
            what_happened=utf8_safe(said.what_happened),
            learning=utf8_safe(said.learning),
            compared_to_prediction=utf8_safe_or_none(said.compared_to_prediction),
            title=action.title,
        )
        stored = self.store.items.save_evaluation(self.meeting.id, evaluation)
        others = [e for e in self.meeting.evaluations if e.trial_action != action.id]
        self.meeting.evaluations = [*others, stored]
        adaptation = self.adaptation_of(action.id)
        if verdict is Verdict.ADAPT and adaptation is None:
            adaptation = self.save(
                replace(
                    action,
                    id="",
                    due=self.room.default_due(),
                    adapted_from=action.id,
                    meeting_id=self.meeting.id,
                    meeting_started_at=self.meeting.started_at,
                )
            )
        elif verdict is not Verdict.ADAPT and adaptation is not None:
            self.delete(adaptation)
            adaptation = None
        return stored, adaptation
