"""The command line's test helpers: sample session files, a real process, two meetings held."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from refleksionsrum.core.clock import TIMEZONE, FakeClock, zone
from refleksionsrum.core.models import CarriedOut, NoteKind, Participant, TrialAction, Verdict
from refleksionsrum.core.workspace import Workspace
from support.samples import phase, session_text, trial_action

GOOD_SESSION = session_text(
    "2026-11-08-1300-haandskrevet",
    title="Skrevet i hånden",
    started_at="2026-11-08T13:00:00+01:00",
    ended_at="2026-11-08T13:30:00+01:00",
    phases=[phase(elapsed_seconds=None)],
    notes=(),
    trial_actions=[
        trial_action(
            "ta-haand",
            title="Spørg familierne om tidspunktet",
            owner="Mette",
            due="2026-11-22",
            prediction="De fleste foretrækker formiddag.",
            measure="Svar fra seks familier.",
        )
    ],
    evaluations=(),
)
# Line 11, column 19: the value of planned_minutes is text, not a whole number.
BROKEN_SESSION = GOOD_SESSION.replace(
    'id = "2026-11-08-1300-haandskrevet"', 'id = "2026-11-09-1300-broken"'
).replace("planned_minutes = 10", 'planned_minutes = "ti"')


def run_cli(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m refleksionsrum ARGS` in a real process, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "refleksionsrum", *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass
class TwoMeetings:
    first: str
    second: str
    action: TrialAction


def hold_two_meetings(root: Path) -> TwoMeetings:
    """A first meeting that plans a trial action; a second, the next day, follows it up."""
    from refleksionsrum.core.files.sync import open_store
    from refleksionsrum.core.meeting.room import MeetingRoom
    from refleksionsrum.core.meeting.starting import new_meeting

    workspace = Workspace.open(root)
    store = open_store(workspace)
    try:
        clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=zone(TIMEZONE)))
        template = workspace.config.template("borgerniveau")
        people = [Participant("Mette", "facilitator"), Participant("Jonas", "note-taker")]
        first = MeetingRoom(
            workspace,
            store,
            new_meeting(store, template, "Familiebehandling", people, clock),
            clock,
        )
        first.next_phase()  # follow-up has nothing yet; on to the data
        first.add_note(NoteKind.OBSERVATION, "Fremmødet faldt fra 80 % til 55 %.", "Registrering")
        while first.next_phase():
            clock.advance(minutes=3)
        first.add_decision("Vi flytter gruppeforløbet til formiddag.")
        action = first.save_trial_action(
            TrialAction(
                id="",
                title="Ring dagen før til familierne",
                owner="Jonas",
                due=first.default_due(),
                prediction="Mindst 4 af 6 møder op.",
                measure="Fremmøde pr. gang i december.",
            )
        )
        first.end()

        clock.advance(minutes=24 * 60)
        second = MeetingRoom(
            workspace, store, new_meeting(store, template, "Opfølgning", people, clock), clock
        )
        (open_action,) = second.open_trial_actions()
        second.evaluate(
            open_action,
            CarriedOut.PARTLY,
            "Vi nåede at ringe til fire familier.",
            "Et opkald hjælper, men kun når det er den faste kontakt, der ringer.",
            Verdict.CONTINUE,
        )
        second.end()
        return TwoMeetings(first.meeting.id, second.meeting.id, action)
    finally:
        store.close()
