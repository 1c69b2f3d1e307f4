"""The learning log: what each evaluation taught, by development point, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from refleksionsrum.core.history.learning import LessonGroup, learning_markdown, read_learning
from refleksionsrum.core.i18n import short_date, t
from refleksionsrum.core.models import Verdict
from refleksionsrum.tui.keys import translate_bindings
from refleksionsrum.tui.text import literal

if TYPE_CHECKING:
    from refleksionsrum.tui.app import RefleksionsrumApp

EXPORT_NAME = "læringslog.md"
VERDICT_STYLE = {
    Verdict.ADOPT: "bold green",
    Verdict.ADAPT: "bold yellow",
    Verdict.ABANDON: "bold red",
    Verdict.CONTINUE: "bold",
}


def group_text(group: LessonGroup) -> Text:
    out = Text()
    for lesson in group.lessons:
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
        Binding("escape", "back", "key.back"),
        Binding("ctrl+s", "export", "key.export"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.groups: list[LessonGroup] = []

    @property
    def rr(self) -> RefleksionsrumApp:
        return cast("RefleksionsrumApp", self.app)

    def compose(self) -> ComposeResult:
        store = self.rr.store
        assert store is not None
        self.groups = read_learning(store)
        yield Header(show_clock=False)
        with Horizontal(id="learning"):
            with VerticalScroll(id="learning-points", classes="panel"):
                yield Label(t("learning.points"), classes="panel-title")
                yield OptionList(
                    *[
                        Option(
                            literal(
                                f"{g.development_point or t('learning.no_point')}"
                                f" ({len(g.lessons)})"
                            ),
                            id=str(index),
                        )
                        for index, g in enumerate(self.groups)
                    ],
                    id="points",
                )
            with VerticalScroll(id="learning-lessons", classes="panel"):
                yield Label(t("learning.title"), id="lessons-title", classes="panel-title")
                yield Static(id="lessons")
                yield Static(id="learning-status", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("learning.title")
        points = self.query_one("#points", OptionList)
        points.focus()
        if self.groups:
            points.highlighted = 0
        else:
            self.query_one("#lessons", Static).update(t("learning.empty"))

    @on(OptionList.OptionHighlighted, "#points")
    def show_group(self, event: OptionList.OptionHighlighted) -> None:
        group = self.groups[int(event.option.id or 0)]
        title = group.development_point or t("learning.no_point")
        self.query_one("#lessons-title", Label).update(literal(title))
        self.query_one("#lessons", Static).update(group_text(group))

    def action_export(self) -> None:
        """The whole log as Markdown in referater/, CPR numbers masked."""
        from refleksionsrum.core.files.atomic import atomic_write_text
        from refleksionsrum.core.workspace import make_private_folder

        folder = self.rr.workspace.referat_dir
        path = folder / EXPORT_NAME
        status = self.query_one("#learning-status", Static)
        try:
            make_private_folder(folder)
            atomic_write_text(path, learning_markdown(self.groups))
        except OSError as error:
            reason = error.strerror or ""
            status.update(literal(t("learning.save_failed", path=str(path), reason=reason)))
            return
        status.update(literal(t("learning.saved", path=str(path))))

    def action_back(self) -> None:
        self.dismiss(None)
