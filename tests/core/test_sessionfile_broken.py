"""Broken session files: each problem is named with the line and key it is at, never a crash."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from refleksionsrum.core import models as m
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.sessionfile import SessionFileError
from support.samples import DESIGN_EXAMPLE

PATH = Path("sessions/x.toml")


def _broken(text: str) -> SessionFileError:
    with pytest.raises(SessionFileError) as caught:
        sessionfile.parse(text, PATH)
    return caught.value


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


@pytest.mark.parametrize(
    ("name", "old", "new", "key", "points_at"),
    [
        (
            "missing title",
            'title = "Refleksionsmøde, familiebehandling"\n',
            "",
            "session.missing",
            None,
        ),
        (
            "wrong type",
            "planned_minutes = 20",
            'planned_minutes = "20"',
            "session.wrong_type",
            "planned_minutes",
        ),
        (
            "bool for number",
            "planned_minutes = 20",
            "planned_minutes = true",
            "session.wrong_type",
            "planned_minutes",
        ),
        (
            "unknown verdict",
            'verdict = "adapt"',
            'verdict = "maybe"',
            "session.bad_choice",
            "verdict =",
        ),
        ("unknown kind", 'kind = "observation"', 'kind = "gossip"', "session.bad_choice", "kind ="),
        (
            "carried out",
            'carried_out = "partly"',
            'carried_out = "mostly"',
            "session.bad_choice",
            "carried_out",
        ),
        ("newer format", "format = 1", "format = 2", "session.newer_format", "format = 2"),
        ("format zero", "format = 1", "format = 0", "session.bad_format", "format = 0"),
        (
            "no offset",
            "started_at = 2026-11-22T13:00:00+01:00",
            "started_at = 2026-11-22T13:00:00",
            "session.no_offset",
            "started_at",
        ),
        (
            "no offset on a note",
            "created_at = 2026-11-22T13:14:03+01:00",
            "created_at = 2026-11-22T13:14:03",
            "session.no_offset",
            "created_at = 2026-11-22T13:14:03",
        ),
        (
            "time before the calendar",
            "created_at = 2026-11-22T14:41:10+01:00",
            "created_at = 0001-01-01T00:30:00+01:00",
            "session.time_out_of_range",
            "created_at = 0001",
        ),
        (
            "date for a time",
            "started_at = 2026-11-22T13:00:00+01:00",
            "started_at = 2026-11-22",
            "session.wrong_type",
            "started_at",
        ),
        (
            "time for a date",
            "due = 2026-12-06",
            "due = 2026-12-06T10:00:00+01:00",
            "session.wrong_type",
            "due =",
        ),
        (
            "id not a file name",
            'id = "2026-11-22-1300-familiebehandling"',
            'id = "../../etc/passwd"',
            "session.bad_id",
            "id =",
        ),
        (
            "negative time",
            "elapsed_seconds = 1260",
            "elapsed_seconds = -5",
            "session.negative",
            "[[phases]]",
        ),
        ("syntax", 'owner = "Jonas"', 'owner = "Jonas', "session.syntax", 'owner = "Jonas'),
    ],
)
def test_broken_file_names_the_problem_and_where(
    name: str, old: str, new: str, key: str, points_at: str | None
) -> None:
    assert old in DESIGN_EXAMPLE, name
    text = DESIGN_EXAMPLE.replace(old, new, 1)
    error = _broken(text)
    assert error.message_key == key, name
    rendered = error.render()
    assert rendered.startswith(str(PATH))
    assert "{" not in rendered, rendered  # every placeholder filled in
    if points_at is not None:
        assert error.position is not None, name
        assert error.position.line == _line(text, points_at), name
        assert f"{PATH}:{error.position.line}:{error.position.column}: " in rendered


def test_duplicate_trial_action_id() -> None:
    block = DESIGN_EXAMPLE[
        DESIGN_EXAMPLE.index("[[trial_actions]]") : DESIGN_EXAMPLE.index("[[evaluations]]")
    ]
    text = DESIGN_EXAMPLE.replace(block, block + block)
    error = _broken(text)
    assert error.message_key == "session.duplicate_action"
    assert error.params["value"] == "ta-7f3c"
    assert error.position is not None
    second = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith('id = "ta-7f3c"')]
    assert error.position.line == second[1]


def test_duplicate_phase_key() -> None:
    block = DESIGN_EXAMPLE[DESIGN_EXAMPLE.index("[[phases]]") : DESIGN_EXAMPLE.index("[[notes]]")]
    error = _broken(DESIGN_EXAMPLE.replace(block, block + block))
    assert error.message_key == "session.duplicate_phase"


def test_missing_key_in_a_table_points_at_that_table() -> None:
    text = DESIGN_EXAMPLE.replace('owner = "Jonas"\n', "")
    error = _broken(text)
    assert error.message_key == "session.missing"
    assert error.params["key"] == "trial_actions[0].owner"
    assert error.position is not None
    assert error.position.line == _line(text, "[[trial_actions]]")


def test_newer_format_says_to_update() -> None:
    error = _broken(DESIGN_EXAMPLE.replace("format = 1", "format = 7"))
    assert "format 7" in error.render()
    assert "Opdatér refleksionsrum" in error.render()


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(DESIGN_EXAMPLE.encode("utf-8").replace(b"Jonas", b"J\xf8nas"))
    with pytest.raises(SessionFileError) as caught:
        sessionfile.read(path)
    error = caught.value
    assert error.message_key == "session.not_utf8"
    assert error.position is not None
    assert error.position.line == _line(DESIGN_EXAMPLE, 'owner = "Jonas"')
    assert error.position.column == len('owner = "J') + 1


def test_unreadable_path_is_a_session_file_error(tmp_path: Path) -> None:
    with pytest.raises(SessionFileError) as caught:
        sessionfile.read(tmp_path / "gone.toml")
    assert caught.value.message_key == "session.unreadable"


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 5000 + "]" * 5000,
        "a" + ".a" * 5000 + " = 1",
        "",
        "format = 1",
        "\x00",
        "[[phases]]\n[phases]\n",
    ],
)
def test_hostile_files_raise_only_session_file_errors(text: str) -> None:
    with pytest.raises(SessionFileError):
        sessionfile.parse(text, PATH)


def test_comments_and_texts_full_of_dots_and_brackets_are_fine() -> None:
    text = (
        "# "
        + "." * 80
        + "\n# "
        + "[" * 40
        + "\n"
        + DESIGN_EXAMPLE.replace(
            'what_happened = "..."', 'what_happened = "' + "[" * 40 + "." * 40 + '"'
        )
    )
    meeting = sessionfile.parse(text, PATH)
    assert meeting.evaluations[0].what_happened == "[" * 40 + "." * 40


def test_minutes_added_in_the_meeting_are_kept_beside_the_plan() -> None:
    meeting = sessionfile.parse(DESIGN_EXAMPLE, PATH)
    assert all(p.added_ms == 0 for p in meeting.phases)  # no key: nothing was added
    meeting.phases.append(m.PhaseRecord("next", "Næste skridt", 10))
    meeting.phases[0].added_ms = 6 * 60_000  # F3 then F2
    text = sessionfile.dumps(meeting)
    first, second = tomllib.loads(text)["phases"]
    assert first["added_minutes"] == 6
    assert "added_minutes" not in second  # left out when nothing was added
    again = sessionfile.parse(text, PATH)
    assert again.phases[0].added_ms == 6 * 60_000
    assert again.phases[0].budget_ms == (again.phases[0].planned_minutes + 6) * 60_000


def test_negative_added_minutes_are_refused_where_they_are() -> None:
    text = DESIGN_EXAMPLE.replace(
        "planned_minutes = 20", "planned_minutes = 20\nadded_minutes = -3", 1
    )
    assert "added_minutes = -3" in text
    with pytest.raises(SessionFileError) as caught:
        sessionfile.parse(text, PATH)
    assert "phases" in str(caught.value)
