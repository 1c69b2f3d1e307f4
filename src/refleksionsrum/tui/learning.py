"""The learning log: what each evaluation taught, by development point, newest first."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from refleksionsrum.core.history.learning import (
    Lesson,
    PointCount,
    learning_markdown,
    learning_points,
    read_learning,
    read_lessons,
)
from refleksionsrum.core.i18n import short_date, t
from refleksionsrum.core.kinds import Verdict
from refleksionsrum.tui.appof import OurApp
from refleksionsrum.tui.background import Reader
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.keys import translate_bindings
from refleksionsrum.tui.referater import save_in_referater
from refleksionsrum.tui.text import literal
from refleksionsrum.tui.titlebar import TitleBar

EXPORT_NAME = "læringslog.md"
# Lessons read and drawn at a time: a development point of a long history has tens of
# thousands; the next page is read as the reader scrolls near the end.
PAGE = 50
# The first page: a screenful at 160x45 (a lesson takes three lines or more), drawn fast.
FIRST_PAGE = 15
# Lines left below the view when the next page is asked for.
AHEAD = 20
VERDICT_STYLE = {
    Verdict.ADOPT: "bold green",
    Verdict.ADAPT: "bold yellow",
    Verdict.ABANDON: "bold red",
    Verdict.CONTINUE: "bold",
}


def lessons_text(lessons: list[Lesson]) -> Text:
    out = Text()
    for lesson in lessons:
        out.append(f"{short_date(lesson.started_at)}  ", style="dim")
        out.append(t(f"verdict.{lesson.verdict.value}"), style=VERDICT_STYLE[lesson.verdict])
        out.append("  ")
        out.append_text(literal(lesson.title, "bold"))
        out.append("\n    ")
        if lesson.verdict is Verdict.ABANDON:
            out.append(f"{t('learning.abandoned_taught')}: ", style="italic")
        out.append_text(literal(lesson.learning))
        out.append("\n\n")
    return out


class LearningScreen(Screen[None]):
    """Development points on the left, their learning on the right; ctrl+s saves Markdown."""

    BINDINGS = [
        Binding("escape", "dismiss", "key.back"),
        Binding("ctrl+s", "export", "key.export"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.points: list[PointCount] = []
        self.point: PointCount | None = None
        self.lessons: list[Lesson] = []
        self.reader = Reader(self, "learning")
        self.exporter = Reader(self, "learning-export")

    rr = OurApp()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="learning"):
            with VerticalScroll(id="learning-points", classes="panel"):
                yield Label(t("learning.points"), classes="panel-title")
                yield OptionList(id="points")
            with VerticalScroll(id="learning-lessons", classes="panel"):
                yield Label(t("learning.title"), id="lessons-title", classes="panel-title")
                yield Static(t("learning.loading"), id="learning-status", classes="hint")
                with Vertical(id="lesson-pages"):
                    yield Static(id="lessons")
        yield RoomFooter()

    def on_mount(self) -> None:
        self.sub_title = t("learning.title")
        self.query_one("#points", OptionList).focus()
        self.watch(self.query_one("#learning-lessons"), "scroll_y", self._scrolled, init=False)
        self.reader.read(learning_points, self._show_points)

    def _show_points(self, points: list[PointCount]) -> None:
        self.points = points
        self.query_one("#learning-status", Static).display = False
        if not points:
            self.query_one("#lessons", Static).update(t("learning.empty"))
            return
        options = self.query_one("#points", OptionList)
        options.add_options(
            [
                Option(
                    literal(f"{p.development_point or t('learning.no_point')} ({p.lessons})"),
                    id=str(index),
                )
                for index, p in enumerate(points)
            ]
        )
        options.highlighted = 0

    @on(OptionList.OptionHighlighted, "#points")
    def show_point(self, event: OptionList.OptionHighlighted) -> None:
        self.point = point = self.points[int(event.option.id or 0)]
        title = point.development_point or t("learning.no_point")
        self.query_one("#lessons-title", Label).update(literal(title))
        self.lessons = []
        for page in self.query(".lesson-page"):
            page.remove()
        self.query_one("#learning-lessons", VerticalScroll).scroll_home(animate=False)
        self._read()

    def _read(self) -> None:
        assert self.point is not None
        chosen, offset = self.point.development_point, len(self.lessons)
        limit = PAGE if offset else FIRST_PAGE
        self.reader.read(
            lambda store: read_lessons(store, chosen, offset=offset, limit=limit),
            self._show_lessons,
        )

    def _show_lessons(self, lessons: list[Lesson]) -> None:
        if not self.lessons:
            self.query_one("#lessons", Static).update(lessons_text(lessons))
        elif lessons:
            page = Static(lessons_text(lessons), classes="lesson-page")
            self.query_one("#lesson-pages", Vertical).mount(page)
        self.lessons += lessons
        # A page shorter than the panel cannot be scrolled to its end: fill the panel.
        self.call_after_refresh(self._scrolled)

    def _scrolled(self, _: float | None = None) -> None:
        """Near the end of what is drawn: the next page, if there is one."""
        view = self.query_one("#learning-lessons", VerticalScroll)
        more = self.point is not None and len(self.lessons) < self.point.lessons
        if more and not self.reader.busy and view.scroll_y >= view.max_scroll_y - AHEAD:
            self._read()

    def action_export(self) -> None:
        """The whole log as Markdown in referater/, CPR numbers masked: read off the UI thread."""
        self.exporter.read(lambda store: learning_markdown(read_learning(store)), self._save)

    def _save(self, markdown: str) -> None:
        status = self.query_one("#learning-status", Static)
        status.display = True
        save_in_referater(self.rr.workspace, EXPORT_NAME, markdown, status, "learning")
