"""The domain's rules are written once, as names: which verdicts close, what a phase records."""

from __future__ import annotations

import pytest

from refleksionsrum.core.config import PhaseTemplate
from refleksionsrum.core.kinds import NoteKind, Recording, Verdict
from refleksionsrum.core.store.migrations import REFRESH_CLOSED


def test_adopt_adapt_and_abandon_close_and_continue_carries_on() -> None:
    assert Verdict.closing() == (Verdict.ADOPT, Verdict.ADAPT, Verdict.ABANDON)
    assert not Verdict.CONTINUE.closes


def test_the_stored_rule_for_closing_is_made_from_the_verdicts() -> None:
    for verdict in Verdict:
        assert (f"'{verdict.value}'" in REFRESH_CLOSED) is verdict.closes


@pytest.mark.parametrize(
    ("key", "recording", "entry"),
    [
        ("followup", Recording.FOLLOWUP, NoteKind.NOTE),
        ("data", Recording.DATA, NoteKind.OBSERVATION),
        ("reflection", Recording.REFLECTION, NoteKind.REFLECTION),
        ("wonder", Recording.WONDER, NoteKind.NOTE),
        ("next", Recording.NEXT, NoteKind.NOTE),
        ("kaffepause", Recording.NOTES, NoteKind.NOTE),
    ],
)
def test_a_phase_records_by_its_key(key: str, recording: Recording, entry: NoteKind) -> None:
    assert Recording.of_phase(key) is recording
    assert PhaseTemplate(key, "x", 5, "", ()).records is recording
    assert recording.entry_kind is entry


def test_the_wonder_phase_records_three_kinds_wondering_first() -> None:
    assert Recording.WONDER.note_kinds == (
        NoteKind.WONDERING,
        NoteKind.EXPLANATION,
        NoteKind.PARKED_IDEA,
    )
    assert Recording.FOLLOWUP.note_kinds == ()
