"""The referat: everything the meeting recorded, with the team's text shown as written."""

from __future__ import annotations

from datetime import date

import pytest

from refleksionsrum.core import i18n
from refleksionsrum.core.export import md, referat
from refleksionsrum.core.models import (
    Note,
    NoteKind,
    TrialAction,
)
from support.samples import START, finished_meeting

HOSTILE = "[bold]fed[/bold] *x* \x1b[2J\x1b[31m"

EARLIER = {
    "ta-1a2b": TrialAction(
        "ta-1a2b", "Sms dagen før", "Jonas", date(2026, 11, 22), "Flere møder op.", "Fremmøde."
    )
}


def test_referat_holds_everything_recorded() -> None:
    meeting = finished_meeting()
    reflection = Note("reflection", NoteKind.REFLECTION, "Tiden passer ikke familierne.", START)
    meeting.notes.insert(1, reflection)
    text = referat(meeting, EARLIER)
    assert text.startswith("# Refleksionsmøde, familiebehandling\n")
    assert "søndag 22. november 2026, 13.00–13.32" in text
    assert "Mette (mødeleder), Jonas (referent)" in text
    # Time per phase, planned and used.
    for row in (
        "| Opfølgning | 5 min | 05:30 |",
        "| Datagennemgang | 7 min | 07:00 |",
        "| Refleksion | 7 min | 00:00 |",
        "| Undring før handling | 5 min | 05:00 |",
        "| Næste skridt | 6 min | 08:00 |",
    ):
        assert row in text
    # The evaluation, under the evaluated trial action's title.
    assert "### Sms dagen før" in text
    assert "- Gennemført: delvist" in text
    assert "- Hvad skete der: Tre familier blev ringet op." in text
    assert "- Sammenlignet med forventningen: Færre end forventet." in text
    assert "- Hvad lærte vi: Et opkald hjælper, men ikke alene." in text
    assert "- Beslutning: **Justér**" in text
    # Notes under their phases.
    data = text.index("## Datagennemgang")
    wonder = text.index("## Undring før handling")
    observation = text.index("Fremmødet faldt til 55 %. (kilde: Fremmøderegistrering)")
    assert data < observation < wonder
    assert "*Parkeret idé:* Flyt gruppen til formiddag" in text
    assert "*Undring:* Hvorfor netop i oktober?" in text
    # Under its phase's heading a note does not repeat the phase's own kind.
    assert "## Datagennemgang\n\n- Fremmødet faldt til 55 %." in text
    assert "## Refleksion\n\n- Tiden passer ikke familierne." in text
    assert "*Observation:*" not in text and "*Refleksion:*" not in text
    assert "## Beslutninger\n\n- Vi flytter gruppeforløbet til formiddag." in text
    # The trial action with every field.
    assert "### Ring dagen før" in text
    for line in (
        "- Ansvarlig: Jonas",
        "- Dato: mandag 7. december",
        "- Forventning: Mindst 4 af 6 familier møder op.",
        "- Sådan ser vi det: Fremmøde pr. gang i december.",
        "- Udviklingspunkt: Fastholdelse i gruppeforløb",
        "- Justeret fra: Sms dagen før",
    ):
        assert line in text
    assert "\n\n\n" not in text


def test_referat_names_the_template_by_its_title() -> None:
    assert "- Mødeniveau: Borgerniveau\n" in referat(finished_meeting(), EARLIER, "Borgerniveau")
    # A template no longer in config.toml: its key is all there is.
    assert "- Mødeniveau: borgerniveau\n" in referat(finished_meeting(), EARLIER)


def test_referat_in_english() -> None:
    i18n.set_language("en")
    text = referat(finished_meeting(), EARLIER)
    assert "Sunday 22 November 2026, 13:00–13:32" in text
    assert "- Verdict: **Adapt**" in text
    assert "## Trial actions" in text


def test_a_running_meeting_says_so() -> None:
    running = finished_meeting()
    running.ended_at = None
    assert "Mødet er ikke afsluttet." in referat(running)


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "*kursiv* og **fed** og _understreg_",
        "[link](http://example.com) og <b>html</b> og &amp;",
        "`kode` | pipe | # ikke overskrift",
        "- ikke et punkt\n1. ikke en liste\n> ikke et citat",
    ],
)
def test_the_teams_text_is_shown_literally(text: str) -> None:
    out = referat(finished_meeting(text))
    assert "\x1b" not in out
    line = next(x for x in out.splitlines() if "kilde: Fremmøderegistrering" in x)
    shown = line.removeprefix("- ").removesuffix(" (kilde: Fremmøderegistrering)")
    assert shown == md(text)
    assert unescape(shown) == " ".join(text.splitlines()).replace("\x1b", "\\x1b")


def test_escape_sequences_become_visible_text() -> None:
    out = referat(finished_meeting(HOSTILE))
    assert "\\\\x1b\\[2J" in out  # shows as \x1b[2J, never clears a screen
    assert "\\[bold\\]fed\\[/bold\\] \\*x\\*" in out


def test_notes_in_a_phase_outside_the_agenda_are_kept() -> None:
    odd = finished_meeting()
    odd.notes.append(Note("runde", NoteKind.NOTE, "Fra en fase uden for dagsordenen", START))
    text = referat(odd)
    assert "## runde" in text
    assert "- Fra en fase uden for dagsordenen" in text


def test_a_numbered_start_is_escaped_as_markdown_allows() -> None:
    # Markdown can escape the dot, not the digit: "1\\." shows "1.", "\\1." shows "\\1.".
    assert md("1. idé") == "1\\. idé"
    assert md("12) idé") == "12\\) idé"


def unescape(text: str) -> str:
    """What a Markdown viewer shows for backslash-escaped punctuation."""
    out, index = [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and not text[index + 1].isalnum():
            out.append(text[index + 1])
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def test_minutes_added_in_the_meeting_stand_beside_the_plan() -> None:
    meeting = finished_meeting()
    meeting.phases[3].added_ms = 6 * 60_000  # F3 and F2 in the wonder phase
    text = referat(meeting, EARLIER)
    assert "| Undring før handling | 5 + 6 min | 05:00 |" in text
    assert "| Opfølgning | 5 min | 05:30 |" in text


def test_a_phases_time_is_the_whole_seconds_the_session_file_has() -> None:
    from refleksionsrum.core.files.sessionwrite import dumps

    meeting = finished_meeting()
    meeting.phases[0].elapsed_ms = 16_700  # the file says 17: the referat must not say 00:16
    assert "elapsed_seconds = 17" in dumps(meeting)
    assert "| Opfølgning | 5 min | 00:17 |" in referat(meeting, EARLIER)
