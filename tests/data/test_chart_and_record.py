"""The terminal chart, the plain-language verdicts, and the [[data_shown]] record."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from tests.data.test_runs import CDI

from refleksionsrum.core.data.runs import analyse
from refleksionsrum.core.data.shown import TABLE, record, shown_in
from refleksionsrum.core.data.sources import Better, DataSource
from refleksionsrum.core.data.textchart import ChartInput, Ink, draw, plain_lines
from refleksionsrum.core.data.verdict import compact_verdict, number, observation, verdict
from refleksionsrum.core.data.views import DataView, action_points, load_view
from refleksionsrum.core.export import referat
from refleksionsrum.core.files import sessionfile, sessionwrite
from refleksionsrum.core.i18n import set_language
from refleksionsrum.core.models import Meeting, TrialAction

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = DataSource(
    name="Fremmøde i gruppeforløbet",
    file="fremmoede_excel_da.csv",
    value="Fremmøde %",
    date="Måned",
    freeze=24,
    better=Better.UP,
)


@pytest.fixture(autouse=True)
def _danish() -> None:
    set_language("da")


def test_chart_fits_its_cells_and_marks_median_signal_and_actions() -> None:
    parts = tuple(analyse([float(v) for v in CDI], freeze=24))
    chart = ChartInput(tuple(float(v) for v in CDI), parts, "2012-11-01", "2015-10-01", (25,))
    rows = draw(chart, 60, 12, number)
    assert len(rows) == 12
    assert all(len(row) == 60 for row in rows)
    inks = {ink for row in rows for _, ink in row}
    # A signal: the run is coloured and the centre line is dashed, as qicharts2 draws it.
    assert {Ink.SIGNAL, Ink.MEDIAN_SIGNAL, Ink.ACTION} <= inks
    lines = plain_lines(rows)
    assert "▼" in lines[0]
    assert any(line.startswith("19 ┤") for line in lines)
    assert lines[-1].strip().startswith("2012-11-01") and lines[-1].endswith("2015-10-01")


def test_ten_thousand_points_draw_in_the_chart_width() -> None:
    values = tuple(float(i % 37) for i in range(10_000))
    rows = draw(ChartInput(values, tuple(analyse(list(values)))), 80, 10, number)
    assert len(rows) == 10 and all(len(row) == 80 for row in rows)


def test_verdicts_in_danish_and_english() -> None:
    (part,) = analyse([float(v) for v in CDI], freeze=24)
    assert verdict(part, Better.DOWN).startswith(
        "Usædvanligt langt forløb: 15 punkter under medianen (grænsen er 8)."
    )
    assert verdict(part, Better.DOWN).endswith("Ændringen går i den gode retning.")
    assert compact_verdict(part) == "Signal: 15 punkter under medianen (grænse 8)."
    assert observation("CDI", part) == "CDI: median 19, signal: langt forløb under medianen"
    set_language("en")
    assert verdict(part, Better.UP).startswith(
        "An unusually long run: 15 points below the median (the limit is 8)."
    )
    assert verdict(part, Better.UP).endswith("The change is in the wrong direction.")
    before, _ = analyse([float(v) for v in CDI], parts=(24,))
    assert verdict(before).startswith("Only random variation")
    (few,) = analyse([1.0, 2.0, 3.0])
    assert verdict(few).startswith("Too few points to judge")


def test_numbers_are_written_as_the_room_reads_them() -> None:
    assert number(19.0) == "19"
    assert number(19.5) == "19,5"
    set_language("en")
    assert number(19.25) == "19.25"


def test_trial_actions_are_marked_at_the_meeting_that_planned_them() -> None:
    view = load_view(SOURCE, FIXTURES)
    planned = TrialAction(
        id="ta-1",
        title="Ring dagen før",
        owner="Jonas",
        due=datetime(2014, 12, 1).date(),
        prediction="",
        measure="fremmøde i gruppeforløbet, månedligt",
        meeting_started_at=datetime(2014, 10, 15, 13, 0),
    )
    other = TrialAction(**{**planned.__dict__, "id": "ta-2", "measure": "Tilfredshed"})
    assert view.series is not None
    (mark,) = action_points(view, [planned, other])
    assert view.series.points[mark].label == "2014-11-01"


def test_data_shown_round_trips_through_the_session_file_and_reaches_the_referat(
    tmp_path: Path,
) -> None:
    view = load_view(SOURCE, FIXTURES)
    broken = DataView(
        DataSource(name="Tilfredshed", file="mangler.csv", value="x"),
        problem=load_view(DataSource(name="T", file="mangler.csv", value="x"), tmp_path).problem,
    )
    when = datetime.fromisoformat("2026-11-22T13:14:03+01:00")
    meeting = Meeting(
        id="2026-11-22-1300-gruppe",
        title="Kvartalsmøde",
        template="indsatsniveau",
        started_at=when,
        extra={TABLE: [record(view, when), record(broken, when)]},
    )
    text = sessionwrite.dumps(meeting)
    assert "[[data_shown]]" in text
    again = sessionfile.parse(text, tmp_path / "x.toml")
    first, second = shown_in(again)
    assert (first.name, first.median, first.signal, first.finding) == (
        "Fremmøde i gruppeforløbet",
        19.0,
        True,
        "signal",
    )
    assert second.problem == "filen findes ikke."
    minutes = referat(again)
    assert "## Data vi så på" in minutes
    assert "- **Fremmøde i gruppeforløbet** Median 19. Usædvanligt langt forløb" in minutes
    assert "- **Tilfredshed** filen findes ikke." in minutes


def test_a_hand_spoilt_data_shown_table_is_skipped_not_an_error() -> None:
    meeting = Meeting(
        id="m",
        title="t",
        template="x",
        started_at=datetime.fromisoformat("2026-11-22T13:00:00+01:00"),
        extra={TABLE: [{"name": 3}, "x", {"name": "Ok", "median": "tyve"}]},
    )
    (only,) = shown_in(meeting)
    assert (only.name, only.median) == ("Ok", None)
