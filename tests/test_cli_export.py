"""`refleksionsrum export`: a meeting's referat or session file, to stdout or a private file."""

from __future__ import annotations

import stat
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from refleksionsrum import cli
from refleksionsrum.core.files import sessionfile
from support.cli import BROKEN_SESSION, GOOD_SESSION, hold_two_meetings


def test_export_md_gives_the_referat_with_followed_up_titles(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held = hold_two_meetings(workspace)
    assert cli.main(["export", held.second, "--workspace", str(workspace)]) == 0
    second = capsys.readouterr().out
    assert second.startswith("# Opfølgning\n")
    assert "## Opfølgning på prøvehandlinger" in second
    # The evaluation is shown under the trial action's title, not its bare id.
    assert "### Ring dagen før til familierne" in second
    assert held.action.id not in second
    assert "**Fortsæt**" in second

    assert cli.main(["export", held.first, "--format", "md", "--workspace", str(workspace)]) == 0
    first = capsys.readouterr().out
    assert "Fremmødet faldt fra 80 % til 55 %. (kilde: Registrering)" in first
    assert "- Vi flytter gruppeforløbet til formiddag." in first
    assert "- Ansvarlig: Jonas" in first


def test_export_toml_is_the_session_file(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held = hold_two_meetings(workspace)
    assert cli.main(["export", held.first, "--format", "toml", "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    written = (workspace / "sessions" / f"{held.first}.toml").read_text(encoding="utf-8")
    assert out == written
    meeting = sessionfile.parse(out, Path("export.toml"))
    assert [a.title for a in meeting.trial_actions] == ["Ring dagen før til familierne"]


def test_export_output_writes_a_private_file(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held = hold_two_meetings(workspace)
    assert cli.main(["export", held.first, "--workspace", str(workspace)]) == 0
    shown = capsys.readouterr().out
    target = tmp_path / "referat.md"
    target.write_text("old")
    args = ["export", held.first, "--output", str(target), "--workspace", str(workspace)]
    assert cli.main(args) == 0
    assert capsys.readouterr().out == f"Skrev {target}.\n"
    assert target.read_text(encoding="utf-8") == shown
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_to_a_missing_folder_is_one_message(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held = hold_two_meetings(workspace)
    target = tmp_path / "no-such-folder" / "referat.md"
    args = ["export", held.first, "--output", str(target), "--workspace", str(workspace)]
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("refleksionsrum: ") and err.count("\n") == 1
    assert not target.parent.exists()


def test_export_takes_in_a_session_file_dropped_in_sessions(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace / "sessions" / "2026-11-08-1300-haandskrevet.toml").write_text(GOOD_SESSION)
    args = ["export", "2026-11-08-1300-haandskrevet", "--workspace", str(workspace)]
    assert cli.main(args) == 0
    assert "### Spørg familierne om tidspunktet" in capsys.readouterr().out


def test_export_an_unknown_meeting_exits_1(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace / "sessions" / "broken.toml").write_text(BROKEN_SESSION)
    assert cli.main(["export", "2026-01-01-0900-nej", "--workspace", str(workspace)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "refleksionsrum: mødet '2026-01-01-0900-nej' findes ikke. 1 mødefil(er) i sessions/ "
        "kunne ikke læses; kør `refleksionsrum check`.\n"
    )


def export_in_a_new_process(workspace: Path, meeting_id: str) -> tuple[str, str]:
    """`export MEETING_ID` in a fresh interpreter: (the referat, "QUICK 0" or "STORE 0").

    QUICK: the store (SQLModel) was never imported; the export read with sqlite3 alone.
    """
    script = (
        "import sys; from refleksionsrum import cli; "
        f"code = cli.main(['export', {meeting_id!r}, '--workspace', {str(workspace)!r}]); "
        "print('STORE' if 'sqlmodel' in sys.modules else 'QUICK', code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    text, _, last = done.stdout.rstrip("\n").rpartition("\n")
    return text, last


def test_export_of_an_up_to_date_workspace_does_not_load_the_store(workspace: Path) -> None:
    held = hold_two_meetings(workspace)
    export = partial(export_in_a_new_process, workspace, held.second)
    # The first export takes the session files in; the next reads with sqlite3 alone.
    first, _ = export()
    second, how_second = export()
    assert how_second == "QUICK 0"
    assert second == first
    assert "Fremmødet faldt" in second or held.action.title in second
    # A session file changed since: the store takes it in first, as always.
    path = workspace / "sessions" / f"{held.second}.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('title = "', 'title = "Rettet: ', 1),
        encoding="utf-8",
    )
    third, how_third = export()
    assert how_third == "STORE 0" and "Rettet: " in third


def test_a_quick_export_still_sees_what_taking_in_the_files_would_change(
    workspace: Path,
) -> None:
    held = hold_two_meetings(workspace)
    export = partial(export_in_a_new_process, workspace, held.second)
    export()
    assert export()[1] == "QUICK 0"
    # The first meeting's file edited in place: the trial action the second follows
    # up has a new title, and the referat shows it.
    planned = workspace / "sessions" / f"{held.first}.toml"
    planned.write_text(
        planned.read_text(encoding="utf-8").replace(held.action.title, "Ring i forvejen"),
        encoding="utf-8",
    )
    text, how = export()
    assert how == "STORE 0" and "### Ring i forvejen" in text
    assert export()[1] == "QUICK 0"
    # A file with a new name may hold anything (a copy of this meeting): taken in first.
    (workspace / "sessions" / "2026-11-08-1300-haandskrevet.toml").write_text(GOOD_SESSION)
    assert export()[1] == "STORE 0"
    assert export()[1] == "QUICK 0"
