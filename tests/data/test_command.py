"""`refleksionsrum data` and `check`: the same analysis from the command line, bad files exit 1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from refleksionsrum import cli
from refleksionsrum.core.workspace import init_workspace

from .sources import ATTENDANCE_SOURCE as SOURCE
from .sources import FIXTURES

ATTENDANCE = str(FIXTURES / "fremmoede_excel_da.csv")


@pytest.fixture
def data_workspace(tmp_path: Path) -> Path:
    root = init_workspace(tmp_path / "ws")
    (root / "data").mkdir()
    shutil.copy(ATTENDANCE, root / "data" / "fremmoede.csv")
    config = root / "config.toml"
    config.write_text(config.read_text(encoding="utf-8") + SOURCE, encoding="utf-8")
    return root


def test_json_report_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["data", ATTENDANCE, "--value", "Fremmøde %", "--date", "Måned", "--part", "24"]
    assert cli.main([*args, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["source"] == ATTENDANCE
    assert report["value"] == "Fremmøde %"
    before, after = report["parts"]
    assert set(before) == {
        "first",
        "last",
        "n_obs",
        "n_useful",
        "median",
        "longest_run",
        "longest_run_max",
        "n_crossings",
        "n_crossings_min",
        "signal",
        "points",
    }
    assert (before["first"], before["last"], before["median"]) == ("2012-11-01", "2014-10-01", 19)
    assert (after["first"], after["n_obs"], after["median"]) == ("2014-11-01", 12, 6)
    assert before["signal"] is False and after["signal"] is False
    assert after["points"][0] == {"x": "2014-11-01", "y": 9.0}


def test_text_draws_the_chart_and_says_the_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["data", ATTENDANCE, "--value", "Fremmøde %", "--date", "Måned", "--freeze", "24"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "19 ┤" in out  # the median's line on the axis
    assert "Usædvanligt langt forløb: 15 punkter under medianen (grænsen er 8)." in out


def test_a_named_source_from_config(
    data_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["data", "--name", "Fremmøde i gruppeforløbet", "--workspace", str(data_workspace)]
    assert cli.main([*args, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["source"] == "Fremmøde i gruppeforløbet"
    assert report["parts"][0]["median"] == 19
    assert cli.main(["data", "--name", "Ukendt", "--workspace", str(data_workspace)]) == 1
    assert "'Ukendt' står ikke under [[data]]" in capsys.readouterr().err


def test_bad_files_exit_1_with_one_message(capsys: pytest.CaptureFixture[str]) -> None:
    bad = str(FIXTURES / "tekst_i_tal.csv")
    assert cli.main(["data", bad, "--value", "Fremmøde %"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "tekst_i_tal.csv:3:2: række 3, kolonne 'Fremmøde %'" in err[0]
    assert cli.main(["data", ATTENDANCE, "--value", "Nej"]) == 1
    assert "filen har: 'Måned', 'Fremmøde %', 'Bemærkning'" in capsys.readouterr().err
    assert cli.main(["data", str(FIXTURES / "ikke_excel.xlsx")]) == 1
    assert "ikke en Excel-fil" in capsys.readouterr().err


def test_without_a_file_or_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["data"]) == 2


def test_check_reads_every_data_source(
    data_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "--workspace", str(data_workspace)]) == 0
    assert "Datakilder i orden: 1 · med fejl: 0." in capsys.readouterr().out
    (data_workspace / "data" / "fremmoede.csv").unlink()
    assert cli.main(["check", "--workspace", str(data_workspace)]) == 1
    out = capsys.readouterr().out
    assert "fremmoede.csv: filen findes ikke." in out


@pytest.mark.parametrize(
    ("entry", "where", "says"),
    [
        ('name = "A"\nfile = "a.txt"\nvalue = "v"', ":4:", "skal være en .csv- eller .xlsx-fil"),
        ('name = "A"\nfile = "a.csv"', ":2:", "nøglen 'data[0].value' mangler"),
        ('name = "A"\nfile = "a.csv"\nvalue = "v"\nfreeze = 0', ":6:", "større end 0"),
        ('name = "A"\nfile = "a.csv"\nvalue = "v"\nbetter = "op"', ":6:", 'brug "up" eller'),
        ('name = "A"\nfile = "a.csv"\nvalue = "v"\nparts = ["x"]', ":6:", "helt tal"),
        ('name = "A"\nfile = "a.csv"\nvalue = "v"\ntemplates = ["x"]', ":6:", "findes ikke"),
    ],
)
def test_config_errors_in_data_entries_name_line_and_column(
    tmp_path: Path, entry: str, where: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = init_workspace(tmp_path / "ws")
    config = root / "config.toml"
    text = config.read_text(encoding="utf-8")
    offset = text.count("\n")
    config.write_text(text + "\n[[data]]\n" + entry + "\n", encoding="utf-8")
    assert cli.main(["check", "--workspace", str(root)]) == 2
    err = capsys.readouterr().err
    line = int(where.strip(":")) + offset
    assert f"config.toml:{line}:" in err
    assert says in err
