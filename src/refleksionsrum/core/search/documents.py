"""What the index holds: one document per note, decision, trial action and evaluation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from refleksionsrum.core.kinds import NoteKind


class DocKind(StrEnum):
    """What a search hit is: a note's kind, or one of the other records."""

    OBSERVATION = NoteKind.OBSERVATION.value
    REFLECTION = NoteKind.REFLECTION.value
    WONDERING = NoteKind.WONDERING.value
    EXPLANATION = NoteKind.EXPLANATION.value
    PARKED_IDEA = NoteKind.PARKED_IDEA.value
    NOTE = NoteKind.NOTE.value
    DECISION = "decision"
    TRIAL_ACTION = "trial-action"
    EVALUATION = "evaluation"

    @property
    def field_list(self) -> str:
        """The session file's table array this kind of record is kept in."""
        if self is DocKind.DECISION:
            return "decisions"
        if self is DocKind.TRIAL_ACTION:
            return "trial_actions"
        if self is DocKind.EVALUATION:
            return "evaluations"
        return "notes"


@dataclass(frozen=True)
class Document:
    """One searchable record, with where it sits in its meeting."""

    meeting_id: str
    kind: DocKind
    phase: str | None
    phase_title: str | None
    position: int  # its index in the meeting's notes, decisions, ... (0-based)
    owner: str | None
    day: str  # the meeting's local date, YYYY-MM-DD
    started_utc: str
    text: str


# Every record of the chosen meetings, numbered in the order the session file lists
# them. Portable SQL (SQLite and PostgreSQL): window functions, no JSON.
_RECORDS = """
SELECT n.meeting_id, n.kind AS kind, n.phase AS phase,
  (SELECT p.title FROM phase AS p WHERE p.meeting_id = n.meeting_id AND p.key = n.phase
   ORDER BY p.position LIMIT 1) AS phase_title,
  ROW_NUMBER() OVER (PARTITION BY n.meeting_id ORDER BY n.pk) - 1 AS position,
  NULL AS owner, n.text AS body, COALESCE(n.source, '') AS extra1, '' AS extra2, '' AS extra3
FROM note AS n WHERE n.meeting_id IN :ids
UNION ALL
SELECT d.meeting_id, 'decision', NULL, NULL,
  ROW_NUMBER() OVER (PARTITION BY d.meeting_id ORDER BY d.pk) - 1,
  NULL, d.text, '', '', ''
FROM decision AS d WHERE d.meeting_id IN :ids
UNION ALL
SELECT a.meeting_id, 'trial-action', NULL, NULL,
  ROW_NUMBER() OVER (PARTITION BY a.meeting_id ORDER BY a.pk) - 1,
  a.owner, a.title, a.prediction, a.measure, COALESCE(a.development_point, '')
FROM trial_action AS a WHERE a.meeting_id IN :ids
UNION ALL
SELECT e.meeting_id, 'evaluation', NULL, NULL,
  ROW_NUMBER() OVER (PARTITION BY e.meeting_id ORDER BY e.pk) - 1,
  (SELECT a.owner FROM trial_action AS a WHERE a.id = e.trial_action),
  e.what_happened, COALESCE(e.compared_to_prediction, ''), e.learning, ''
FROM evaluation AS e WHERE e.meeting_id IN :ids
"""

_MEETINGS = "SELECT id, started_at, started_utc FROM meeting WHERE id IN :ids"


def read_documents(connection: Connection, meeting_ids: Sequence[str]) -> list[Document]:
    """The documents of these meetings, read straight from the tables (no ORM objects)."""
    if not meeting_ids:
        return []
    ids = {"ids": list(meeting_ids)}
    when = {
        row[0]: (str(row[1])[:10], str(row[2]))
        for row in connection.execute(
            text(_MEETINGS).bindparams(bindparam("ids", expanding=True)), ids
        )
    }
    found = []
    records = text(_RECORDS).bindparams(bindparam("ids", expanding=True))
    for row in connection.execute(records, ids):
        meeting_id = row[0]
        if meeting_id not in when:
            continue
        day, started_utc = when[meeting_id]
        body = "\n".join(part for part in (row[6], row[7], row[8], row[9]) if part)
        found.append(
            Document(
                meeting_id=meeting_id,
                kind=_kind(row[1]),
                phase=row[2],
                phase_title=row[3],
                position=int(row[4]),
                owner=row[5],
                day=day,
                started_utc=started_utc,
                text=body,
            )
        )
    return found


def _kind(value: str) -> DocKind:
    try:
        return DocKind(value)
    except ValueError:
        return DocKind.NOTE  # a note kind a newer program wrote


def started_seconds(started_utc: str) -> int:
    """Seconds since 1970 of a meeting's start, for ordering documents newest first."""
    return int(datetime.fromisoformat(started_utc).replace(tzinfo=UTC).timestamp())
