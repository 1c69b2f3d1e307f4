"""The data review's charts: flip through the data sources, read the verdict, note what it says.

Imported only when a data phase with [[data]] sources is shown, so the first screen
loads none of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from refleksionsrum.core.data.marks import measured_by
from refleksionsrum.core.data.remember import mark_shown
from refleksionsrum.core.data.textchart import ChartInput, Ink, draw
from refleksionsrum.core.data.verdict import number, observation
from refleksionsrum.core.data.views import DataView, action_points, load_view, mentions
from refleksionsrum.core.i18n import short_date, t
from refleksionsrum.core.models import Note, NoteKind, TrialAction
from refleksionsrum.tui.text import literal

if TYPE_CHECKING:
    from refleksionsrum.core.data.sources import DataSource
    from refleksionsrum.core.meeting.room import MeetingRoom

# How each kind of chart cell is coloured; signal points stand out from the back row.
_STYLE = {
    Ink.BLANK: "",
    Ink.AXIS: "dim",
    Ink.LABEL: "",
    Ink.LINE: "bold $primary",
    Ink.POINT: "bold",
    Ink.SIGNAL: "bold $warning",
    Ink.MEDIAN: "$success",
    Ink.MEDIAN_SIGNAL: "bold $warning",
    Ink.ACTION: "bold $accent",
}
_LATEST = 5


class DataReview(Vertical):
    """One data source at a time: a run chart, its latest values and the verdict."""

    def __init__(self, room: MeetingRoom, sources: tuple[DataSource, ...]) -> None:
        super().__init__(id="data-review")
        self.room = room
        self.sources = sources
        self.index = 0
        self._views: dict[int, DataView] = {}
        self._actions: list[TrialAction] | None = None
        # How many times a chart was drawn: tests and benchmarks wait on it.
        self.painted = 0

    def compose(self) -> ComposeResult:
        yield Static(id="data-head")
        with Horizontal(id="data-body"):
            yield Static(id="data-chart")
            yield Static(id="data-latest")
        yield Static(id="data-verdict")

    def on_mount(self) -> None:
        self.show()

    def on_resize(self, event: events.Resize) -> None:
        self.draw_chart()

    @property
    def view(self) -> DataView:
        if self.index not in self._views:
            # Read when first shown: a meeting that never flips to a source never reads it.
            self._views[self.index] = load_view(self.sources[self.index], self.room.workspace.root)
        return self._views[self.index]

    def flip(self, step: int = 1) -> None:
        self.index = (self.index + step) % len(self.sources)
        self.show()

    def show(self) -> None:
        view = self.view
        head = Text()
        head.append(view.source.name, style="bold")
        head.append("  " + t("data.of", n=self.index + 1, total=len(self.sources)), style="dim")
        if len(self.sources) > 1:
            head.append("  " + t("data.flip_hint"), style="dim")
        self.query_one("#data-head", Static).update(head)
        self.draw_chart()
        self._remember(view)

    def _remember(self, view: DataView) -> None:
        try:
            mark_shown(self.room.store, self.room.meeting, view, self.room.clock.now())
        except Exception:  # the store's trouble shows at the next save; the chart stays
            return

    def actions(self) -> list[TrialAction]:
        if self._actions is None:
            try:
                self._actions = measured_by(self.room.store, self.sources)
            except Exception:
                self._actions = []
        return self._actions

    def draw_chart(self) -> None:
        """Show the verdict and latest values, then the chart in the room that is left."""
        view = self.view
        chart = self.query_one("#data-chart", Static)
        latest = self.query_one("#data-latest", Static)
        verdict = self.query_one("#data-verdict", Static)
        if view.problem is not None or view.series is None:
            problem = view.problem.render() if view.problem else ""
            chart.update(literal(problem))
            chart.add_class("warning")
            latest.update("")
            verdict.update("")
            return
        chart.remove_class("warning")
        latest.update(self._latest_table(view))
        verdict.update(self._verdict_text(view, self._marked(view)[1]))
        # The chart's size is known once the verdict has taken its lines.
        self.call_after_refresh(self.paint_chart)

    def _marked(self, view: DataView) -> tuple[tuple[int, ...], list[TrialAction]]:
        actions = [a for a in self.actions() if mentions(a, view.source)]
        marks = action_points(view, actions)
        return marks, actions if marks else []

    def paint_chart(self) -> None:
        view = self.view
        if view.series is None:
            return
        chart = self.query_one("#data-chart", Static)
        points = view.series.points
        rows = draw(
            ChartInput(
                tuple(p.y for p in points),
                view.parts,
                points[0].label,
                points[-1].label,
                self._marked(view)[0],
            ),
            max(chart.content_size.width, 20),
            max(chart.content_size.height, 5),
            number,
        )
        text = Text(no_wrap=True, overflow="crop")
        for r, row in enumerate(rows):
            if r:
                text.append("\n")
            for char, ink in row:
                text.append(char, style=_resolve(self, _STYLE[ink]))
        chart.update(text)
        self.painted += 1

    def _latest_table(self, view: DataView) -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="left")
        table.add_column(justify="right")
        table.add_row(Text(t("data.latest"), style="bold"), "")
        signal = set().union(*(part.signal_points() for part in view.parts))
        points = view.series.points if view.series else ()
        for index in range(max(len(points) - _LATEST, 0), len(points)):
            point = points[index]
            label = short_date(point.when) if point.when else point.label
            style = "bold" if index in signal else ""
            table.add_row(literal(label[:14]), Text(number(point.y), style=style))
        return table

    def _verdict_text(self, view: DataView, actions: list[TrialAction]) -> Text:
        current = view.current
        text = Text()
        if current is None:
            return text
        text.append(t("data.median", median=number(current.median)), style="bold")
        if len(view.parts) > 1:
            text.append(" " + t("data.last_part", n=len(view.parts)))
        text.append("  ")
        text.append(view.verdict(), style="bold" if current.signal else "")
        for action in actions:
            text.append("\n▼ ", style="bold")
            text.append_text(literal(action.title))
            if action.meeting_started_at is not None:
                text.append(" (" + short_date(action.meeting_started_at) + ")", style="dim")
        return text

    def note_text(self) -> tuple[str, str] | None:
        """The observation the chart supports and its source; None while it cannot be read."""
        current = self.view.current
        if current is None:
            return None
        return observation(self.view.source.name, current), self.view.source.name


def _resolve(widget: DataReview, style: str) -> str:
    # Theme variables ($primary...) are not Rich styles; look them up in the app's theme.
    if "$" not in style:
        return style
    variables = widget.app.get_css_variables()
    return " ".join(
        variables.get(word[1:], "") if word.startswith("$") else word for word in style.split()
    ).strip()


def record_from_chart(room: MeetingRoom, review: DataReview) -> Note | None:
    """Add the chart's observation as a note of the data phase, with the source named."""
    found = review.note_text()
    if found is None:
        return None
    text, source = found
    return room.add_note(NoteKind.OBSERVATION, text, source)


def review_of(screen: object) -> DataReview | None:
    query = getattr(screen, "query", None)
    if query is None:
        return None
    found = list(query(DataReview).results(DataReview))
    return found[0] if found else None
