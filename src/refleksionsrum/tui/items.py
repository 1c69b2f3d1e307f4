"""The list of what is recorded in the current phase, each row carrying its item."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from rich.text import Text
from textual.widgets import Label, ListItem, ListView

from refleksionsrum.core.i18n import long_date, t
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.models import Decision, Evaluation, Note, NoteKind, Recording, TrialAction
from refleksionsrum.tui.text import literal

Item = Note | Decision | TrialAction


@dataclass
class Pending:
    """A line typed and sent to the store, not yet confirmed there (or refused, with why)."""

    number: int
    text: str
    phase_key: str
    records: Recording
    kind: NoteKind | None = None  # None: a decision
    source: str | None = None
    problem: str | None = None


@dataclass(frozen=True)
class FollowUp:
    """An earlier trial action as the follow-up phase shows it, with this meeting's evaluation."""

    action: TrialAction
    evaluation: Evaluation | None
    adaptation: TrialAction | None
    # The latest evaluation at an earlier meeting (the action was continued there).
    earlier: Evaluation | None = None


@dataclass(frozen=True)
class Row:
    """What one row shows, without its widgets: a reload compares these and builds
    widgets only for the rows that are new (a list of 200 items is 400 widgets)."""

    content: Text
    item: Item | FollowUp | Pending | None
    details: tuple[Text, ...] = ()
    classes: str = ""

    @property
    def texts(self) -> tuple[Text, ...]:
        return (self.content, *self.details)

    @cached_property
    def key(self) -> str:
        return row_key(self.item, self.content)

    @cached_property
    def signature(self) -> tuple[str, ...]:
        return (*(text.markup for text in self.texts), self.classes)


class ItemRow(ListItem):
    """One recorded item; ``item`` is what edit and delete act on (None: read-only).

    Detail lines are labels of their own, indented by CSS, so a wrapped detail
    stays under its own start instead of running back to the left edge.
    """

    def __init__(self, row: Row) -> None:
        labels = [Label(row.content), *(Label(d, classes="detail") for d in row.details)]
        super().__init__(*labels, classes=row.classes)
        self.item = row.item
        self.key = row.key
        self.texts = row.texts
        self.signature = row.signature

    def take(self, other: Row) -> None:
        """Show ``other``'s content in this (mounted) row: one row redrawn, not the list."""
        self.item, self.signature = other.item, other.signature
        labels = list(self.query(Label).results(Label))
        if len(labels) == len(other.texts):
            for label, text in zip(labels, other.texts, strict=True):
                label.update(text)
        else:
            self.remove_children()
            self.mount_all(
                [Label(other.texts[0]), *(Label(d, classes="detail") for d in other.texts[1:])]
            )
        self.texts = other.texts
        # The list's own state classes (-highlight) stay; the item's kind classes follow it.
        state = {name for name in self.classes if name.startswith("-")}
        self.set_classes({*other.classes.split(), *state})


def row_key(item: object, content: Text) -> str:
    """What makes a row the same row across reloads: the item's identity, not its text."""
    if isinstance(item, FollowUp):
        return f"follow-up:{item.action.id}"
    if isinstance(item, TrialAction):
        return f"action:{item.id}"
    if isinstance(item, Pending):
        return f"pending:{item.number}"
    if isinstance(item, Note | Decision):
        return f"{type(item).__name__}:{item.id}"
    return f"text:{content.plain}"


@dataclass(frozen=True)
class Synced:
    """What sync_rows did to the list."""

    removed: bool
    added: bool

    @property
    def reshaped(self) -> bool:
        return self.removed or self.added


def sync_rows(view: ListView, rows: list[Row]) -> Synced:
    """Make ``view`` show ``rows``, touching only the rows that changed.

    Rows are matched by key up to the first difference; a "saving..." row whose
    item has arrived becomes that item's row in place. Past the first other
    difference, the old rows are removed and the new ones mounted (recording
    appends, so that is one row). Widgets are made only for the rows mounted.
    """
    current = [child for child in view.children if isinstance(child, ItemRow)]
    same = 0
    while same < min(len(current), len(rows)):
        old, new = current[same], rows[same]
        if old.key != new.key:
            if not old.key.startswith("pending:") or new.key.startswith("pending:"):
                break
            old.key = new.key  # the line was saved: its row now shows the item
        if old.signature != new.signature:
            old.take(new)
        same += 1
    if same < len(current):
        view.remove_items(range(same, len(current)))
    if same < len(rows):
        view.extend(ItemRow(row) for row in rows[same:])
    return Synced(removed=same < len(current), added=same < len(rows))


def pending_row(entry: Pending) -> Row:
    """'saving...' while the store works; the reason, and Enter to try again, if it refused."""
    if entry.problem is None:
        text = Text(f"{t('entry.saving')} ", style="dim italic")
        text.append_text(literal(entry.text, "dim"))
        return Row(text, entry, classes="pending")
    text = Text(f"{t('entry.not_saved')} ", style="bold")
    text.append_text(literal(entry.text))
    return Row(text, entry, details=(literal(entry.problem, "italic"),), classes="unsaved")


def note_row(note: Note) -> Row:
    text = Text()
    if note.kind is not NoteKind.NOTE:
        text.append(f"{t(f'kind.{note.kind.value}')}: ", style="bold")
    text.append_text(literal(note.text))
    if note.source:
        text.append(f"  ({t('field.source').lower()}: ", style="dim")
        text.append_text(literal(note.source, "dim"))
        text.append(")", style="dim")
    return Row(text, note, classes=f"kind-{note.kind.value}")


def parked_row(note: Note) -> Row:
    text = Text(f"{t('kind.parked-idea')}: ", style="italic")
    text.append_text(literal(note.text, "italic"))
    return Row(text, None, classes="parked")


def decision_row(decision: Decision) -> Row:
    text = Text(f"{t('item.decision')}: ", style="bold")
    text.append_text(literal(decision.text))
    return Row(text, decision, classes="decision")


def trial_action_row(action: TrialAction, adapted_from_title: str | None = None) -> Row:
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
    return Row(text, action, details=tuple(details), classes="trial-action")


def follow_up_row(entry: FollowUp) -> Row:
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
    return Row(text, entry, details=(*details, state), classes="follow-up")


def phase_rows(
    room: MeetingRoom,
    guarded: Callable[[Callable[[], Any]], Any],
    title_of: Callable[[str | None], str | None],
) -> list[Row]:
    """The rows of the phase shown: what it recorded, or the trial actions to follow up.

    ``guarded`` runs the store calls (a refused read shows an empty list and says why).
    """
    if room.records is Recording.FOLLOWUP:
        actions = guarded(room.open_trial_actions) or []
        earlier = guarded(lambda: room.earlier_evaluations(actions)) or {}
        rows = [
            follow_up_row(
                FollowUp(a, room.evaluation_of(a.id), room.adaptation_of(a.id), earlier.get(a.id))
            )
            for a in actions
        ]
        return rows or [Row(Text(t("followup.none"), style="italic"), None)]
    rows = [note_row(n) for n in room.notes_here()]
    if room.records is Recording.NEXT:
        rows += [decision_row(d) for d in room.meeting.decisions]
        rows += [trial_action_row(a, title_of(a.adapted_from)) for a in room.meeting.trial_actions]
        rows += [parked_row(n) for n in room.parked_ideas()]
    return rows


def show_rows(items: ListView, rows: list[Row], select: object = None) -> None:
    """Show ``rows`` in ``items`` with ``select``'s row highlighted and in view.

    Only the rows that changed are redrawn: a reload after every save elsewhere
    must not rebuild the list (nor lose the highlighted row).
    """
    previous = items.index
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
            items.call_after_refresh(_highlight, items, target)
        else:
            _scroll_into_view(items, target)


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
