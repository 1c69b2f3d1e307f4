"""The benchmark suite's figures: each one's spread and target, as a table or as Markdown."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bench_common import Spread


@dataclass
class Figure:
    """One line of the table."""

    section: str
    label: str
    unit: str
    median: float
    low: float
    high: float
    n: int
    target: str = ""
    limit: float | None = None
    # True, False, or None when the figure has no target of its own.
    passed: bool | None = None
    note: str = ""

    @classmethod
    def of(
        cls,
        section: str,
        label: str,
        unit: str,
        values: list[float],
        limit: float | None = None,
        *,
        strict: bool = True,
        target: str | None = None,
        note: str = "",
    ) -> Figure:
        spread = Spread.of(values)
        passed = None
        text = ""
        if limit is not None:
            passed = spread.median < limit if strict else spread.median <= limit
            sign = "<" if strict else "≤"
            text = target or f"{sign} {number(limit)}{_unit_suffix(unit)}"
        return cls(
            section,
            label,
            unit,
            spread.median,
            spread.low,
            spread.high,
            spread.n,
            text,
            limit,
            passed,
            note,
        )


def number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _unit_suffix(unit: str) -> str:
    return "x" if unit == "x" else f" {unit}"


def ratios(top: list[float], bottom: list[float]) -> list[float]:
    """Pairwise ratios of interleaved runs: each pair shared the machine's momentary load."""
    return [a / b for a, b in zip(top, bottom, strict=True)]


# -- the table --------------------------------------------------------------------------------


def table(figures: list[Figure]) -> str:
    width = max(len(f.label) for f in figures) + 2
    head = f"{'':{width}}{'median':>10}{'min':>10}{'max':>10}  {'n':>3}  {'target':<32}result"
    lines: list[str] = []
    section = None
    for figure in figures:
        if figure.section != section:
            section = figure.section
            lines += ["", section, head]
        result = {True: "PASS", False: "MISS", None: ""}[figure.passed]
        lines.append(
            f"{figure.label:{width}}"
            + "".join(
                f"{_cell(v, figure.unit):>10}" for v in (figure.median, figure.low, figure.high)
            )
            + f"  {figure.n:>3}  {figure.target:<32}{result}"
        )
    return "\n".join(lines).lstrip("\n")


def _cell(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{number(value)} {unit}"


def machine() -> dict[str, Any]:
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": os.getloadavg(),
    }


def markdown(figures: list[Figure], meta: dict[str, Any]) -> str:
    """The table as Markdown, with when, how and where it was measured."""
    lines = [
        f"Measured {meta['date']} with `{meta['command']}` on {meta['nproc']} cores, "
        f"Python {meta['python']} ({meta['platform']}); load average "
        f"{meta['load_average'][0]:.2f} before and {meta['load_average_after'][0]:.2f} after; "
        f"{meta['seconds']:.0f} s in all.",
    ]
    section = None
    for figure in figures:
        if figure.section != section:
            section = figure.section
            lines += [
                "",
                f"**{section}**",
                "",
                "| figure | median | min | max | n | target | result |",
                "|---|---:|---:|---:|---:|---|---|",
            ]
        result = {True: "PASS", False: "**MISS**", None: ""}[figure.passed]
        cells = " | ".join(_cell(v, figure.unit) for v in (figure.median, figure.low, figure.high))
        label = figure.label.strip()
        if figure.label.startswith("  "):
            label = f"&nbsp;&nbsp;{label}"
        lines.append(f"| {label} | {cells} | {figure.n} | {figure.target} | {result} |")
    return "\n".join(lines) + "\n"


def report(figures: list[Figure], meta: dict[str, Any], markdown_file: str | None) -> None:
    print(table(figures))
    missed = [f.label for f in figures if f.passed is False]
    print(
        f"\n{len(missed)} of {sum(f.passed is not None for f in figures)} targets missed; "
        f"{meta['seconds']:.0f} s; {meta['nproc']} cores; Python {meta['python']}; "
        f"load {meta['load_average'][0]:.2f} before, {meta['load_average_after'][0]:.2f} after"
    )
    if markdown_file:
        Path(markdown_file).write_text(markdown(figures, meta), encoding="utf-8")
