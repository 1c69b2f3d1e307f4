"""The summary after a meeting: time per phase, decisions, trial actions, and the referat."""

from __future__ import annotations

from functools import partial

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Markdown, Static

from refleksionsrum.core.export import referat
from refleksionsrum.core.i18n import duration, long_date, planned, t
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.models import TrialAction
from refleksionsrum.core.visible import plain
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.reading import ReadingView
from refleksionsrum.tui.referater import save_in_referater
from refleksionsrum.tui.roomscreen import RoomScreen
from refleksionsrum.tui.text import literal
from refleksionsrum.tui.titlebar import TitleBar

BAR_WIDTH = 24


def time_bars(room: MeetingRoom) -> Table:
    """Planned against used time per phase, as a small bar chart."""
    phases = room.meeting.phases
    # The time box is the plan plus the minutes added in the meeting (F2, F3).
    scale = max([p.budget_ms for p in phases] + [p.elapsed_ms for p in phases] + [1])
    table = Table(box=None, padding=(0, 1), expand=False)
    table.add_column(t("referat.phase"))
    table.add_column(t("referat.planned"), justify="right")
    table.add_column(t("referat.used"), justify="right")
    table.add_column("")
    for phase in phases:
        box = phase.budget_ms
        used = phase.elapsed_ms
        bar = Text()
        filled = round(BAR_WIDTH * min(used, box) / scale)
        over = round(BAR_WIDTH * max(0, used - box) / scale)
        rest = max(0, round(BAR_WIDTH * box / scale) - filled)
        bar.append("█" * filled, style="green")
        bar.append("█" * over, style="red")
        bar.append("░" * rest, style="dim")
        plan = planned(phase.planned_minutes, phase.added_minutes)
        # Whole seconds as the session file has them (the live clock counts down in its own way).
        table.add_row(literal(phase.title), plan, duration(phase.elapsed_seconds * 1000), bar)
    total_planned = planned(
        sum(p.planned_minutes for p in phases), sum(p.added_minutes for p in phases)
    )
    total_used = sum(p.elapsed_seconds for p in phases) * 1000  # adds up to the rows above
    table.add_row(
        Text(t("summary.total"), style="bold"),
        total_planned,
        Text(duration(total_used), style="bold"),
        "",
    )
    return table


class SummaryScreen(RoomScreen):
    """Shown when a meeting ends, and for a recent meeting chosen on the start screen."""

    BINDINGS = [
        Binding("ctrl+s", "save_referat", "key.save_referat"),
        Binding("escape", "back", "key.back"),
    ]

    def followed_up(self) -> dict[str, TrialAction]:
        found = {}
        store = self.room.store
        for evaluation in self.room.meeting.evaluations:
            action = self.rr.guarded(partial(store.trial_action, evaluation.trial_action))
            if action is not None:
                found[action.id] = action
        return found

    def compose(self) -> ComposeResult:
        meeting = self.room.meeting
        titles = self.followed_up()
        yield TitleBar()
        with VerticalScroll(id="summary"):
            yield Label(t("summary.title"), classes="panel-title")
            yield Static(literal(f"{meeting.title} · {long_date(meeting.started_at)}", "bold"))
            yield Static(time_bars(self.room), id="time-bars")
            yield Label(t("referat.decisions"), classes="panel-title")
            yield Static(_bullets([d.text for d in meeting.decisions]))
            yield Label(t("referat.trial_actions"), classes="panel-title")
            yield Static(
                _bullets(
                    [f"{a.title} · {a.owner} · {long_date(a.due)}" for a in meeting.trial_actions]
                )
            )
            yield Label(t("referat.evaluations"), classes="panel-title")
            yield Static(
                _bullets(
                    [
                        f"{_title(titles, e.trial_action)}: {t(f'verdict.{e.verdict.value}')}"
                        for e in meeting.evaluations
                    ]
                )
            )
        # Below the scrolling summary, not in it: at 80x24 the focused button scrolled the
        # summary to its end, and the screen opened without its title and the meeting's name.
        with Vertical(id="summary-actions"):
            yield Static(id="saved", classes="hint")
            with Horizontal(classes="form-buttons"):
                yield Button(t("summary.save_referat"), variant="primary", id="save-referat")
                yield Button(t("summary.show_referat"), id="show-referat")
                yield Button(t("summary.back"), id="back")
        yield RoomFooter()

    def on_mount(self) -> None:
        self.title = plain(self.room.meeting.title)
        self.query_one("#save-referat", Button).focus()

    def referat_text(self) -> str:
        title = self.rr.workspace.config.template_title(self.room.meeting.template)
        return referat(self.room.meeting, self.followed_up(), title)

    @on(Button.Pressed, "#save-referat")
    def action_save_referat(self) -> None:
        status = self.query_one("#saved", Static)
        name = f"{self.room.meeting.id}.md"
        save_in_referater(self.rr.workspace, name, self.referat_text(), status, "summary")

    @on(Button.Pressed, "#show-referat")
    def show_referat(self) -> None:
        self.app.push_screen(ReferatView(self.referat_text()))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.rr.back_to_start()


class ReferatView(ReadingView):
    """The referat as the team will read it."""

    def __init__(self, markdown: str) -> None:
        super().__init__("referat", Markdown(markdown))


def _title(titles: dict[str, TrialAction], action_id: str) -> str:
    return titles[action_id].title if action_id in titles else action_id


def _bullets(lines: list[str]) -> Text:
    if not lines:
        return Text(t("summary.none"), style="dim italic")
    out = Text()
    for line in lines:
        out.append("• ")
        out.append_text(literal(line))
        out.append("\n")
    return out
