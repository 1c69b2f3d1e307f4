"""What a running meeting does with trial actions: plan them, follow them up, adapt them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from refleksionsrum.core.files.atomic import utf8_safe
from refleksionsrum.core.meeting.starting import new_trial_action_id
from refleksionsrum.core.models import CarriedOut, Evaluation, Meeting, TrialAction, Verdict
from refleksionsrum.core.store.database import Store, StoreError
from refleksionsrum.core.store.items import ItemKept


class TrialActionsInRoom:
    """Mixed into MeetingRoom, which provides the store and the read model."""

    store: Store
    meeting: Meeting

    def default_due(self) -> date:
        raise NotImplementedError

    # -- trial actions ---------------------------------------------------------------------

    def save_trial_action(
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
            development_point=_safe_or_none(action.development_point),
        )
        if not action.id:
            action = replace(action, id=new_trial_action_id(self.store.trial_action_ids()))
        expected = None if force or opened is None or not opened.id else opened
        try:
            stored = self.store.items.save_trial_action(self.meeting.id, action, expected)
        except StoreError as error:
            if error.key != "store.no_item":
                raise
            fresh = replace(action, id=new_trial_action_id(self.store.trial_action_ids()))
            kept = self.store.items.save_trial_action(self.meeting.id, fresh)
            self.meeting.trial_actions.append(kept)
            raise ItemKept(kept) from None
        actions = self.meeting.trial_actions
        if any(a.id == stored.id for a in actions):
            self.meeting.trial_actions = [stored if a.id == stored.id else a for a in actions]
        else:
            actions.append(stored)
        return stored

    def delete_trial_action(self, action: TrialAction) -> None:
        self.store.items.delete_trial_action(action.id)
        self.meeting.trial_actions = [a for a in self.meeting.trial_actions if a.id != action.id]

    # -- follow-up ------------------------------------------------------------------------------

    def open_trial_actions(self) -> list[TrialAction]:
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
        self,
        action: TrialAction,
        carried_out: CarriedOut,
        what_happened: str,
        learning: str,
        verdict: Verdict,
        compared_to_prediction: str | None = None,
    ) -> tuple[Evaluation, TrialAction | None]:
        """Record the evaluation; adapt opens a new trial action linked to the old one.

        Returns the evaluation and, for adapt, the new trial action to be refined.
        Changing the verdict away from adapt removes an adaptation made here.
        """
        evaluation = Evaluation(
            trial_action=action.id,
            carried_out=carried_out,
            what_happened=utf8_safe(what_happened),
            learning=utf8_safe(learning),
            verdict=verdict,
            compared_to_prediction=_safe_or_none(compared_to_prediction),
            title=action.title,
        )
        stored = self.store.items.save_evaluation(self.meeting.id, evaluation)
        others = [e for e in self.meeting.evaluations if e.trial_action != action.id]
        self.meeting.evaluations = [*others, stored]
        adaptation = self.adaptation_of(action.id)
        if verdict is Verdict.ADAPT and adaptation is None:
            adaptation = self.save_trial_action(
                replace(
                    action,
                    id="",
                    due=self.default_due(),
                    adapted_from=action.id,
                    meeting_id=self.meeting.id,
                    meeting_started_at=self.meeting.started_at,
                )
            )
        elif verdict is not Verdict.ADAPT and adaptation is not None:
            self.delete_trial_action(adaptation)
            adaptation = None
        return stored, adaptation


def _safe_or_none(text: str | None) -> str | None:
    return utf8_safe(text) if text else None
