"""Broken session files, one per way a file can be broken, with the reason each must give."""

from __future__ import annotations

import random

from support.cases import Case, edited, raw
from support.samples import session_text, trial_action

GOOD = session_text()

# A second good meeting, running; its file must be used while the broken ones are not.
GOOD_RUNNING = session_text(
    "2026-11-23-0900-god-i-gang",
    title="Godt møde i gang",
    ended_at=None,
    trial_actions=[trial_action("ta-god2")],
)

MAX_BYTES = 5 * 1024 * 1024


def _with(name: str, old: str, new: str, key: str, line: int | None = None) -> Case:
    """GOOD with an id of its own (``name``) and one edit."""
    text = GOOD.replace('id = "2026-11-09-1300-god"', f'id = "2026-11-09-1300-{name}"', 1)
    return edited(text, name, old, new, key, line)


def cases() -> list[Case]:
    junk = random.Random(20261123).randbytes(4096)
    header = GOOD.split("\n\n", 1)[0] + "\n"
    return [
        _with("syntax", 'title = "God fil"', 'title = "God fil', "session.syntax", 3),
        _with("no-format", "format = 1\n", "", "session.missing"),
        _with("no-id", 'id = "2026-11-09-1300-no-id"\n', "", "session.missing"),
        _with("no-title", 'title = "God fil"\n', "", "session.missing"),
        _with("no-template", 'template = "borgerniveau"\n', "", "session.missing"),
        _with("no-start", "started_at = 2026-11-09T13:00:00+01:00\n", "", "session.missing"),
        _with("no-note-text", 'text = "Fremmødet faldt."\n', "", "session.missing", 14),
        _with("no-owner", 'owner = "Jonas"\n', "", "session.missing", 20),
        _with("no-verdict", 'verdict = "adopt"\n', "", "session.missing", 28),
        _with("format-text", "format = 1", 'format = "1"', "session.wrong_type", 1),
        _with("title-number", 'title = "God fil"', "title = 5", "session.wrong_type", 3),
        _with(
            "minutes-text",
            "planned_minutes = 10",
            'planned_minutes = "ti"',
            "session.wrong_type",
            11,
        ),
        _with(
            "start-text",
            "started_at = 2026-11-09T13:00:00+01:00",
            'started_at = "i går"',
            "session.wrong_type",
            5,
        ),
        _with(
            "due-time",
            "due = 2026-11-23",
            "due = 2026-11-23T10:00:00+01:00",
            "session.wrong_type",
            24,
        ),
        Case(
            "notes-not-tables",
            GOOD.replace("-god", "-notes-not-tables")
            .replace("ended_at", "notes = [1, 2]\nended_at")
            .replace("[[notes]]", "[unrelated]")
            .encode("utf-8"),
            "session.wrong_type",
            6,
        ),
        _with("verdict", 'verdict = "adopt"', 'verdict = "maybe"', "session.bad_choice", 33),
        _with(
            "carried", 'carried_out = "yes"', 'carried_out = "sort of"', "session.bad_choice", 30
        ),
        _with("kind", 'kind = "observation"', 'kind = "gossip"', "session.bad_choice", 16),
        _with(
            "same-action-twice",
            "[[evaluations]]",
            '[[trial_actions]]\nid = "ta-god1"\ntitle = "Igen"\nowner = "Ida"\n'
            'due = 2026-11-23\nprediction = "p"\nmeasure = "m"\n\n[[evaluations]]',
            "session.duplicate_action",
            29,
        ),
        _with(
            "same-phase-twice",
            "[[notes]]",
            '[[phases]]\nkey = "data"\ntitle = "Igen"\nplanned_minutes = 5\n\n[[notes]]',
            "session.duplicate_phase",
            15,
        ),
        _with("format-newer", "format = 1", "format = 2", "session.newer_format", 1),
        _with("format-zero", "format = 1", "format = 0", "session.bad_format", 1),
        Case(
            "not-utf8",
            GOOD.replace("2026-11-09-1300-god", "2026-11-09-1300-latin1").encode("latin-1"),
            "session.not_utf8",
            17,
        ),
        Case("binary-junk", junk, "session.not_utf8"),
        raw("control-characters", "format = 1\x00\x01\x02\n", "session.syntax", 1),
        raw("empty", "", "session.missing"),
        Case(
            "over-5-mb",
            (GOOD + "# " + "x" * MAX_BYTES + "\n").encode("utf-8"),
            "session.too_large",
        ),
        raw(
            "nested-arrays",
            header + "x = " + "[" * 10_000 + "]" * 10_000 + "\n",
            "session.too_deep",
            7,
        ),
        raw(
            "nested-tables",
            header + "x = " + "{a = " * 10_000 + "1" + "}" * 10_000 + "\n",
            "session.too_deep",
            7,
        ),
        raw("dotted-key", header + ".".join(["a"] * 100_000) + " = 1\n", "session.key_too_long", 7),
        raw(
            "dotted-key-inline",
            header + "x = {" + ".".join(["a"] * 100_000) + " = 1}\n",
            "session.key_too_long",
            7,
        ),
        # Four quotes end a multi-line string with a quote in it; brackets after are nesting.
        raw(
            "nesting-after-string",
            header + 'x = ["""a"""", ' + "[" * 10_000 + "]" * 10_001 + "\n",
            "session.too_deep",
            7,
        ),
        _with(
            "no-offset",
            "started_at = 2026-11-09T13:00:00+01:00",
            "started_at = 2026-11-09T13:00:00",
            "session.no_offset",
            5,
        ),
        _with(
            "year-one",
            "started_at = 2026-11-09T13:00:00+01:00",
            "started_at = 0001-01-01T00:30:00+01:00",
            "session.time_out_of_range",
            5,
        ),
        _with(
            "negative-elapsed", "elapsed_seconds = 600", "elapsed_seconds = -5", "session.negative"
        ),
        _with(
            "nan-elapsed",
            "elapsed_seconds = 600",
            "elapsed_seconds = nan",
            "session.out_of_range",
            12,
        ),
        _with(
            "inf-elapsed",
            "elapsed_seconds = 600",
            "elapsed_seconds = inf",
            "session.out_of_range",
            12,
        ),
        _with(
            "huge-minutes",
            "planned_minutes = 10",
            "planned_minutes = 99999999999999999999999",
            "session.out_of_range",
            11,
        ),
        _with(
            "unsafe-id",
            'id = "2026-11-09-1300-unsafe-id"',
            'id = "../../etc/passwd"',
            "session.bad_id",
            2,
        ),
    ]
