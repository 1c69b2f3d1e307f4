"""The trial-action board: every trial action in one table, and each one's whole story."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static, Tab, Tabs

from refleksionsrum.core.history.board import (
    ActionView,
    BoardView,
    chain,
    read_board_page,
)
from refleksionsrum.core.i18n import long_date, short_date, t
from refleksionsrum.core.kinds import ActionStatus
from refleksionsrum.tui.appof import OurApp
from refleksionsrum.tui.background import PAGE, PagedTable, Reader
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.keys import translate_bindings
from refleksionsrum.tui.reading import ReadingView
from refleksionsrum.tui.text import literal
from refleksionsrum.tui.titlebar import TitleBar

if TYPE_CHECKING:
    from refleksionsrum.core.history.page import Page
    from refleksionsrum.core.store.database import Store
    from refleksionsrum.tui.app import RefleksionsrumApp

TABS = (BoardView.OPEN, BoardView.DUE, BoardView.OVERDUE, BoardView.CLOSED, BoardView.ALL)


class BoardScreen(Screen[None]):
    """Open, due, overdue and closed trial actions; Enter tells one's story."""

    BINDINGS = [Binding("escape", "dismiss", "key.back")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.view = BoardView.OPEN
        self.reader = Reader(self, "board")
        # A long history has thousands of closed trial actions: read soonest due first.
        self.pages = PagedTable(self.reader, "#actions", self._ask, self._add_rows, StoryScreen)

    rr = OurApp()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="board", classes="panel"):
            yield Tabs(*[Tab(t(f"board.tab.{view.value}"), id=view.value) for view in TABS])
            yield Static(id="board-status", classes="hint")
            yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
        yield RoomFooter()

    def on_mount(self) -> None:
        self.sub_title = t("board.title")
        table = self.query_one("#actions", DataTable)
        for column in ("title", "owner", "due", "overdue", "point", "verdict"):
            table.add_column(t(f"board.col.{column}"), key=column)
        table.focus()

    @on(Tabs.TabActivated)
    def show_tab(self, event: Tabs.TabActivated) -> None:
        self.view = BoardView(event.tab.id or BoardView.OPEN.value)
        self.query_one("#board-status", Static).update(t("board.loading"))
        self.pages.restart()

    def _ask(self, offset: int) -> Callable[[Store], Page[ActionView]]:
        view, today = self.view, self.rr.clock.now().date()
        return lambda store: read_board_page(store, view, today, offset=offset, limit=PAGE)

    def _add_rows(
        self, table: DataTable[Any], fresh: list[ActionView], page: Page[ActionView]
    ) -> None:
        today = self.rr.clock.now().date()
        for action in fresh:
            late = action.days_overdue(today)
            verdict = action.latest_verdict
            table.add_row(
                literal(action.action.title),
                literal(action.action.owner),
                short_date(action.action.due),
                Text(str(late), style="bold red") if late else "",
                literal(action.action.development_point or ""),
                t(f"verdict.{verdict.value}") if verdict else "",
                key=action.id,
            )
        status = self.query_one("#board-status", Static)
        status.update(t("board.count", count=page.count) if page.count else t("board.none"))

    @on(DataTable.RowHighlighted, "#actions")
    @on(DataTable.RowSelected, "#actions")
    def row_event(self, event: DataTable.RowHighlighted | DataTable.RowSelected) -> None:
        self.pages.row_event(event)  # Enter tells the action's story


def story_text(action: ActionView, links: list[ActionView]) -> Text:
    """Where it was planned, each evaluation, and the adaptation chain both ways."""
    out = Text()
    out.append_text(literal(action.action.title, "bold"))
    out.append(f"\n{t('field.owner')}: ")
    out.append_text(literal(action.action.owner))
    out.append(f" · {t('field.due')}: {long_date(action.action.due)} {action.action.due.year}\n")
    planned = t("story.planned", meeting="{meeting}", date=short_date(action.planned_at))
    before, _, after = planned.partition("{meeting}")
    out.append(before)
    out.append_text(literal(action.planned_title, "italic"))
    out.append(after + "\n")
    for label, value in (
        (t("field.prediction"), action.action.prediction),
        (t("field.measure"), action.action.measure),
        (t("field.development_point"), action.action.development_point or ""),
    ):
        if value:
            out.append(f"{label}: ", style="dim")
            out.append_text(literal(value))
            out.append("\n")
    out.append("\n")
    if not action.evaluations:
        out.append(t("story.no_evaluations") + "\n", style="italic")
    for view in action.evaluations:
        ev = view.evaluation
        when = t("story.evaluated", meeting="{meeting}", date=short_date(view.started_at))
        before, _, after = when.partition("{meeting}")
        out.append(before, style="bold")
        out.append_text(literal(view.meeting_title, "bold"))
        out.append(after + f" · {t('verdict.' + ev.verdict.value)}\n", style="bold")
        rows = (
            (t("field.carried_out"), t(f"carried.{ev.carried_out.value}")),
            (t("field.what_happened"), ev.what_happened),
            (t("field.compared"), ev.compared_to_prediction or ""),
            (t("field.learning"), ev.learning),
        )
        for label, value in rows:
            if value:
                out.append(f"  {label}: ", style="dim")
                out.append_text(literal(value))
                out.append("\n")
    if len(links) > 1:
        out.append(f"\n{t('story.chain')}\n", style="bold")
        for link in links:
            marker = "▶ " if link.id == action.id else "  "
            state = t("story.open") if link.status is ActionStatus.OPEN else t("story.closed")
            out.append(marker)
            out.append_text(literal(link.action.title, "bold" if link.id == action.id else ""))
            out.append(f" · {short_date(link.planned_at)} · {state}", style="dim")
            if link.id == action.id:
                out.append(f" ({t('story.this')})", style="dim")
            out.append("\n")
        if action.action.adapted_from:
            out.append(f"{t('story.adapted_from')}: {action.action.adapted_from}\n", style="dim")
        if action.adapted_into:
            into = ", ".join(action.adapted_into)
            out.append(f"{t('story.adapted_into')}: {into}\n", style="dim")
    return out


class StoryScreen(ReadingView):
    """One trial action's whole story."""

    def __init__(self, action_id: str) -> None:
        super().__init__("story")
        self.action_id = action_id

    def body(self) -> Iterable[Widget]:
        store = cast("RefleksionsrumApp", self.app).store
        assert store is not None
        links = chain(store, self.action_id)
        found = [link for link in links if link.id == self.action_id]
        yield Label(t("story.title"), classes="panel-title")
        if found:
            yield Static(story_text(found[0], links), id="story-text")
