"""Sample meetings for every test: session files as a person writes them, and as models.

`session_text()` writes a session file (format 1) the way a colleague would by hand, one
`key = value` a line, a blank line before each table; with no arguments it is a finished
meeting with one of each item ("God fil"), and every part can be replaced. The tables are
plain dicts made by `phase()`, `note()`, `trial_action()`, `evaluation()`; what is not given
is not written. Times and dates go in as text ("2026-11-09T13:00:00+01:00") and are written
bare, as TOML dates. `meeting()` and `action()` are the same kind of sample as models.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from refleksionsrum.core import models as m

Table = Mapping[str, Any]
# Keys whose text values are TOML dates or times, written without quotes.
BARE = {"started_at", "ended_at", "created_at", "due"}
TABLES = ("participants", "phases", "notes", "decisions", "trial_actions", "evaluations")


def _given(**values: Any) -> dict[str, Any]:
    """The values given, in order; None means "not written"."""
    return {key: value for key, value in values.items() if value is not None}


def _maker(name: str, defaults: dict[str, Any]) -> Callable[..., dict[str, Any]]:
    """A table maker: positional values fill ``defaults``' keys in order, keywords any key
    (a new key goes after the others); a value of None leaves its key out."""
    keys = list(defaults)

    def make(*values: Any, **given: Any) -> dict[str, Any]:
        return _given(**{**defaults, **dict(zip(keys, values, strict=False)), **given})

    make.__name__ = make.__qualname__ = name
    return make


phase = _maker(
    "phase",
    {"key": "data", "title": "Datagennemgang", "planned_minutes": 10, "elapsed_seconds": 600},
)
note = _maker(
    "note",
    {
        "phase": "data",
        "kind": "observation",
        "text": "Fremmødet faldt.",
        "created_at": "2026-11-09T13:05:00+01:00",
    },
)
trial_action = _maker(
    "trial_action",
    {
        "id": "ta-god1",
        "title": "Ring dagen før",
        "owner": "Jonas",
        "due": "2026-11-23",
        "prediction": "Flere møder op.",
        "measure": "Fremmøde.",
    },
)
evaluation = _maker(
    "evaluation",
    {
        "trial_action": "ta-gammel",
        "carried_out": "yes",
        "what_happened": "Det virkede.",
        "learning": "Ring tidligt.",
        "verdict": "adopt",
    },
)


def session_text(
    id: str = "2026-11-09-1300-god",
    *,
    title: str = "God fil",
    template: str = "borgerniveau",
    started_at: str = "2026-11-09T13:00:00+01:00",
    ended_at: str | None = "2026-11-09T13:30:00+01:00",
    previous: str | None = None,
    participants: Iterable[Table] = (),
    phases: Iterable[Table] = (phase(),),
    notes: Iterable[Table] = (note(),),
    decisions: Iterable[Table] = (),
    trial_actions: Iterable[Table] = (trial_action(),),
    evaluations: Iterable[Table] = (evaluation(),),
) -> str:
    """A session file's text: the head, then each table array in the order of DESIGN.md."""
    head = _given(
        format=1,
        id=id,
        title=title,
        template=template,
        started_at=started_at,
        ended_at=ended_at,
        previous=previous,
    )
    tables = dict(
        zip(
            TABLES,
            (participants, phases, notes, decisions, trial_actions, evaluations),
            strict=True,
        )
    )
    blocks = [_lines(head)]
    for name, rows in tables.items():
        blocks += [f"[[{name}]]\n" + _lines(row) for row in rows]
    return "\n".join(blocks)


def write_session(workspace: Path, text: str | None = None, name: str | None = None) -> Path:
    """Put a session file into ``workspace``'s sessions/ (named after its id by default)."""
    text = session_text() if text is None else text
    if name is None:
        name = next(line for line in text.splitlines() if line.startswith("id = "))[6:-1]
    path = workspace / "sessions" / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _lines(table: Table) -> str:
    return "".join(f"{key} = {_value(key, value)}\n" for key, value in table.items())


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if key in BARE:
        return str(value)
    # A TOML basic string: JSON's escapes are TOML's, but DEL must be escaped too.
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


# -- the same meeting as models ---------------------------------------------------------------

CET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 22, 13, 0, tzinfo=CET)


def action(action_id: str = "ta-1", title: str = "Ring dagen før", **more: Any) -> m.TrialAction:
    """A planned trial action, due two weeks after START."""
    fields: dict[str, Any] = dict(
        owner="Jonas",
        due=date(2026, 12, 6),
        prediction="Mindst 4 af 6 møder op.",
        measure="Fremmøde pr. gang.",
    )
    fields.update(more)
    return m.TrialAction(id=action_id, title=title, **fields)


def meeting(meeting_id: str = "m1", started: datetime = START, **more: Any) -> m.Meeting:
    """A running meeting with two participants, three phases and nothing recorded yet."""
    fields: dict[str, Any] = dict(
        title="Refleksionsmøde, familiebehandling",
        template="indsatsniveau",
        participants=[m.Participant("Mette", "facilitator"), m.Participant("Jonas", "note-taker")],
        phases=[
            m.PhaseRecord("followup", "Opfølgning", 20),
            m.PhaseRecord("data", "Datagennemgang", 30),
            m.PhaseRecord("next", "Næste skridt", 25),
        ],
        clock=m.ClockState(current=0, running=True, running_since=started),
    )
    fields.update(more)
    return m.Meeting(id=meeting_id, started_at=started, **fields)


def finished_meeting(text: str = "Fremmødet faldt til 55 %.") -> m.Meeting:
    """A finished meeting with one or more of every item, the first note reading ``text``."""
    return meeting(
        "2026-11-22-1300-familiebehandling",
        template="borgerniveau",
        ended_at=START + timedelta(minutes=32),
        clock=m.ClockState(),
        phases=[
            m.PhaseRecord("followup", "Opfølgning", 5, elapsed_ms=330_000),
            m.PhaseRecord("data", "Datagennemgang", 7, elapsed_ms=420_000),
            m.PhaseRecord("reflection", "Refleksion", 7, elapsed_ms=0),
            m.PhaseRecord("wonder", "Undring før handling", 5, elapsed_ms=300_000),
            m.PhaseRecord("next", "Næste skridt", 6, elapsed_ms=480_000),
        ],
        notes=[
            m.Note("data", m.NoteKind.OBSERVATION, text, START, source="Fremmøderegistrering"),
            m.Note("wonder", m.NoteKind.WONDERING, "Hvorfor netop i oktober?", START),
            m.Note("wonder", m.NoteKind.PARKED_IDEA, "Flyt gruppen til formiddag", START),
        ],
        decisions=[m.Decision("Vi flytter gruppeforløbet til formiddag.", START)],
        trial_actions=[
            action(
                "ta-7f3c",
                due=date(2026, 12, 7),
                development_point="Fastholdelse i gruppeforløb",
                prediction="Mindst 4 af 6 familier møder op.",
                measure="Fremmøde pr. gang i december.",
                adapted_from="ta-1a2b",
            )
        ],
        evaluations=[
            m.Evaluation(
                trial_action="ta-1a2b",
                carried_out=m.CarriedOut.PARTLY,
                what_happened="Tre familier blev ringet op.",
                learning="Et opkald hjælper, men ikke alene.",
                verdict=m.Verdict.ADAPT,
                compared_to_prediction="Færre end forventet.",
            )
        ],
    )


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
