"""A broken config.toml: one message with file:line:column and what to do, exit 2, file untouched.

Promise 5 of issue 4, through the real command line: `refleksionsrum check` and the plain
start that opens the screens. An unreachable database is found when the screens open it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from refleksionsrum.core import i18n
from refleksionsrum.core.config import ConfigError, load_config
from refleksionsrum.core.i18n import t

from .configcases import GOOD, Case, cases
from .procs import SCRIPT, run_cli, run_to_exit

CASES = cases()


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_there_are_at_least_20_distinct_cases() -> None:
    assert len({case.name for case in CASES}) == len(CASES) >= 20
    assert len({case.content for case in CASES}) == len(CASES)


@pytest.mark.parametrize("command", [["check"], []], ids=["check", "start"])
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_broken_config_gives_one_positioned_message_and_exit_2(
    case: Case, command: list[str], workspace: Path
) -> None:
    config = workspace / "config.toml"
    config.write_bytes(case.content)
    before = fingerprint(config)
    i18n.set_language("da")
    with pytest.raises(ConfigError) as expected:
        load_config(config)
    assert expected.value.message_key == case.key

    done = run_cli(*command, "--workspace", str(workspace))

    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout == ""
    assert done.stderr.splitlines() == [expected.value.render()]
    where = f"{config}:{case.line}:" if case.line is not None else f"{config}: "
    assert done.stderr.startswith(where)
    # What to do is part of the one message.
    assert t(expected.value.hint or "config.hint", path=config) in done.stderr
    assert fingerprint(config) == before


UNREACHABLE = {
    # The form the README documents; a plain postgresql:// is read as this one.
    "postgresql": "postgresql+psycopg://nobody@127.0.0.1:1/refleksionsrum",
    "sqlite-no-folder": "sqlite:///ingen/mappe/her/refleksionsrum.db",
}


@pytest.mark.parametrize("command", [[], ["new", "--title", "Møde"]], ids=["start", "new"])
@pytest.mark.parametrize("which", sorted(UNREACHABLE))
def test_unreachable_database_stops_the_app_at_once_with_exit_2(
    which: str, command: list[str], workspace: Path
) -> None:
    config = workspace / "config.toml"
    config.write_text(
        GOOD.replace("bell = false", f'bell = false\ndatabase_url = "{UNREACHABLE[which]}"'),
        encoding="utf-8",
    )
    before = fingerprint(config)
    # It stops by itself: nothing is typed, and wait() fails at its deadline if the app
    # waited for the user. No wall-clock bound: a start on a loaded machine takes seconds.
    code, shown = run_to_exit([str(SCRIPT), *command, "--workspace", str(workspace)])
    assert code == 2
    assert "Traceback" not in shown
    url = UNREACHABLE[which].replace("sqlite:///", f"sqlite:///{workspace}/")
    assert t("store.unreachable", url=url, reason="").split(": ")[0] in shown
    assert "database_url" in shown
    assert fingerprint(config) == before
    assert not any((workspace / "sessions").glob("*.toml"))
    assert not (workspace / "ingen").exists()


def test_a_good_config_is_accepted(workspace: Path) -> None:
    (workspace / "config.toml").write_text(GOOD, encoding="utf-8")
    done = run_cli("check", "--workspace", str(workspace))
    assert done.returncode == 0, done.stderr
    assert os.fspath(workspace / "config.toml") in done.stdout
