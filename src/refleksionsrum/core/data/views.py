"""A data source made ready to show: its points and analysis, or the one problem that stops it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from refleksionsrum.core.data.readers import DataProblem
from refleksionsrum.core.data.runs import PartAnalysis, analyse
from refleksionsrum.core.data.series import Series, read_series
from refleksionsrum.core.data.sources import DataSource
from refleksionsrum.core.data.verdict import verdict
from refleksionsrum.core.models import TrialAction


@dataclass(frozen=True)
class DataView:
    """What the data review shows for one source: a chart and its verdict, or a notice."""

    source: DataSource
    series: Series | None = None
    parts: tuple[PartAnalysis, ...] = ()
    problem: DataProblem | None = None

    @property
    def current(self) -> PartAnalysis | None:
        """The last part: the process as it runs now."""
        return self.parts[-1] if self.parts else None

    def verdict(self) -> str:
        current = self.current
        return verdict(current, self.source.better) if current else ""


def load_view(source: DataSource, root: Path) -> DataView:
    """Read and analyse ``source``; a bad file gives a view with its problem, never an exception."""
    try:
        series = read_series(source.path(root), source.value, source.date, source.sheet)
    except DataProblem as problem:
        return DataView(source, problem=problem)
    values = [p.y for p in series.points]
    return DataView(source, series, tuple(analyse(values, source.freeze, source.parts)))


def mentions(action: TrialAction, source: DataSource) -> bool:
    """Whether a trial action's measure names the data source (case aside)."""
    return source.name.casefold() in action.measure.casefold()


def action_points(view: DataView, actions: list[TrialAction]) -> tuple[int, ...]:
    """The points at which trial actions measured by this source were planned.

    A mark stands at the first point dated on or after the planning meeting; a
    series without dates cannot place one.
    """
    series = view.series
    if series is None or not series.dated:
        return ()
    marks: set[int] = set()
    for action in actions:
        if action.meeting_started_at is None or not mentions(action, view.source):
            continue
        planned = action.meeting_started_at.date()
        for index, point in enumerate(series.points):
            if point.when is not None and point.when >= planned:
                marks.add(index)
                break
    return tuple(sorted(marks))
