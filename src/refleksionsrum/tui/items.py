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
from refleksionsrum.tui.internals import after_frame
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
    """What one row of the list shows, and the item it acts on (None: read-only).

    Plain data: a reload builds the rows of the phase to compare them with the
    rows on screen, and only a row that is new becomes a widget (ItemRow).
    """

    content: Text
    item: Item | FollowUp | Pending | None
    details: tuple[Text, ...] = ()
    # Only classes app.tcss styles: a row whose class changes is restyled with its
    # labels, and a phase change hands every row widget another phase's row.
    classes: str = ""

    @cached_property
    def key(self) -> str:
        return row_key(self.item, self.content)

    @property
    def texts(self) -> tuple[Text, ...]:
        return (self.content, *self.details)

    @cached_property
    def signature(self) -> tuple[str, ...]:
        return (*(text.markup for text in self.texts), self.classes)


class ItemRow(ListItem):
    """One recorded item on screen; ``item`` is what edit and delete act on (None: read-only).

    Detail lines are labels of their own, indented by CSS, so a wrapped detail
    stays under its own start instead of running back to the left edge. A row
    without details draws its one line itself: a label in it was a second widget
    per row for Textual to lay out and render at every phase change.
    """

    def __init__(self, row: Row, *, spare: bool = False) -> None:
        super().__init__(*_labels(row), classes=row.classes, disabled=spare)
        self.row = row
        self.key = row.key
        # A spare row waits hidden at the end of its list (disabled, so the cursor
        # passes it by): a new item takes it in the frame that empties the entry line,
        # where a row mounted then came a frame (about 30 ms) later.
        self.spare = spare
        self.display = not spare

    @classmethod
    def spare_row(cls) -> ItemRow:
        return cls(Row(Text(""), None), spare=True)

    @property
    def item(self) -> Item | FollowUp | Pending | None:
        return self.row.item

    def render(self) -> Text:
        return Text() if self.row.details else self.row.content

    def shown_texts(self) -> list[Text]:
        """The lines this row draws: its own, or its labels' (tests and benchmarks read them)."""
        labels = list(self.query(Label).results(Label))
        if not labels:
            return [self.row.content]
        return [label.content for label in labels if isinstance(label.content, Text)]

    def take(self, row: Row) -> None:
        """Show ``row`` here: changed lines updated, nothing mounted unless their number differs."""
        old, self.row, self.key = self.row, row, row.key
        if old.signature == row.signature:
            # The same lines (a reload brings new objects for unchanged items): no query.
            return
        if not old.details and not row.details:
            self.refresh(layout=True)
        elif len(old.texts) == len(row.texts):
            labels = list(self.query(Label).results(Label))
            for label, before, after, text in zip(
                labels, old.signature, row.signature, row.texts, strict=False
            ):
                if before != after:
                    label.update(text)
        else:
            self.remove_children()
            self.mount_all(_labels(row))
            self.refresh(layout=True)
        if old.classes != row.classes:
            # The list's own state classes (-highlight) stay; the item's kind classes follow it.
            state = {name for name in self.classes if name.startswith("-")}
            self.set_classes({*row.classes.split(), *state})


def _labels(row: Row) -> list[Label]:
    """A row's lines as labels; none when it has only its first line (drawn by the row)."""
    if not row.details:
        return []
    return [Label(row.content), *(Label(d, classes="detail") for d in row.details)]


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


def sync_rows(view: ListView, rows: list[Row]) -> bool:
    """Make ``view`` show ``rows``, touching only the rows that changed.

    The row widgets on screen are kept and given the new rows' content in
    order (a phase change, a deleted item): updating a label costs far less
    than removing a row widget and mounting another. Only the rows past the
    end are mounted, or removed. True when rows were removed or added.
    """
    current = shown_rows(view)
    spares = [child for child in view.children if isinstance(child, ItemRow) and child.spare]
    for old, new in zip(current, rows, strict=False):
        if old.row.signature != new.signature or old.key != new.key or old.item is not new.item:
            old.take(new)
    kept = min(len(current), len(rows))
    if kept < len(current):
        # The shown rows come first, the spares after them.
        view.remove_items(range(kept, len(current)))
    extra = rows[kept:]
    for spare, row in zip(spares, extra, strict=False):
        spare.take(row)
        spare.spare, spare.disabled, spare.display = False, False, True
    mounted = extra[len(spares) :]
    if mounted:
        # Every spare is taken by now: the new rows follow the last of them.
        view.extend([ItemRow(row) for row in mounted])
    if len(extra) >= len(spares):
        # One spare again, for the next item, once this frame is drawn.
        after_frame(view.screen, lambda: _add_spare(view))
    return kept < len(current) or bool(mounted)


def shown_rows(view: ListView) -> list[ItemRow]:
    """The rows of ``view`` that show an item (not the spare waiting at the end)."""
    return [child for child in view.children if isinstance(child, ItemRow) and not child.spare]


def _add_spare(view: ListView) -> None:
    if view.is_attached and not any(
        isinstance(child, ItemRow) and child.spare for child in view.children
    ):
        view.append(ItemRow.spare_row())


def pending_row(entry: Pending) -> Row:
    """'saving...' while the store works; the reason, and Enter to try again, if it refused."""
    if entry.problem is None:
        text = Text(f"{t('entry.saving')} ", style="dim italic")
        text.append_text(literal(entry.text, "dim"))
        return Row(text, entry)
    text = Text(f"{t('entry.not_saved')} ", style="bold")
    text.append_text(literal(entry.text))
    return Row(text, entry, details=(literal(entry.problem, "italic"),))


def note_row(note: Note) -> Row:
    text = Text()
    if note.kind is not NoteKind.NOTE:
        text.append(f"{t(f'kind.{note.kind.value}')}: ", style="bold")
    text.append_text(literal(note.text))
    if note.source:
        text.append(f"  ({t('field.source').lower()}: ", style="dim")
        text.append_text(literal(note.source, "dim"))
        text.append(")", style="dim")
    return Row(text, note)


def parked_row(note: Note) -> Row:
    text = Text(f"{t('kind.parked-idea')}: ", style="italic")
    text.append_text(literal(note.text, "italic"))
    return Row(text, None, classes="parked")


def decision_row(decision: Decision) -> Row:
    text = Text(f"{t('item.decision')}: ", style="bold")
    text.append_text(literal(decision.text))
    return Row(text, decision)


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
    return Row(text, action, details=tuple(details))


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
    return Row(text, entry, details=(*details, state))


def phase_rows(
    room: MeetingRoom,
    guarded: Callable[[Callable[[], Any]], Any],
    title_of: Callable[[str | None], str | None],
    phase: int | None = None,
) -> list[Row]:
    """The rows of a phase (the one shown, unless ``phase`` says which): what it
    recorded, or the trial actions to follow up.

    ``guarded`` runs the store calls (a refused read shows an empty list and says why).
    """
    key = room.meeting.phases[room.shown if phase is None else phase].key
    records = Recording.of_phase(key)
    if records is Recording.FOLLOWUP:
        actions = guarded(room.open_trial_actions) or []
        earlier = guarded(lambda: room.actions.earlier_evaluations(actions)) or {}
        rows = [
            follow_up_row(
                FollowUp(a, room.evaluation_of(a.id), room.adaptation_of(a.id), earlier.get(a.id))
            )
            for a in actions
        ]
        return rows or [Row(Text(t("followup.none"), style="italic"), None)]
    rows = [note_row(n) for n in room.meeting.notes_in(key)]
    if records is Recording.NEXT:
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
    reshaped = sync_rows(items, rows)
    target = next((i for i, row in enumerate(rows) if _same(row.item, select)), None)
    if target is None and previous is not None and rows:
        target = min(previous, len(rows) - 1)
    if target is None and rows:
        # A highlighted first row, so Enter acts at once without an arrow key first.
        target = 0
    if target is not None and (reshaped or target != items.index):
        _point(items, target)
        if reshaped:
            # Removed rows leave the DOM after this refresh: highlight once they have.
            items.call_after_refresh(_highlight, items, target)
        else:
            _scroll_into_view(items, target)


def _highlight(items: ListView, index: int) -> None:
    if index < len(items.children):
        _point(items, index)
        _scroll_into_view(items, index)


def _point(items: ListView, index: int) -> None:
    """Highlight row ``index``, unless it is already: each change of the highlight restyles
    the rows it leaves and reaches (about 4 ms each), and Enter changed it up to six times."""
    nodes = items.children
    row = nodes[index] if 0 <= index < len(nodes) else None
    if items.index == index and isinstance(row, ListItem) and row.highlighted:
        return
    if items.index == index:
        items.index = None  # another widget at the same place: the watcher must run
    items.index = index


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
