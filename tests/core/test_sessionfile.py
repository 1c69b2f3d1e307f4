"""Session files, format 1: the DESIGN.md example reads, writing and reading lose nothing."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from refleksionsrum.core import models as m
from refleksionsrum.core.files import sessionfile
from support.samples import DESIGN_EXAMPLE

from .core_strategies import meetings

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
