"""A small hand-written Danish archive: three meetings, written as teams write."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from refleksionsrum.core.files.sync import open_store, write_session_file
from refleksionsrum.core.models import (
    CarriedOut,
    Decision,
    Evaluation,
    Meeting,
    Note,
    NoteKind,
    PhaseRecord,
    TrialAction,
    Verdict,
)
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace

CET = timezone(timedelta(hours=1))
POINT = "Fastholdelse i gruppeforløb"
PHASES = (
    ("followup", "Opfølgning", 15),
    ("data", "Datagennemgang", 20),
    ("reflection", "Refleksion", 20),
    ("wonder", "Undring før handling", 15),
    ("next", "Næste skridt", 20),
)


def at(day: date, hour: int = 13) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=CET)


def _meeting(meeting_id: str, day: date, title: str, template: str = "indsatsniveau") -> Meeting:
    return Meeting(
        id=meeting_id,
        title=title,
        template=template,
        started_at=at(day),
        ended_at=at(day, 15),
        phases=[PhaseRecord(key, name, minutes) for key, name, minutes in PHASES],
    )


def _note(
    meeting: Meeting, phase: str, kind: NoteKind, text: str, source: str | None = None
) -> None:
    meeting.notes.append(Note(phase, kind, text, meeting.started_at, source))


def march() -> Meeting:
    m = _meeting("2026-03-05-1300-familie", date(2026, 3, 5), "Refleksionsmøde, marts")
    _note(m, "data", NoteKind.OBSERVATION, "Borgeren kom ikke til samtalen.")
    _note(m, "data", NoteKind.OBSERVATION, "Ikke alle kom til gruppen.")
    _note(
        m,
        "data",
        NoteKind.OBSERVATION,
        "Borgerne i gruppeforløbet manglede transport.",
        "Fremmøderegistrering",
    )
    _note(m, "reflection", NoteKind.REFLECTION, "Familiebehandlingen tager længere tid end ventet.")
    _note(m, "wonder", NoteKind.WONDERING, "Hvorfor steg Sagsbehandlingstiden i marts?")
    _note(m, "wonder", NoteKind.EXPLANATION, "Vi får først svar fra forvaltningen i april.")
    _note(m, "wonder", NoteKind.EXPLANATION, "Min far kørte dem før i tiden.")
    _note(m, "reflection", NoteKind.REFLECTION, "Hvert barn fik et æble i pausen.")
    _note(m, "reflection", NoteKind.REFLECTION, "Vi holdt sommermødet på en ø.")
    _note(m, "reflection", NoteKind.REFLECTION, "Kaffe, kage o.l. hjælper.")
    m.decisions.append(Decision("Afprøvningen af den nye mødetid fortsætter.", m.started_at))
    m.trial_actions.append(
        TrialAction(
            id="ta-ring",
            title="Ring dagen før til familier der udeblev",
            owner="Jonas",
            due=date(2026, 3, 19),
            prediction="Mindst 4 af 6 familier møder op.",
            measure="Fremmøde pr. gang.",
            development_point=POINT,
        )
    )
    m.trial_actions.append(
        TrialAction(
            id="ta-bus",
            title="Buskort til familier uden bil",
            owner="Mette",
            due=date(2026, 3, 19),
            prediction="Færre udeblivelser.",
            measure="Fremmøde.",
            development_point=POINT,
        )
    )
    return m


def june() -> Meeting:
    m = _meeting("2026-06-10-1300-familie", date(2026, 6, 10), "Refleksionsmøde, juni")
    _note(m, "data", NoteKind.OBSERVATION, "Transporten til gruppeforløbet virker nu.")
    _note(m, "data", NoteKind.OBSERVATION, "Mødet blev aflyst på grund af transport.")
    _note(m, "next", NoteKind.NOTE, "Borgerrådgiveren deltager næste gang.")
    _note(m, "next", NoteKind.NOTE, "Borgmesteren kommer på besøg.")
    m.evaluations.append(
        Evaluation(
            trial_action="ta-ring",
            carried_out=CarriedOut.PARTLY,
            what_happened="Fem familier mødte op efter opringning.",
            learning="En sms virker lige så godt som et opkald.",
            verdict=Verdict.ADAPT,
            compared_to_prediction="Bedre end forudsagt.",
        )
    )
    m.evaluations.append(
        Evaluation(
            trial_action="ta-bus",
            carried_out=CarriedOut.NO,
            what_happened="Kommunen kunne ikke udstede buskort.",
            learning="Transport skal løses med kørselsordningen, ikke buskort.",
            verdict=Verdict.ABANDON,
        )
    )
    m.trial_actions.append(
        TrialAction(
            id="ta-sms",
            title="Send sms dagen før",
            owner="Jonas",
            due=date(2026, 6, 24),
            prediction="Mindst 5 familier møder op.",
            measure="Fremmøde.",
            development_point=POINT,
            adapted_from="ta-ring",
        )
    )
    return m


def september() -> Meeting:
    m = _meeting("2026-09-02-1300-skole", date(2026, 9, 2), "Skolemøde", template="borgerniveau")
    _note(m, "data", NoteKind.OBSERVATION, "Trivslen i klassen steg efter sommerferien.")
    m.evaluations.append(
        Evaluation(
            trial_action="ta-sms",
            carried_out=CarriedOut.YES,
            what_happened="Seks familier mødte op.",
            learning="Sms'en er nok.",
            verdict=Verdict.CONTINUE,
        )
    )
    m.trial_actions.append(
        TrialAction(
            id="ta-trivsel",
            title="Trivselssamtale med hver elev",
            owner="Sofie",
            due=date(2026, 9, 16),
            prediction="Vi finder tre elever, der mistrives.",
            measure="Antal samtaler.",
            development_point="Trivsel",
        )
    )
    return m


def fill(store: Store) -> list[Meeting]:
    """The three meetings in the store, oldest first."""
    meetings = [march(), june(), september()]
    for meeting in meetings:
        store.save_meeting(meeting)
    return meetings


def write_archive(workspace: Workspace) -> None:
    """The corpus in ``workspace``: stored, and each meeting's session file written."""
    store = open_store(workspace)
    try:
        for meeting in fill(store):
            write_session_file(workspace, store, meeting)
    finally:
        store.close()
