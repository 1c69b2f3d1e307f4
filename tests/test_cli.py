"""The command line, through main() and through a real `python -m refleksionsrum` process."""

from __future__ import annotations

import gc
import os
import stat
import subprocess
import sys
import textwrap
import types
from pathlib import Path
from typing import Any

import pytest

from refleksionsrum import __version__, cli
from refleksionsrum.core import collector
from refleksionsrum.core.workspace import ENV_VAR, init_workspace
from support.cli import BROKEN_SESSION, GOOD_SESSION, run_cli


@pytest.fixture
def screens(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stand-in for refleksionsrum.tui.running.run: records each call, returns 0."""
    calls: list[dict[str, Any]] = []

    def run(
        root: Path,
        *,
        new: bool = False,
        template: str | None = None,
        title: str | None = None,
        join: str | None = None,
        workspace: Any = None,
        ahead: Any = None,
    ) -> int:
        calls.append({"root": root, "new": new, "template": template, "title": title})
        if join is not None:
            calls[-1]["join"] = join
        return 0

    fake = types.ModuleType("refleksionsrum.tui.running")
    fake.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "refleksionsrum.tui.running", fake)
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
    # An unknown option with a value before the command: named, not its value as a command.
    assert cli.main(["--workspace", str(workspace), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "ukendte argumenter: --lang" in err
    assert "ugyldigt valg" not in err
    # A prefix of the program's own option is that option, as argparse has it.
    assert cli.main(["--work", str(workspace), "check"]) == 0
    capsys.readouterr()
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


def test_a_command_gets_the_collector_back_before_it_runs(
    workspace: Path, fresh_collector: None
) -> None:
    # launch.py holds it while the program loads; `check` of 10,000 files must not run
    # without it (its own pauses resume it only if it was on).
    collector.hold_while_loading()
    assert cli.main(["check", "--workspace", str(workspace)]) == 0
    assert gc.isenabled()


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

        def run(root, *, new=False, template=None, title=None, join=None, workspace=None, **_):
            heavy = [m for m in ("sqlmodel", "sqlalchemy", "textual") if m in sys.modules]
            print("loaded:", heavy)
            return 0

        fake = types.ModuleType("refleksionsrum.tui.running")
        fake.run = run
        sys.modules["refleksionsrum.tui.running"] = fake
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


def test_join_hands_over_to_the_screens_as_note_taker(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, str | None]] = []

    def run(root: Path, *, join: str | None = None) -> int:
        calls.append((root, join))
        return 0

    fake = types.ModuleType("refleksionsrum.tui.running")
    fake.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "refleksionsrum.tui.running", fake)
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
