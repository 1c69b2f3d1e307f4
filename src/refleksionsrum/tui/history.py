"""Every meeting, newest first, with filters; and one finished meeting, read only."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from refleksionsrum.core.export import referat
from refleksionsrum.core.i18n import clock_time, long_date, short_date, t
from refleksionsrum.core.privacy import mask_cpr
from refleksionsrum.tui.appof import OurApp
from refleksionsrum.tui.background import PAGE, PagedTable, Reader
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.keys import translate_bindings
from refleksionsrum.tui.referater import save_in_referater
from refleksionsrum.tui.roomselect import RoomSelect
from refleksionsrum.tui.text import literal
from refleksionsrum.tui.titlebar import TitleBar

if TYPE_CHECKING:
    from refleksionsrum.core.history.meetings import MeetingFilter, MeetingLine
    from refleksionsrum.core.history.page import Page
    from refleksionsrum.core.models import Meeting, TrialAction
    from refleksionsrum.core.store.database import Store


class HistoryScreen(Screen[None]):
    """All meetings of the workspace; Enter opens one."""

    BINDINGS = [Binding("escape", "dismiss", "key.back")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.chosen: MeetingFilter | None = None
        self.reader = Reader(self, "history")
        # A page is a screenful and more of 10,000 meetings.
        self.pages = PagedTable(self.reader, "#meetings", self._ask, self._add_rows, RecordScreen)

    rr = OurApp()

    def compose(self) -> ComposeResult:
        templates = [(tpl.title, name) for name, tpl in self.rr.workspace.config.templates.items()]
        yield TitleBar()
        with Vertical(id="history", classes="panel"):
            yield Label(t("history.title"), classes="panel-title")
            with Horizontal(id="history-filters"):
                yield Input(placeholder=t("history.filter_text"), id="h-text")
                yield RoomSelect(templates, prompt=t("history.all_templates"), id="h-template")
                yield Input(placeholder=t("history.filter_from"), id="h-from")
                yield Input(placeholder=t("history.filter_to"), id="h-to")
            yield Static(t("history.loading"), id="history-status", classes="hint")
            yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield RoomFooter()

    def on_mount(self) -> None:
        self.sub_title = t("history.title")
        table = self.query_one("#meetings", DataTable)
        table.add_column(t("history.col.date"), key="date")
        table.add_column(t("history.col.title"), key="title")
        table.add_column(t("history.col.template"), key="template")
        self.refill()
        table.focus()

    @on(Input.Changed)
    @on(Select.Changed)
    def refill(self) -> None:
        from refleksionsrum.core.history.meetings import MeetingFilter
        from refleksionsrum.core.search.query import QueryError

        status = self.query_one("#history-status", Static)
        template = self.query_one("#h-template", Select).value
        try:
            since = self._day("#h-from", last=False)
            until = self._day("#h-to", last=True)
        except QueryError as error:
            status.update(literal(t(error.key, **error.params)))
            status.add_class("warning")
            return
        status.remove_class("warning")
        self.chosen = MeetingFilter(
            template=str(template) if isinstance(template, str) else None,
            text=self.query_one("#h-text", Input).value.strip() or None,
            since=since,
            until=until,
        )
        self.pages.restart()

    def _ask(self, offset: int) -> Callable[[Store], Page[MeetingLine]]:
        from refleksionsrum.core.history.meetings import meetings_page

        chosen = self.chosen
        return lambda store: meetings_page(store, chosen, offset=offset, limit=PAGE)

    def _day(self, selector: str, *, last: bool) -> date | None:
        from refleksionsrum.core.search.query import parse_day

        value = self.query_one(selector, Input).value.strip()
        return parse_day(value, last=last) if value else None

    def _add_rows(
        self, table: DataTable[Any], fresh: list[MeetingLine], page: Page[MeetingLine]
    ) -> None:
        for line in fresh:
            when = f"{short_date(line.started_at)} {clock_time(line.started_at)}"
            title = literal(line.title)
            if line.ended_at is None:
                title.append(f" · {t('history.running')}", style="italic")
            template = self.rr.workspace.config.template_title(line.template)
            table.add_row(when, title, literal(template), key=line.id)
        self.query_one("#history-status", Static).update(t("history.count", count=page.count))

    @on(DataTable.RowHighlighted, "#meetings")
    @on(DataTable.RowSelected, "#meetings")
    def row_event(self, event: DataTable.RowHighlighted | DataTable.RowSelected) -> None:
        self.pages.row_event(event)  # Enter opens the meeting's records


class RecordScreen(Screen[None]):
    """One meeting's records, read only, with its referat to show or save."""

    BINDINGS = [
        Binding("escape", "dismiss", "key.back"),
        Binding("r", "show_referat", "key.referat"),
        Binding("ctrl+s", "save_referat", "key.save_referat"),
    ]

    def __init__(self, meeting_id: str, at: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.meeting_id = meeting_id
        self.at = at
        self.meeting: Meeting | None = None
        self.titles: dict[str, TrialAction] = {}

    rr = OurApp()

    def compose(self) -> ComposeResult:
        store = self.rr.store
        assert store is not None
        self.meeting = meeting = store.load_meeting(self.meeting_id)
        for evaluation in meeting.evaluations:
            action = store.trial_action(evaluation.trial_action)
            if action is not None:
                self.titles[action.id] = action
        yield TitleBar()
        with Vertical(id="record", classes="panel"):
            heading = literal(meeting.title, "bold")
            heading.append(f" · {long_date(meeting.started_at)} {meeting.started_at.year}")
            template = self.rr.workspace.config.template_title(meeting.template)
            heading.append_text(literal(f" · {template}", "dim"))
            yield Static(heading)
            yield Static(t("record.read_only"), id="record-status", classes="hint")
            yield OptionList(*self._options(meeting), id="record-items")
        yield RoomFooter()

    def _options(self, meeting: Meeting) -> list[Option]:
        options: list[Option] = []

        def heading(text: str) -> None:
            options.append(Option(literal(text, "bold underline"), disabled=True))

        def item(where: str, label: str, text: str) -> None:
            line = Text.assemble((f"{label}: ", "dim"))
            line.append_text(literal(" ".join(text.split())))
            options.append(Option(line, id=where))

        if meeting.evaluations:
            heading(t("referat.evaluations"))
            for index, ev in enumerate(meeting.evaluations):
                action = self.titles.get(ev.trial_action)
                title = action.title if action else ev.trial_action
                verdict = t(f"verdict.{ev.verdict.value}")
                item(f"evaluations[{index}]", f"{title} · {verdict}", ev.learning)
        positions = {id(note): index for index, note in enumerate(meeting.notes)}
        for phase in meeting.phases:
            notes = meeting.notes_in(phase.key)
            if notes:
                heading(phase.title)
            for note in notes:
                item(f"notes[{positions[id(note)]}]", t(f"kind.{note.kind.value}"), note.text)
        if meeting.decisions:
            heading(t("referat.decisions"))
            for index, decision in enumerate(meeting.decisions):
                item(f"decisions[{index}]", t("search.kind.decision"), decision.text)
        if meeting.trial_actions:
            heading(t("referat.trial_actions"))
            for index, a in enumerate(meeting.trial_actions):
                item(f"trial_actions[{index}]", f"{a.owner} · {short_date(a.due)}", a.title)
        return options

    def on_mount(self) -> None:
        items = self.query_one("#record-items", OptionList)
        items.focus()
        if self.at is not None:
            # An item deleted since the search was made: stay at the top.
            with contextlib.suppress(OptionDoesNotExist):
                items.highlighted = items.get_option_index(self.at)
        if self.meeting is not None:
            self.sub_title = self.meeting.title

    def referat_text(self) -> str:
        assert self.meeting is not None
        title = self.rr.workspace.config.template_title(self.meeting.template)
        return mask_cpr(referat(self.meeting, self.titles, title))

    def action_show_referat(self) -> None:
        from refleksionsrum.tui.summary import ReferatView

        self.app.push_screen(ReferatView(self.referat_text()))

    def action_save_referat(self) -> None:
        status = self.query_one("#record-status", Static)
        name = f"{self.meeting_id}.md"
        save_in_referater(self.rr.workspace, name, self.referat_text(), status, "summary")
