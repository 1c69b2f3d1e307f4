"""The command line, through main() and through a real `python -m refleksionsrum` process."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import types
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pendulum
import pytest

from refleksionsrum import __version__, cli
from refleksionsrum.core.clock import TIMEZONE, FakeClock
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.models import CarriedOut, NoteKind, Participant, TrialAction, Verdict
from refleksionsrum.core.workspace import ENV_VAR, Workspace, init_workspace
from support.samples import phase, session_text, trial_action

GOOD_SESSION = session_text(
    "2026-11-08-1300-haandskrevet",
    title="Skrevet i hånden",
    started_at="2026-11-08T13:00:00+01:00",
    ended_at="2026-11-08T13:30:00+01:00",
    phases=[phase(elapsed_seconds=None)],
    notes=(),
    trial_actions=[
        trial_action(
            "ta-haand",
            title="Spørg familierne om tidspunktet",
            owner="Mette",
            due="2026-11-22",
            prediction="De fleste foretrækker formiddag.",
            measure="Svar fra seks familier.",
        )
    ],
    evaluations=(),
)
# Line 11, column 19: the value of planned_minutes is text, not a whole number.
BROKEN_SESSION = GOOD_SESSION.replace(
    'id = "2026-11-08-1300-haandskrevet"', 'id = "2026-11-09-1300-broken"'
).replace("planned_minutes = 10", 'planned_minutes = "ti"')


def run_cli(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m refleksionsrum ARGS` in a real process, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "refleksionsrum", *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass
class TwoMeetings:
    first: str
    second: str
    action: TrialAction


def hold_two_meetings(root: Path) -> TwoMeetings:
    """A first meeting that plans a trial action; a second, the next day, follows it up."""
    from refleksionsrum.core.files.sync import open_store
    from refleksionsrum.core.meeting.room import MeetingRoom
    from refleksionsrum.core.meeting.starting import new_meeting

    workspace = Workspace.open(root)
    store = open_store(workspace)
    try:
        clock = FakeClock(pendulum.datetime(2026, 11, 23, 9, 0, tz=TIMEZONE))
        template = workspace.config.template("borgerniveau")
        people = [Participant("Mette", "facilitator"), Participant("Jonas", "note-taker")]
        first = MeetingRoom(
            workspace,
            store,
            new_meeting(store, template, "Familiebehandling", people, clock),
            clock,
        )
        first.next_phase()  # follow-up has nothing yet; on to the data
        first.add_note(NoteKind.OBSERVATION, "Fremmødet faldt fra 80 % til 55 %.", "Registrering")
        while first.next_phase():
            clock.advance(minutes=3)
        first.add_decision("Vi flytter gruppeforløbet til formiddag.")
        action = first.save_trial_action(
            TrialAction(
                id="",
                title="Ring dagen før til familierne",
                owner="Jonas",
                due=first.default_due(),
                prediction="Mindst 4 af 6 møder op.",
                measure="Fremmøde pr. gang i december.",
            )
        )
        first.end()

        clock.advance(minutes=24 * 60)
        second = MeetingRoom(
            workspace, store, new_meeting(store, template, "Opfølgning", people, clock), clock
        )
        (open_action,) = second.open_trial_actions()
        second.evaluate(
            open_action,
            CarriedOut.PARTLY,
            "Vi nåede at ringe til fire familier.",
            "Et opkald hjælper, men kun når det er den faste kontakt, der ringer.",
            Verdict.CONTINUE,
        )
        second.end()
        return TwoMeetings(first.meeting.id, second.meeting.id, action)
    finally:
        store.close()


@pytest.fixture
def screens(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stand-in for refleksionsrum.tui.app.run: records each call, returns 0."""
    calls: list[dict[str, Any]] = []

    def run(
        root: Path,
        *,
        new: bool = False,
        template: str | None = None,
        title: str | None = None,
        join: str | None = None,
        workspace: Any = None,
    ) -> int:
        calls.append({"root": root, "new": new, "template": template, "title": title})
        if join is not None:
            calls[-1]["join"] = join
        return 0

    fake = types.ModuleType("refleksionsrum.tui.app")
    fake.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "refleksionsrum.tui.app", fake)
    return calls


# -- version and help ---------------------------------------------------------------------------


def test_version_through_python_m() -> None:
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"refleksionsrum {__version__}" == "refleksionsrum 0.1.0"


def test_help_follows_the_workspace_language(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--workspace", str(workspace), "--help"]) == 0
    danish = capsys.readouterr().out
    assert "kommandoer:" in danish and "vis denne hjælp" in danish
    assert "eksportér et møde" in danish

    english = init_workspace(tmp_path / "english", language="en")
    assert cli.main(["--workspace", str(english), "--help"]) == 0
    out = capsys.readouterr().out
    assert "commands:" in out and "show this help" in out and "kommandoer" not in out


def test_bad_usage_exits_2(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", "--workspace", str(workspace)]) == 2
    assert "MØDE_ID" in capsys.readouterr().err
    assert cli.main(["export", "x", "--format", "pdf", "--workspace", str(workspace)]) == 2
    assert cli.main(["bogus"]) == 2
    assert cli.main(["init", "--language", "sv"]) == 2


def test_usage_errors_speak_the_workspace_language(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert cli.main(["export", "x", "--format", "pdf", "--workspace", str(workspace)]) == 2
    err = capsys.readouterr().err
    assert "refleksionsrum export: fejl: argument --format: ugyldigt valg: 'pdf'" in err
    assert "vælg mellem 'md', 'toml'" in err
    assert cli.main(["export", "--workspace", str(workspace)]) == 2
    assert "disse argumenter mangler: MØDE_ID" in capsys.readouterr().err
    assert cli.main(["--workspace", str(workspace), "--bogus"]) == 2
    assert "ukendte argumenter: --bogus" in capsys.readouterr().err
    # Nothing of argparse's English is left in a Danish workspace.
    for words in (["--workspace", str(workspace), "frob"], ["--workspace"]):
        assert cli.main(words) == 2
        err = capsys.readouterr().err
        assert "fejl:" in err
        assert not any(w in err for w in ("invalid", "choose", "expected", "required", "usage"))
    english = init_workspace(tmp_path / "en", language="en")
    assert cli.main(["export", "x", "--format", "pdf", "--workspace", str(english)]) == 2
    assert "error: argument --format: invalid choice: 'pdf'" in capsys.readouterr().err


# -- check ---------------------------------------------------------------------------------------


def test_check_a_good_workspace_exits_0(workspace: Path) -> None:
    (workspace / "sessions" / "2026-11-08-1300-haandskrevet.toml").write_text(GOOD_SESSION)
    done = run_cli("check", cwd=workspace)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "Mødefiler i orden: 1 · med fejl: 0 · advarsler: 0" in done.stdout


def test_check_a_broken_config_names_line_and_column_and_leaves_it(workspace: Path) -> None:
    config = workspace / "config.toml"
    text = config.read_text(encoding="utf-8").replace(
        "warning_minutes = 2", "warning_minutes = = 2"
    )
    config.write_text(text, encoding="utf-8")
    before = config.read_bytes()
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("warning_"))
    sessions_before = sorted(os.listdir(workspace / "sessions"))

    done = run_cli("check", "--workspace", str(workspace))

    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{config}:{line}:19: fejl i TOML")
    assert done.stderr.count("\n") == 1  # one message
    assert done.stdout == ""
    assert config.read_bytes() == before
    assert sorted(os.listdir(workspace / "sessions")) == sessions_before


def test_check_a_broken_session_file_exits_1_and_names_it(workspace: Path) -> None:
    sessions = workspace / "sessions"
    (sessions / "2026-11-08-1300-haandskrevet.toml").write_text(GOOD_SESSION)
    broken = sessions / "broken.toml"
    broken.write_text(BROKEN_SESSION)

    done = run_cli("check", cwd=workspace)

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{broken}:11:19: 'phases[0].planned_minutes' skal være et helt tal."
    assert "Mødefiler i orden: 1 · med fejl: 1 · advarsler: 0" in lines[-1]


def test_check_warns_about_an_unknown_template_but_passes(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = workspace / "sessions" / "odd.toml"
    odd.write_text(GOOD_SESSION.replace('"borgerniveau"', '"gammel-skabelon"'))
    assert cli.main(["check", "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert f"{odd}:4:12: advarsel: skabelonen 'gammel-skabelon' findes ikke" in out
    assert "advarsler: 1" in out


def test_check_speaks_english_in_an_english_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = init_workspace(tmp_path / "en", language="en")
    (english / "sessions" / "broken.toml").write_text(BROKEN_SESSION)
    assert cli.main(["check", "--workspace", str(english)]) == 1
    out = capsys.readouterr().out
    assert "must be a whole number" in out and "broken: 1" in out


# -- init ----------------------------------------------------------------------------------------


def test_init_makes_a_workspace_and_says_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # With the program on PATH, its plain name is the command to run.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    folder = tmp_path / "team vest"
    assert cli.main(["init", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"Arbejdsområdet er lavet i {folder}." in out
    assert f"Start med: cd '{folder}' && refleksionsrum" in out
    assert 'language = "da"' in (folder / "config.toml").read_text(encoding="utf-8")
    assert stat.S_IMODE((folder / "sessions").stat().st_mode) == 0o700
    assert cli.main(["check", "--workspace", str(folder)]) == 0


def test_init_without_a_folder_uses_the_current_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    # Installed in a venv that is not on PATH: the command names the program's full path.
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert cli.main(["init", "--language", "en"]) == 0
    out = capsys.readouterr().out
    assert f"Start with: {Path(sys.executable).parent / 'refleksionsrum'}\n" in out
    assert 'language = "en"' in (tmp_path / "config.toml").read_text(encoding="utf-8")


def test_init_refuses_an_existing_config(workspace: Path) -> None:
    config = workspace / "config.toml"
    config.write_text("# our own, edited by hand\n" + config.read_text(encoding="utf-8"))
    before = config.read_bytes()
    done = run_cli("init", str(workspace))
    assert done.returncode == 1
    assert done.stderr == f"{config}: config.toml findes allerede; den overskrives ikke.\n"
    assert config.read_bytes() == before


# -- export --------------------------------------------------------------------------------------


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


def test_an_unreachable_database_is_one_message(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = workspace / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text('database_url = "sqlite:////no/such/folder/x.db"\n' + text)
    assert cli.main(["export", "x", "--workspace", str(workspace)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("refleksionsrum: databasen sqlite:////no/such/folder/x.db kan ikke")
    assert err.count("\n") == 1


# -- finding the workspace ---------------------------------------------------------------------


def test_workspace_is_found_from_a_subfolder(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = workspace / "referater" / "2026"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert cli.main(["check"]) == 0
    assert str(workspace / "config.toml") in capsys.readouterr().out


def test_workspace_from_the_environment(workspace: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run_cli("check", cwd=elsewhere, **{ENV_VAR: str(workspace)})
    assert done.returncode == 0, done.stderr
    assert str(workspace / "config.toml") in done.stdout


def test_workspace_option_beats_the_environment_before_or_after_the_command(
    workspace: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere"))
    for args in (
        ["--workspace", str(workspace), "check"],
        ["check", "--workspace", str(workspace)],
    ):
        assert cli.main(args) == 0
        assert str(workspace / "config.toml") in capsys.readouterr().out


def test_no_workspace_exits_2_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check"]) == 2
    err = capsys.readouterr().err
    assert "her er intet arbejdsområde" in err and "refleksionsrum init MAPPE" in err
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere"))
    assert cli.main(["export", "x"]) == 2
    assert "config.toml: der er ingen config.toml." in capsys.readouterr().err


# -- the screens -------------------------------------------------------------------------------


def test_start_screen_and_new_hand_over_to_the_screens(
    workspace: Path, screens: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    assert cli.main([]) == 0
    assert cli.main(["new", "--template", "indsatsniveau", "--title", "Kvartal 4"]) == 0
    assert cli.main(["new"]) == 0
    assert screens == [
        {"root": workspace, "new": False, "template": None, "title": None},
        {"root": workspace, "new": True, "template": "indsatsniveau", "title": "Kvartal 4"},
        {"root": workspace, "new": True, "template": None, "title": None},
    ]


def test_new_with_an_unknown_template_stops_before_the_screens(
    workspace: Path, screens: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["new", "--template", "ukendt", "--workspace", str(workspace)]) == 2
    assert screens == []
    err = capsys.readouterr().err
    assert "skabelonen 'ukendt' findes ikke" in err and "borgerniveau" in err


def test_a_broken_config_stops_the_start_screen(
    workspace: Path, screens: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    config = workspace / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('language = "da"', 'language = "sv"')
    )
    assert cli.main(["--workspace", str(workspace)]) == 2
    assert screens == []
    assert "sproget 'sv' kendes ikke" in capsys.readouterr().err


def test_the_start_screen_is_reached_before_the_database_layer_is_imported(
    workspace: Path,
) -> None:
    probe = textwrap.dedent(
        """
        import sys, types
        from refleksionsrum import cli

        def run(root, *, new=False, template=None, title=None, join=None, workspace=None):
            heavy = [m for m in ("sqlmodel", "sqlalchemy", "textual") if m in sys.modules]
            print("loaded:", heavy)
            return 0

        fake = types.ModuleType("refleksionsrum.tui.app")
        fake.run = run
        sys.modules["refleksionsrum.tui.app"] = fake
        raise SystemExit(cli.main(sys.argv[1:]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "--workspace", str(workspace)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "loaded: []\n"


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


def test_join_hands_over_to_the_screens_as_note_taker(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, str | None]] = []

    def run(root: Path, *, join: str | None = None) -> int:
        calls.append((root, join))
        return 0

    fake = types.ModuleType("refleksionsrum.tui.app")
    fake.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "refleksionsrum.tui.app", fake)
    assert cli.main(["join", "--workspace", str(workspace)]) == 0
    assert cli.main(["--workspace", str(workspace), "join", "2026-11-22-1300-x"]) == 0
    assert calls == [(workspace, ""), (workspace, "2026-11-22-1300-x")]


def test_serve_on_all_addresses_needs_a_public_url(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["serve", "--host", "0.0.0.0", "--workspace", str(workspace)]) == 2
    assert "--public-url" in capsys.readouterr().err
    # Nothing runs: serving is refused before a meeting is even looked for.
    assert cli.main(["serve", "--workspace", str(workspace)]) == 1
    assert "intet møde kører" in capsys.readouterr().err
