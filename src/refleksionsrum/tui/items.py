"""The list of what is recorded in the current phase, each row carrying its item."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Label, ListItem

from refleksionsrum.core.i18n import long_date, t
from refleksionsrum.core.models import Decision, Evaluation, Note, NoteKind, TrialAction
from refleksionsrum.tui.text import literal

Item = Note | Decision | TrialAction


@dataclass(frozen=True)
class FollowUp:
    """An earlier trial action as the follow-up phase shows it, with this meeting's evaluation."""

    action: TrialAction
    evaluation: Evaluation | None
    adaptation: TrialAction | None


class ItemRow(ListItem):
    """One recorded item; ``item`` is what edit and delete act on (None: read-only)."""

    def __init__(self, content: Text, item: Item | FollowUp | None, *, classes: str = "") -> None:
        super().__init__(Label(content), classes=classes)
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


def trial_action_row(action: TrialAction) -> ItemRow:
    text = Text(f"{t('item.trial_action')}: ", style="bold")
    text.append_text(literal(action.title, "bold"))
    text.append("\n   ")
    text.append_text(literal(f"{action.owner} · {long_date(action.due)}"))
    text.append("\n   ")
    text.append_text(literal(f"{t('field.prediction')}: {action.prediction}", "dim"))
    text.append("\n   ")
    text.append_text(literal(f"{t('field.measure')}: {action.measure}", "dim"))
    if action.adapted_from:
        text.append(f"\n   {t('field.adapted_from')}: {action.adapted_from}", style="dim")
    return ItemRow(text, action, classes="trial-action")


def follow_up_row(entry: FollowUp) -> ItemRow:
    action, evaluation = entry.action, entry.evaluation
    text = Text("✓ " if evaluation else "• ", style="bold green" if evaluation else "bold")
    text.append_text(literal(action.title, "bold"))
    text.append("\n   ")
    text.append_text(
        literal(
            f"{action.owner} · {long_date(action.due)} · "
            f"{t('field.prediction')}: {action.prediction}",
            "dim",
        )
    )
    text.append("\n   ")
    if evaluation is None:
        text.append(t("followup.not_evaluated"), style="yellow")
    else:
        text.append(
            f"{t('field.verdict')}: {t(f'verdict.{evaluation.verdict.value}')}", style="bold"
        )
        text.append(f" · {t('field.carried_out')}: {t(f'carried.{evaluation.carried_out.value}')}")
        if entry.adaptation is not None:
            text.append(f" → {t('followup.adapted_as')} ")
            text.append_text(literal(entry.adaptation.title, "italic"))
    return ItemRow(text, entry, classes="follow-up")
