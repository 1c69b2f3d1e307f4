"""Session files, format 1: the DESIGN.md example reads, writing and reading lose nothing."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from refleksionsrum.core import models as m
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.sessionfile import SessionFileError

from .core_strategies import meetings

# The example from DESIGN.md, "Session file, format 1", copied as it stands.
DESIGN_EXAMPLE = """\
format = 1
id = "2026-11-22-1300-familiebehandling"   # unique; the file is sessions/<id>.toml
title = "Refleksionsmøde, familiebehandling"
template = "indsatsniveau"                 # a template name from config.toml
started_at = 2026-11-22T13:00:00+01:00
ended_at = 2026-11-22T14:55:00+01:00       # optional: absent while the meeting runs
previous = "2026-11-08-1300-familiebehandling"  # optional: the meeting whose actions were followed up

[[participants]]                # optional table array
name = "Mette"
role = "facilitator"            # facilitator | note-taker | participant | sponsor | expert | ...

[[phases]]                      # in agenda order
key = "data"                    # followup | data | reflection | wonder | next, or a template's own
title = "Datagennemgang"
planned_minutes = 20
elapsed_seconds = 1260          # optional

[[notes]]
phase = "data"
kind = "observation"            # observation | reflection | wondering | explanation | parked-idea | note
text = "Fremmødet i gruppeforløbet faldt fra 80 % til 55 % i oktober."
source = "Fremmøderegistrering"   # optional
created_at = 2026-11-22T13:14:03+01:00

[[decisions]]
text = "Vi flytter gruppeforløbet til formiddag i december."
created_at = 2026-11-22T14:41:10+01:00

[[trial_actions]]
id = "ta-7f3c"                  # unique and stable across meetings
title = "Ring dagen før til familier der udeblev sidst"
owner = "Jonas"
due = 2026-12-06
prediction = "Mindst 4 af 6 familier møder op."
measure = "Fremmøde pr. gang i december."
development_point = "Fastholdelse i gruppeforløb"   # optional
adapted_from = "ta-1a2b"        # optional: the trial action this one adapts

[[evaluations]]                 # this meeting's follow-up of earlier trial actions
trial_action = "ta-1a2b"
carried_out = "partly"          # yes | partly | no
what_happened = "..."
compared_to_prediction = "..."  # optional
learning = "..."
verdict = "adapt"               # adopt | adapt | abandon | continue
"""  # noqa: E501

PATH = Path("sessions/x.toml")
CET = timezone(timedelta(hours=1))


def test_design_example_parses() -> None:
    meeting = sessionfile.parse(DESIGN_EXAMPLE, PATH)
    assert meeting.id == "2026-11-22-1300-familiebehandling"
    assert meeting.title == "Refleksionsmøde, familiebehandling"
    assert meeting.template == "indsatsniveau"
    assert meeting.started_at == datetime(2026, 11, 22, 13, 0, tzinfo=CET)
    assert meeting.ended_at == datetime(2026, 11, 22, 14, 55, tzinfo=CET)
    assert meeting.previous == "2026-11-08-1300-familiebehandling"
    assert meeting.participants == [m.Participant("Mette", "facilitator")]
    assert meeting.phases == [m.PhaseRecord("data", "Datagennemgang", 20, elapsed_ms=1_260_000)]
    assert meeting.notes == [
        m.Note(
            phase="data",
            kind=m.NoteKind.OBSERVATION,
            text="Fremmødet i gruppeforløbet faldt fra 80 % til 55 % i oktober.",
            source="Fremmøderegistrering",
            created_at=datetime(2026, 11, 22, 13, 14, 3, tzinfo=CET),
        )
    ]
    assert meeting.decisions == [
        m.Decision(
            "Vi flytter gruppeforløbet til formiddag i december.",
            datetime(2026, 11, 22, 14, 41, 10, tzinfo=CET),
        )
    ]
    (action,) = meeting.trial_actions
    assert action.id == "ta-7f3c"
    assert action.owner == "Jonas"
    assert action.due == date(2026, 12, 6)
    assert action.development_point == "Fastholdelse i gruppeforløb"
    assert action.adapted_from == "ta-1a2b"
    assert action.meeting_id == meeting.id
    assert action.meeting_started_at == meeting.started_at
    assert meeting.evaluations == [
        m.Evaluation(
            trial_action="ta-1a2b",
            carried_out=m.CarriedOut.PARTLY,
            what_happened="...",
            compared_to_prediction="...",
            learning="...",
            verdict=m.Verdict.ADAPT,
        )
    ]
    assert meeting.extra == {}


def test_dumps_has_the_contract_layout() -> None:
    meeting = sessionfile.parse(DESIGN_EXAMPLE, PATH)
    text = sessionfile.dumps(meeting)
    lines = text.splitlines()
    assert lines[0] == "format = 1"
    assert lines[1:6] == [
        'id = "2026-11-22-1300-familiebehandling"',
        'title = "Refleksionsmøde, familiebehandling"',
        'template = "indsatsniveau"',
        "started_at = 2026-11-22T13:00:00+01:00",
        "ended_at = 2026-11-22T14:55:00+01:00",
    ]
    headers = [line for line in lines if line.startswith("[")]
    assert headers == [
        "[[participants]]",
        "[[phases]]",
        "[[notes]]",
        "[[decisions]]",
        "[[trial_actions]]",
        "[[evaluations]]",
    ]
    assert "created_at = 2026-11-22T13:14:03+01:00" in lines
    assert "due = 2026-12-06" in lines
    assert "elapsed_seconds = 1260" in lines
    # The same keys, values and order as the example, only without its comments.
    uncommented = [
        re.sub(r"\s+#.*$", "", line)
        for line in DESIGN_EXAMPLE.splitlines()
        if not line.startswith("#")
    ]
    assert lines == uncommented
    # Every time has an offset and a "T"; dates are local dates, not date-times.
    data = tomllib.loads(text)
    assert isinstance(data["started_at"], datetime)
    assert data["started_at"].utcoffset() == timedelta(hours=1)
    assert type(data["trial_actions"][0]["due"]) is date
    assert not re.search(r"\d{4}-\d{2}-\d{2} \d{2}:", text)


def test_running_meeting_has_no_ended_at_and_empty_sections_are_left_out() -> None:
    meeting = m.Meeting(
        id="m1",
        title="Møde",
        template="borgerniveau",
        started_at=datetime(2026, 11, 22, 13, 0, tzinfo=CET),
        phases=[m.PhaseRecord("followup", "Opfølgning", 5)],
    )
    text = sessionfile.dumps(meeting)
    assert "ended_at" not in text
    assert "[[notes]]" not in text
    assert "[[phases]]" in text
    assert sessionfile.parse(text, PATH) == meeting


# -- the round trip, for any meeting ------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meetings())
def test_round_trip_loses_nothing(meeting: m.Meeting) -> None:
    text = sessionfile.dumps(meeting)
    back = sessionfile.parse(text, PATH)
    assert back.id == meeting.id
    assert back.title == meeting.title
    assert back.template == meeting.template
    assert back.started_at == meeting.started_at
    assert back.started_at.utcoffset() == meeting.started_at.utcoffset()
    assert back.ended_at == meeting.ended_at
    assert back.previous == meeting.previous
    assert back.participants == meeting.participants
    assert back.phases == meeting.phases
    assert back.notes == meeting.notes
    assert back.decisions == meeting.decisions
    assert back.trial_actions == meeting.trial_actions
    assert back.evaluations == meeting.evaluations
    # The title beside the id is a copy (not compared with ==), but it is kept too.
    assert [e.title for e in back.evaluations] == [e.title for e in meeting.evaluations]
    assert back.extra == meeting.extra
    assert back == meeting
    assert sessionfile.dumps(back) == text


@settings(max_examples=100, deadline=None)
@given(meetings())
def test_written_text_holds_no_raw_control_characters(meeting: m.Meeting) -> None:
    # A session file shown with `cat` must not drive the terminal.
    text = sessionfile.dumps(meeting)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)


def test_unknown_keys_are_kept() -> None:
    text = (
        DESIGN_EXAMPLE.replace(
            'template = "indsatsniveau"',
            'template = "indsatsniveau"\nlocation = "Mødelokale 2"\nrevision = 3',
        )
        + '\n[tool]\nname = "andet-program"\n'
    )
    meeting = sessionfile.parse(text, PATH)
    assert meeting.extra == {
        "location": "Mødelokale 2",
        "revision": 3,
        "tool": {"name": "andet-program"},
    }
    again = sessionfile.parse(sessionfile.dumps(meeting), PATH)
    assert again == meeting


def test_a_meeting_read_from_file_names_its_trial_actions_meeting() -> None:
    meeting = sessionfile.parse(DESIGN_EXAMPLE, PATH)
    plain = replace(meeting.trial_actions[0], meeting_id=None, meeting_started_at=None)
    written = sessionfile.dumps(replace(meeting, trial_actions=[plain]))
    assert sessionfile.parse(written, PATH).trial_actions == meeting.trial_actions


# -- broken files --------------------------------------------------------------------------


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
