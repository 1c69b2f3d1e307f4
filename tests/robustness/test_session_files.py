"""Broken session files: each is refused with its reason, quickly; the app and check go on.

Promise 6 of issue 4. The cases are in sessioncases.py; the reader is also fuzzed.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import OptionList, Static

from refleksionsrum import cli
from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.sessionfile import SessionFileError
from refleksionsrum.core.i18n import t
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from support.pilot import wait_until

from .procs import run_cli
from .sessioncases import GOOD, GOOD_RUNNING, Case, cases

CASES = cases()
# Refusing a file is a glance at it, even one shaped to exhaust the parser.
# A guard against a reader that hangs or reads without limit (each case takes well under a
# second alone), not a speed figure: generous, because the machine may be loaded.
HANG_S = 20.0


def put(workspace: Path, name: str, content: bytes | str) -> Path:
    path = workspace / "sessions" / f"{name}.toml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_there_are_at_least_25_distinct_cases() -> None:
    assert len({case.name for case in CASES}) == len(CASES) >= 25
    assert len({case.content for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_reader_refuses_the_file_quickly_with_its_reason(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"{case.name}.toml"
    path.write_bytes(case.content)
    began = time.monotonic()
    with pytest.raises(SessionFileError) as refused:
        sessionfile.read(path)
    assert time.monotonic() - began < HANG_S
    assert refused.value.message_key == case.key
    if case.line is not None:
        assert refused.value.position is not None
        assert refused.value.position.line == case.line
        assert refused.value.render().startswith(f"{path}:{case.line}:")
    assert path.read_bytes() == case.content


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_check_names_the_file_and_exits_1(
    case: Case, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put(workspace, "god", GOOD)
    bad = put(workspace, case.name, case.content)
    assert cli.main(["check", "--workspace", str(workspace)]) == cli.EXIT_PROBLEMS
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if line.startswith(str(bad))]
    if case.line is not None:
        assert line.startswith(f"{bad}:{case.line}:")
    assert "god.toml" not in out.replace(f"{workspace}/config.toml", "")
    assert bad.read_bytes() == case.content


def test_check_in_a_real_process_names_every_bad_file(workspace: Path) -> None:
    put(workspace, "god", GOOD)
    put(workspace, "god-i-gang", GOOD_RUNNING)
    for case in CASES:
        put(workspace, case.name, case.content)
    done = run_cli("check", "--workspace", str(workspace))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    reported = {
        line.split(".toml", 1)[0].rsplit("/", 1)[-1]
        for line in done.stdout.splitlines()
        if "/sessions/" in line
    }
    assert reported == {case.name for case in CASES}
    config = workspace / "config.toml"
    summary = t("cli.check.summary", config=config, good=2, bad=len(CASES), warnings=0)
    assert summary in done.stdout


def test_two_files_with_one_meeting_id_are_named(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put(workspace, "a-god", GOOD)
    copy = put(workspace, "b-kopi", GOOD)
    assert cli.main(["check", "--workspace", str(workspace)]) == cli.EXIT_PROBLEMS
    assert (
        f"{copy}: {t('session.duplicate_meeting', value='2026-11-09-1300-god', other='a-god.toml')}"
        in capsys.readouterr().out
    )


async def test_the_app_starts_lists_the_good_meetings_and_counts_the_bad(workspace: Path) -> None:
    put(workspace, "god", GOOD)
    put(workspace, "god-i-gang", GOOD_RUNNING)
    for case in CASES:
        put(workspace, case.name, case.content)
    app = RefleksionsrumApp(Workspace.open(workspace), clock=FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        # Taking in the files happens in a thread: wait for its verdict on the screen.
        await wait_until(
            pilot,
            lambda: str(app.screen.query_one("#start-status", Static).render()).startswith(
                f"{len(CASES)} "
            ),
            "the start screen counts the broken files",
        )
        running = app.screen.query_one("#running", OptionList)
        recent = app.screen.query_one("#recent", OptionList)
        assert [running.get_option_at_index(i).id for i in range(running.option_count)] == [
            "2026-11-23-0900-god-i-gang"
        ]
        assert [recent.get_option_at_index(i).id for i in range(recent.option_count)] == [
            "2026-11-09-1300-god"
        ]
        status = str(app.screen.query_one("#start-status", Static).render())
        assert status.startswith(f"{len(CASES)} ")
        # The running meeting can be resumed at once: the list has the focus.
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.room is not None, "the running meeting resumed")
        assert app.room is not None and app.room.meeting.title == "Godt møde i gang"
        await pilot.press("ctrl+q")
    for case in CASES:
        assert (workspace / "sessions" / f"{case.name}.toml").read_bytes() == case.content


# -- fuzz: the reader raises its own error and nothing else ------------------------------------


def parse_or_refuse(raw: bytes | str) -> sessionfile.Meeting | None:
    try:
        if isinstance(raw, bytes):
            return sessionfile.parse_bytes(raw, Path("fuzz.toml"))
        return sessionfile.parse(raw, Path("fuzz.toml"))
    except SessionFileError as refused:
        refused.render()  # the message itself must not fail either
        return None


def usable(meeting: sessionfile.Meeting | None, tmp_path: Path) -> None:
    """Whatever the reader accepts can be written back and stored."""
    if meeting is None:
        return
    again = sessionfile.parse(sessionfile.dumps(meeting), Path("again.toml"))
    assert again.id == meeting.id
    store = Store(f"sqlite:///{tmp_path / 'fuzz.db'}")
    try:
        store.save_meeting(meeting)
    except Exception as error:  # a clash of trial action ids between examples is fine
        assert type(error).__name__ == "StoreError", error
    finally:
        store.close()


FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(st.text())
def test_fuzz_any_text(text: str) -> None:
    parse_or_refuse(text)


@FUZZ
@given(st.binary())
def test_fuzz_any_bytes(raw: bytes) -> None:
    parse_or_refuse(raw)


_PIECES = st.sampled_from(
    [
        "[",
        "]",
        "[[",
        "]]",
        "{",
        "}",
        "=",
        ".",
        ",",
        '"',
        "'",
        '"""',
        "'''",
        "#",
        "\n",
        "\\",
        "nan",
        "inf",
        "-1",
        "1e400",
        "99999999999999999999",
        "2026-13-40",
        "T25:61:00",
        "+99:00",
        "\x00",
        "\x1b",
        "\ud800",
        "ø",
        "a.b.c",
        "[[notes]]",
        "[[phases]]",
        "true",
    ]
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = GOOD
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        piece = draw(st.one_of(_PIECES, st.text(max_size=8)))
        if action == "insert":
            text = text[:at] + piece + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif action == "replace":
            text = text[:at] + piece + text[at + len(piece) :]
        else:
            text = text[:at] + piece * draw(st.integers(2, 300)) + text[at:]
    return text


@FUZZ
@given(mutated())
def test_fuzz_mutations_of_a_valid_file(tmp_path: Path, text: str) -> None:
    usable(parse_or_refuse(text), tmp_path)
    usable(parse_or_refuse(text.encode("utf-8", "surrogatepass")), tmp_path)
