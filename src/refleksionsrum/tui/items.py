"""The list of what is recorded in the current phase, each row carrying its item."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Label, ListItem

from refleksionsrum.core.i18n import long_date, t
from refleksionsrum.core.models import (
    Decision,
    Evaluation,
    Note,
    NoteKind,
    TrialAction,
)
from refleksionsrum.tui.text import literal

Item = Note | Decision | TrialAction


@dataclass(frozen=True)
class FollowUp:
    """An earlier trial action as the follow-up phase shows it, with this meeting's evaluation."""

    action: TrialAction
    evaluation: Evaluation | None
    adaptation: TrialAction | None
    # The latest evaluation at an earlier meeting (the action was continued there).
    earlier: Evaluation | None = None


class ItemRow(ListItem):
    """One recorded item; ``item`` is what edit and delete act on (None: read-only).

    Detail lines are labels of their own, indented by CSS, so a wrapped detail
    stays under its own start instead of running back to the left edge.
    """

    def __init__(
        self,
        content: Text,
        item: Item | FollowUp | None,
        *,
        details: tuple[Text, ...] = (),
        classes: str = "",
    ) -> None:
        labels = [Label(content), *(Label(d, classes="detail") for d in details)]
        super().__init__(*labels, classes=classes)
        self.item = item


def note_row(note: Note) -> ItemRow:
    text = Text()
    if note.kind is not NoteKind.NOTE:
        text.append(f"{t(f'kind.{note.kind.value}')}: ", style="bold")
    text.append_text(literal(note.text))
    if note.source:
        text.append(f"  ({t('field.source').lower()}: ", style="dim")
        text.append_text(literal(note.source, "dim"))
        text.append(")", style="dim")
    return ItemRow(text, note, classes=f"kind-{note.kind.value}")


def parked_row(note: Note) -> ItemRow:
    text = Text(f"{t('kind.parked-idea')}: ", style="italic")
    text.append_text(literal(note.text, "italic"))
    return ItemRow(text, None, classes="parked")


def decision_row(decision: Decision) -> ItemRow:
    text = Text(f"{t('item.decision')}: ", style="bold")
    text.append_text(literal(decision.text))
    return ItemRow(text, decision, classes="decision")


def trial_action_row(action: TrialAction, adapted_from_title: str | None = None) -> ItemRow:
    text = Text(f"{t('item.trial_action')}: ", style="bold")
    text.append_text(literal(action.title, "bold"))
    details = [
        literal(f"{action.owner} · {long_date(action.due)}"),
        literal(f"{t('field.prediction')}: {action.prediction}", "dim"),
        literal(f"{t('field.measure')}: {action.measure}", "dim"),
    ]
    if action.development_point:
        details.append(
            literal(f"{t('field.development_point')}: {action.development_point}", "dim")
        )
    if action.adapted_from:
        earlier = adapted_from_title or action.adapted_from
        details.append(literal(f"{t('field.adapted_from')}: {earlier}", "dim"))
    return ItemRow(text, action, details=tuple(details), classes="trial-action")


def follow_up_row(entry: FollowUp) -> ItemRow:
    action, evaluation = entry.action, entry.evaluation
    text = Text("✓ " if evaluation else "• ", style="bold green" if evaluation else "bold")
    text.append_text(literal(action.title, "bold"))
    plan = literal(
        f"{action.owner} · {long_date(action.due)} · {t('field.prediction')}: {action.prediction}",
        "dim",
    )
    details = [plan]
    if evaluation is None:
        state = Text(t("followup.not_evaluated"), style="yellow")
        if entry.earlier is not None:
            details.append(
                literal(
                    t(
                        "followup.earlier",
                        verdict=t(f"verdict.{entry.earlier.verdict.value}"),
                        learning=entry.earlier.learning,
                    ),
                    "italic",
                )
            )
    else:
        state = Text(
            f"{t('field.verdict')}: {t(f'verdict.{evaluation.verdict.value}')}", style="bold"
        )
        state.append(f" · {t('field.carried_out')}: {t(f'carried.{evaluation.carried_out.value}')}")
        if entry.adaptation is not None:
            state.append(f" → {t('followup.adapted_as')} ")
            state.append_text(literal(entry.adaptation.title, "italic"))
    return ItemRow(text, entry, details=(*details, state), classes="follow-up")
