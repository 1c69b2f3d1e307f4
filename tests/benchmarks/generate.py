"""Make a workspace with N finished meetings, as session files and in the database.

Usage: python tests/benchmarks/generate.py DIR N

Each meeting has about 30 items: notes of every kind spread over the phases, a few
decisions, two trial actions, and an evaluation of every trial action still open when
it starts, with mixed verdicts (adopt, adapt, abandon, continue), so the open set stays
small and realistic while the evaluation table grows with the history.
"""

from __future__ import annotations

import json
import random
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from refleksionsrum.core.clock import zone
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.sync import open_store
from refleksionsrum.core.models import (
    CarriedOut,
    Decision,
    Evaluation,
    Meeting,
    Note,
    NoteKind,
    Participant,
    PhaseRecord,
    TrialAction,
    Verdict,
)
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.store.tables import SessionFileRow
from refleksionsrum.core.workspace import Workspace, init_workspace

# Bump when the generated content changes, so cached workspaces are made again.
VERSION = "3"
TIMEZONE = "Europe/Copenhagen"
PHASES = (
    ("followup", "Opfølgning", 5),
    ("data", "Datagennemgang", 7),
    ("reflection", "Refleksion", 7),
    ("wonder", "Undring før handling", 5),
    ("next", "Næste skridt", 6),
)
# (phase, kind, how many) per meeting: 24 notes.
NOTE_PLAN = (
    ("data", NoteKind.OBSERVATION, 7),
    ("reflection", NoteKind.REFLECTION, 6),
    ("wonder", NoteKind.WONDERING, 4),
    ("wonder", NoteKind.EXPLANATION, 3),
    ("wonder", NoteKind.PARKED_IDEA, 2),
    ("next", NoteKind.NOTE, 2),
)
DECISIONS = 2
ACTIONS = 2
VERDICTS = (Verdict.ADOPT, Verdict.ADAPT, Verdict.ABANDON, Verdict.CONTINUE)
VERDICT_WEIGHTS = (3, 2, 2, 3)
_LINES = (
    "fremmøde familier gruppeforløb oktober borgere ventetid samtale opfølgning indsats",
    "kollegial sparring data læring praksis målkompasset dialog tidlig kontakt forløb",
    "progression trivsel skole dagtilbud hjemmebesøg forældre netværk værdi faglighed",
)
WORDS = tuple(" ".join(_LINES).split())
PEOPLE = ("Mette", "Jonas", "Ali", "Sofie", "Lars", "Fatima")


def meeting_title(number: int) -> str:
    """A short title, so the newest one is easy to find on the start screen."""
    return f"Møde {number:05d}, familiebehandling"


@dataclass
class Generated:
    """What the generator made, and how long it took."""

    root: Path
    meetings: int
    newest_title: str
    seconds: float


def _sentence(rng: random.Random, words: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build_meetings(count: int, seed: int = 5) -> list[Meeting]:
    """``count`` finished meetings, one a day, oldest first, ending yesterday."""
    rng = random.Random(seed)
    first = datetime(2026, 11, 1, 9, 0, tzinfo=zone(TIMEZONE)) - timedelta(days=count)
    open_actions: list[TrialAction] = []
    meetings: list[Meeting] = []
    previous: str | None = None
    for index in range(count):
        number = index + 1
        started = first + timedelta(days=index)
        meeting_id = f"{started:%Y-%m-%d-%H%M}-familiebehandling"
        meeting = Meeting(
            id=meeting_id,
            title=meeting_title(number),
            template="borgerniveau",
            started_at=started,
            ended_at=started + timedelta(minutes=30),
            previous=previous,
            participants=[
                Participant(PEOPLE[0], "facilitator"),
                Participant(PEOPLE[1], "note-taker"),
                Participant(PEOPLE[2 + index % 3]),
                Participant(PEOPLE[5]),
            ],
            phases=[PhaseRecord(k, t, m, elapsed_ms=m * 60_000) for k, t, m in PHASES],
        )
        minute = 1
        for phase, kind, many in NOTE_PLAN:
            for _ in range(many):
                source = "Fremmøderegistrering" if kind is NoteKind.OBSERVATION else None
                meeting.notes.append(
                    Note(phase, kind, _sentence(rng), started + timedelta(minutes=minute), source)
                )
                minute += 1
        for _ in range(DECISIONS):
            meeting.decisions.append(
                Decision(_sentence(rng, 8), started + timedelta(minutes=minute))
            )
            minute += 1
        # Follow-up of everything still open; adapt makes one of this meeting's actions.
        adapted: list[str] = []
        still_open: list[TrialAction] = []
        for action in open_actions:
            verdict = rng.choices(VERDICTS, VERDICT_WEIGHTS)[0]
            meeting.evaluations.append(
                Evaluation(
                    trial_action=action.id,
                    carried_out=rng.choice(list(CarriedOut)),
                    what_happened=_sentence(rng),
                    learning=_sentence(rng),
                    verdict=verdict,
                    compared_to_prediction=_sentence(rng, 6),
                )
            )
            if verdict is Verdict.ADAPT:
                adapted.append(action.id)
            elif verdict is Verdict.CONTINUE:
                still_open.append(action)
        for slot in range(ACTIONS):
            meeting.trial_actions.append(
                TrialAction(
                    id=f"ta-{number:06x}{slot}",
                    title=_sentence(rng, 6),
                    owner=rng.choice(PEOPLE),
                    due=(started + timedelta(days=14)).date(),
                    prediction=_sentence(rng, 8),
                    measure=_sentence(rng, 5),
                    development_point="Fastholdelse i gruppeforløb",
                    adapted_from=adapted[slot] if slot < len(adapted) else None,
                )
            )
        open_actions = still_open + meeting.trial_actions
        meetings.append(meeting)
        previous = meeting_id
    return meetings


def generate(root: Path, count: int) -> Generated:
    """A new workspace at ``root`` with ``count`` finished meetings, indexed as if seen."""
    begun = time.perf_counter()
    init_workspace(root)
    workspace = Workspace.open(root)
    meetings = build_meetings(count)
    store = open_store(workspace)
    try:
        seen: list[SessionFileRow] = []
        for meeting in meetings:
            store.save_meeting(meeting)
            path = workspace.sessions_dir / sessionfile.file_name(meeting.id)
            # A plain write, for speed: atomicity is measured on its own elsewhere.
            path.write_text(sessionfile.dumps(meeting), encoding="utf-8")
            path.chmod(0o600)
            stat = path.stat()
            seen.append(
                SessionFileRow(
                    name=path.name,
                    mtime_ns=stat.st_mtime_ns,
                    size=stat.st_size,
                    meeting_id=meeting.id,
                )
            )
        _record_seen(store, seen)
    finally:
        store.close()
    return Generated(root, count, meeting_title(count), time.perf_counter() - begun)


def _record_seen(store: Store, rows: list[SessionFileRow]) -> None:
    """Note every file as already taken in, in one transaction: the steady state of a
    workspace the app has opened before (otherwise the first start would ingest all)."""
    from sqlmodel import Session

    with Session(store.engine) as session:
        for row in rows:
            session.merge(row)
        session.commit()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    made = generate(Path(argv[0]), int(argv[1]))
    print(f"{made.meetings} meetings in {made.root} in {made.seconds:.1f} s", file=sys.stderr)
    print(
        json.dumps(
            {"meetings": made.meetings, "seconds": made.seconds, "newest_title": made.newest_title}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
