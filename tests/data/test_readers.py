"""Files as Danish systems export them are read as the team sees them in Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.data.test_runs import CDI
from tests.data.xlsx import write_xlsx

from refleksionsrum.core.data.cells import parse_date, parse_number
from refleksionsrum.core.data.readers import MAX_BYTES, DataProblem
from refleksionsrum.core.data.runs import analyse
from refleksionsrum.core.data.series import read_series
from refleksionsrum.core.i18n import set_language

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _danish() -> None:
    set_language("da")


def test_danish_excel_csv_in_windows_1252_with_decimal_commas() -> None:
    series = read_series(FIXTURES / "fremmoede_excel_da.csv", "Fremmøde %", "Måned")
    assert [p.y for p in series.points] == CDI
    assert series.points[0].when == date(2012, 11, 1)
    assert series.points[-1].label == "2015-10-01"
    (part,) = analyse([p.y for p in series.points], freeze=24)
    assert (part.median, part.longest_run) == (19, 15)


def test_utf8_with_bom_dotted_dates_thousand_marks_newest_first() -> None:
    series = read_series(FIXTURES / "ventetid_bom.csv", "ventetid (dage)", "periode")
    # Sorted oldest first; "1.700,5" is 1700.5, not 1.7.
    assert [p.y for p in series.points] == [v * 100 + 0.5 for v in CDI]
    assert series.points[0].when == date(2012, 11, 1)


def test_comma_separated_iso_dates_and_quoted_headers() -> None:
    series = read_series(FIXTURES / "tilfredshed_komma.csv", "tilfredshed, gennemsnit", "dato")
    assert [p.y for p in series.points] == [v / 10 for v in CDI]


def test_excel_serial_numbers_in_the_date_column() -> None:
    series = read_series(FIXTURES / "serialdatoer.csv", "Værdi", "Dato")
    assert series.dated
    assert series.points[0].when == date(2012, 11, 1)


def test_periods_that_are_not_dates_keep_their_labels_and_order() -> None:
    series = read_series(FIXTURES / "uger.csv", "Fremmødte", "Uge")
    assert not series.dated
    assert [p.label for p in series.points][:2] == ["Uge 1", "Uge 2"]


def test_xlsx_first_sheet_or_a_named_one(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Måned", "Fremmøde %"]]
    rows += [[date(2013, 1 + i % 12, 1), float(v)] for i, v in enumerate(CDI[:12])]
    book = write_xlsx(tmp_path / "f.xlsx", {"Data": rows, "Andet": [["x", "y"], [1, 2]]})  # type: ignore[dict-item]
    series = read_series(book, "Fremmøde %", "Måned")
    assert [p.y for p in series.points] == CDI[:12]
    other = read_series(book, "y", None, sheet="Andet")
    assert [p.y for p in other.points] == [2.0]


@pytest.mark.parametrize(
    ("text", "mark", "value"),
    [
        ("85,5", ",", 85.5),
        ("1.234,5", ",", 1234.5),
        ("1.234", ",", 1234.0),
        ("85 %", ".", 85.0),
        ("1\u00a0234,5", ",", 1234.5),
        ("\u22123,5", ",", -3.5),
        ("1,234.5", ".", 1234.5),
        ("12.5", ".", 12.5),
        ("", ".", None),
    ],
)
def test_numbers(text: str, mark: str, value: float | None) -> None:
    assert parse_number(text, mark) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("31-01-2024", date(2024, 1, 31)),
        ("31.01.2024", date(2024, 1, 31)),
        ("2024-01-31", date(2024, 1, 31)),
        ("2024-01-31 00:00:00", date(2024, 1, 31)),
        ("45322", date(2024, 1, 31)),
        (45322.0, date(2024, 1, 31)),
        ("2024-01", None),
        ("31-02-2024", None),
    ],
)
def test_dates(text: str | float, value: date | None) -> None:
    assert parse_date(text) == value


def _problem(path: Path, value: str = "Fremmøde %", date_column: str | None = None) -> str:
    with pytest.raises(DataProblem) as caught:
        read_series(path, value, date_column)
    return caught.value.render()


def test_text_in_the_value_column_names_file_row_column_and_text() -> None:
    message = _problem(FIXTURES / "tekst_i_tal.csv")
    assert "tekst_i_tal.csv:3:2:" in message
    assert "række 3, kolonne 'Fremmøde %': 'ikke opgjort' er ikke et tal." in message


def test_unknown_column_lists_the_columns_there_are() -> None:
    message = _problem(FIXTURES / "fremmoede_excel_da.csv", "Fremmøde")
    assert "kolonnen 'Fremmøde' findes ikke; filen har: 'Måned', 'Fremmøde %', 'Bemærkning'." in (
        message
    )


def test_missing_empty_unreadable_and_fake_excel_files(tmp_path: Path) -> None:
    assert "findes ikke" in _problem(tmp_path / "mangler.csv")
    assert "filen er tom" in _problem(FIXTURES / "kun_overskrift.csv")
    assert "tegnsæt" in _problem(FIXTURES / "forkert_tegnsaet.csv")
    assert "ikke en Excel-fil" in _problem(FIXTURES / "ikke_excel.xlsx")
    (tmp_path / "tom.csv").write_bytes(b"")
    assert "filen er tom" in _problem(tmp_path / "tom.csv")


def test_a_file_over_20_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "stor.csv"
    with big.open("wb") as out:
        out.truncate(MAX_BYTES + 1)
    assert "større end 20 MB" in _problem(big)


def test_a_missing_sheet_lists_the_sheets(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "f.xlsx", {"Data": [["a", "b"], [1, 2]]})
    with pytest.raises(DataProblem) as caught:
        read_series(book, "b", sheet="Ark2")
    assert "arket 'Ark2' findes ikke; filen har: 'Data'." in caught.value.render()
