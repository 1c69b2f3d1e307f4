"""The data review's charts: flip through the data sources, read the verdict, note what it says.

Imported only when a data phase with [[data]] sources is shown, so the first screen
loads none of it. Files are read in a worker thread: a large export never stops the clock.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from refleksionsrum.core.data.marks import measured_by
from refleksionsrum.core.data.remember import mark_shown
from refleksionsrum.core.data.textchart import ChartInput, Ink, Row, draw
from refleksionsrum.core.data.verdict import compact_verdict, number, observation
from refleksionsrum.core.data.views import DataView, action_points, load_view, mentions
from refleksionsrum.core.i18n import short_date, t
from refleksionsrum.core.models import Note, NoteKind, TrialAction
from refleksionsrum.core.store.database import StoreError
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
# Below this width the verdict is given in one short sentence, so the chart keeps its rows.
_COMPACT_BELOW = 90


class ChartView(Static):
    """The chart's cells; drawn again for its own size whenever that changes."""

    def on_resize(self, event: events.Resize) -> None:
        review = self.parent.parent if self.parent else None
        if isinstance(review, DataReview):
            review.paint_chart()


class DataReview(Vertical):
    """One data source at a time: a run chart, its latest values and the verdict."""

    def __init__(self, room: MeetingRoom, sources: tuple[DataSource, ...]) -> None:
        super().__init__(id="data-review")
        self.room = room
        self.sources = sources
        self.index = 0
        self._views: dict[int, DataView] = {}
        self._actions: list[TrialAction] | None = None
        self._drawn: dict[tuple[int, int, int], list[Row]] = {}
        # How many times a source was shown (chart or notice): tests and benchmarks wait on it.
        self.painted = 0

    def compose(self) -> ComposeResult:
        with Horizontal(id="data-body"):
            yield ChartView(id="data-chart")
            yield Static(id="data-latest")
        yield Static(id="data-verdict")

    def on_mount(self) -> None:
        self.show()

    def on_resize(self, event: events.Resize) -> None:
        if self.index in self._views:
            self.draw_chart()

    @property
    def view(self) -> DataView | None:
        return self._views.get(self.index)

    def flip(self, step: int = 1) -> None:
        self.index = (self.index + step) % len(self.sources)
        self.show()

    def show(self) -> None:
        source = self.sources[self.index]
        self.border_title = source.name
        self.border_subtitle = t("data.of", n=self.index + 1, total=len(self.sources)) + (
            " · " + t("data.flip_hint") if len(self.sources) > 1 else " · " + t("data.note_hint")
        )
        if self.index in self._views:
            self.draw_chart()
            return
        self.query_one("#data-chart", Static).update(Text(t("data.reading"), style="dim"))
        self.query_one("#data-verdict", Static).update("")
        self.query_one("#data-latest", Static).update("")
        self._read(self.index)

    @work(thread=True, group="data-read")
    def _read(self, index: int) -> None:
        # Read where the screen cannot wait for it, the store's bookkeeping too: a
        # large export or a slow database never stops the clock.
        view = load_view(self.sources[index], self.room.workspace.root)
        if self._actions is None:
            try:
                self._actions = measured_by(self.room.store, self.sources)
            except StoreError:  # a store in trouble says so elsewhere; the chart goes on
                self._actions = []
        # A store in trouble shows at the next save; the chart stays on the screen.
        with suppress(StoreError):
            mark_shown(self.room.store, self.room.meeting, view, self.room.clock.now())
        self.app.call_from_thread(self._read_done, index, view)

    def _read_done(self, index: int, view: DataView) -> None:
        self._views[index] = view
        if index == self.index:
            self.draw_chart()

    def draw_chart(self) -> None:
        """Show the verdict and latest values, then the chart in the room that is left."""
        view = self.view
        if view is None:
            return
        chart = self.query_one("#data-chart", Static)
        latest = self.query_one("#data-latest", Static)
        verdict = self.query_one("#data-verdict", Static)
        if view.problem is not None or view.series is None:
            chart.update(literal(view.problem.render() if view.problem else ""))
            chart.add_class("warning")
            latest.update("")
            verdict.update("")
            self.painted += 1
            return
        chart.remove_class("warning")
        latest.update(self._latest_table(view))
        verdict.update(self._verdict_text(view, self._marked(view)[1]))
        # The chart's size is known once the verdict has taken its lines.
        self.call_after_refresh(self.paint_chart)

    def _marked(self, view: DataView) -> tuple[tuple[int, ...], list[TrialAction]]:
        actions = [a for a in self._actions or () if mentions(a, view.source)]
        marks = action_points(view, actions)
        return marks, actions if marks else []

    def paint_chart(self) -> None:
        view = self.view
        if view is None or view.series is None:
            return
        chart = self.query_one("#data-chart", Static)
        width = max(chart.content_size.width, 20)
        height = max(chart.content_size.height, 5)
        key = (self.index, width, height)
        if key not in self._drawn:
            points = view.series.points
            self._drawn[key] = draw(
                ChartInput(
                    tuple(p.y for p in points),
                    view.parts,
                    points[0].label,
                    points[-1].label,
                    self._marked(view)[0],
                ),
                width,
                height,
                number,
            )
        # Styles looked up once per drawing, and runs of one ink appended as one span.
        styles = {ink: _resolve(self, style) for ink, style in _STYLE.items()}
        text = Text(no_wrap=True, overflow="crop")
        for r, row in enumerate(self._drawn[key]):
            if r:
                text.append("\n")
            start = 0
            for end in range(1, len(row) + 1):
                if end == len(row) or row[end][1] is not row[start][1]:
                    text.append("".join(c for c, _ in row[start:end]), style=styles[row[start][1]])
                    start = end
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
        median = number(current.median)
        if len(view.parts) > 1:
            # Split charts are judged on their last part: the process as it runs now.
            n = len(view.parts)
            text.append(t("data.part_median", n=n, total=n, median=median), style="bold")
        else:
            text.append(t("data.median", median=median), style="bold")
        text.append("  ")
        compact = self.size.width < _COMPACT_BELOW
        said = compact_verdict(current) if compact else view.verdict()
        text.append(said, style="bold" if current.signal else "")
        if compact:
            return text
        for action in actions:
            text.append("\n▼ ", style="bold")
            text.append_text(literal(action.title))
            if action.meeting_started_at is not None:
                text.append(" (" + short_date(action.meeting_started_at) + ")", style="dim")
        return text

    def note_text(self) -> tuple[str, str] | None:
        """The observation the chart supports and its source; None while it cannot be read."""
        view = self.view
        current = view.current if view else None
        if view is None or current is None:
            return None
        return observation(view.source.name, current), view.source.name


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
