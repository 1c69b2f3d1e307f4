"""`refleksionsrum data`: the runs analysis of one file or data source, as a chart or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refleksionsrum.core.data.readers import read_table
from refleksionsrum.core.data.runs import PartAnalysis, analyse
from refleksionsrum.core.data.series import Series, series_of
from refleksionsrum.core.data.sources import Better, DataSource
from refleksionsrum.core.data.textchart import ChartInput, draw, plain_lines
from refleksionsrum.core.data.verdict import number, verdict
from refleksionsrum.core.i18n import t


@dataclass(frozen=True)
class Request:
    """What to analyse: a file and its columns, or a data source from config.toml."""

    path: Path
    value: str | None = None
    date: str | None = None
    sheet: str | None = None
    freeze: int | None = None
    parts: tuple[int, ...] = ()
    name: str | None = None
    better: Better | None = None

    @classmethod
    def of(cls, source: DataSource, root: Path) -> Request:
        return cls(
            source.path(root),
            source.value,
            source.date,
            source.sheet,
            source.freeze,
            source.parts,
            source.name,
            source.better,
        )


def analyse_request(request: Request) -> tuple[Series, list[PartAnalysis]]:
    """Read and analyse; without --value the last column is charted, dated by the first."""
    table = read_table(request.path, request.sheet)
    value = request.value or table.columns[-1]
    date = request.date
    if request.value is None and date is None and len(table.columns) > 1:
        date = table.columns[0]
    series = series_of(table, value, date)
    return series, analyse([p.y for p in series.points], request.freeze, request.parts)


def as_json(request: Request, series: Series, parts: list[PartAnalysis]) -> str:
    """The JSON report: source, value, and one object per part."""
    points = series.points
    report: dict[str, Any] = {
        "source": request.name or str(request.path),
        "value": series.value,
        "parts": [
            {
                "first": points[part.first].label,
                "last": points[part.last].label,
                "n_obs": part.n_obs,
                "n_useful": part.n_useful,
                "median": part.median,
                "longest_run": part.longest_run,
                "longest_run_max": part.longest_run_max,
                "n_crossings": part.n_crossings,
                "n_crossings_min": part.n_crossings_min,
                "signal": part.signal,
                "points": [{"x": p.label, "y": p.y} for p in points[part.first : part.last + 1]],
            }
            for part in parts
        ],
    }
    return json.dumps(report, ensure_ascii=False, indent=2)


def as_text(request: Request, series: Series, parts: list[PartAnalysis], width: int) -> str:
    """A heading, the chart drawn in the terminal, and each part's verdict."""
    points = series.points
    chart = ChartInput(tuple(p.y for p in points), tuple(parts), points[0].label, points[-1].label)
    lines = [f"{request.name or request.path} · {series.value}", ""]
    lines += plain_lines(draw(chart, min(width, 120), 14, number))
    lines.append("")
    for index, part in enumerate(parts, start=1):
        head = (
            t(
                "data.cli.part",
                n=index,
                total=len(parts),
                first=points[part.first].label,
                last=points[part.last].label,
            )
            if len(parts) > 1
            else ""
        )
        median = t("data.cli.median", median=number(part.median), n=part.n_obs)
        lines.append(" ".join(filter(None, [head, median])))
        lines.append(verdict(part, request.better))
    return "\n".join(lines)


def request_of(args: Any, sources: tuple[DataSource, ...] | None, root: Path | None) -> Request:
    """The request the command line asks for; a --name is looked up in ``sources``."""
    if args.name is not None:
        found = next((s for s in sources or () if s.name == args.name), None)
        if found is None or root is None:
            from refleksionsrum.core.data.readers import DataProblem

            known = ", ".join(f"'{s.name}'" for s in sources or ()) or "-"
            raise DataProblem(root or Path("."), "data.cli.no_source", name=args.name, known=known)
        return Request.of(found, root)
    return Request(
        Path(args.file),
        args.value,
        args.date,
        args.sheet,
        args.freeze,
        tuple(sorted(set(args.part))),
    )
