"""Writing session files, format 1: the meeting as TOML, in the contract's layout."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from refleksionsrum.core.models import Evaluation, Meeting, Note, PhaseRecord, TrialAction
from refleksionsrum.core.tomltext import writer
from refleksionsrum.core.tomltext.writer import fields

FORMAT = 1
MAX_BYTES = 5 * 1024 * 1024
# Far beyond any meeting, and small enough that milliseconds fit the database's integers.
MAX_PLANNED_MINUTES = 100_000
MAX_ELAPSED_SECONDS = MAX_PLANNED_MINUTES * 60 * 10
KNOWN_TOP = {
    "format",
    "id",
    "title",
    "template",
    "started_at",
    "ended_at",
    "previous",
    "participants",
    "phases",
    "notes",
    "decisions",
    "trial_actions",
    "evaluations",
}
# The contract's arrays of tables, written in this order after the meeting's own keys.
ARRAYS = ("participants", "phases", "notes", "decisions", "trial_actions", "evaluations")


def _time(value: datetime) -> datetime:
    # TOML offset date-times to the second; a naive time would be a local date-time.
    return datetime.fromisoformat(value.replace(microsecond=0).isoformat())


def to_document(meeting: Meeting) -> dict[str, Any]:
    """The meeting as the plain dictionary that format 1 describes, keys in contract order."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "id": meeting.id,
        "title": meeting.title,
        "template": meeting.template,
        "started_at": _time(meeting.started_at),
    }
    if meeting.ended_at is not None:
        doc["ended_at"] = _time(meeting.ended_at)
    if meeting.previous is not None:
        doc["previous"] = meeting.previous
    for key, value in meeting.extra.items():
        if key not in KNOWN_TOP:
            doc[key] = value
    if meeting.participants:
        doc["participants"] = [{"name": p.name, "role": p.role} for p in meeting.participants]
    doc["phases"] = [_phase(p) for p in meeting.phases]
    doc["notes"] = [_note(n) for n in meeting.notes]
    doc["decisions"] = [
        {"text": d.text, "created_at": _time(d.created_at)} for d in meeting.decisions
    ]
    doc["trial_actions"] = [_trial_action(a) for a in meeting.trial_actions]
    doc["evaluations"] = [_evaluation(e) for e in meeting.evaluations]
    # An empty array of tables cannot be written as [[x]]; leave it out (optional by absence).
    return {k: v for k, v in doc.items() if v != [] or k not in ARRAYS}


def _phase(phase: PhaseRecord) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": phase.key,
        "title": phase.title,
        "planned_minutes": phase.planned_minutes,
        "elapsed_seconds": phase.elapsed_seconds,
    }
    # Optional (format 1 readers ignore it): the time box is the plan plus these.
    if phase.added_minutes:
        out["added_minutes"] = phase.added_minutes
    return out


def _note(note: Note) -> dict[str, Any]:
    out: dict[str, Any] = {"phase": note.phase, "kind": str(note.kind), "text": note.text}
    if note.source is not None:
        out["source"] = note.source
    out["created_at"] = _time(note.created_at)
    return out


def _trial_action(action: TrialAction) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": action.id,
        "title": action.title,
        "owner": action.owner,
        "due": date(action.due.year, action.due.month, action.due.day),
        "prediction": action.prediction,
        "measure": action.measure,
    }
    if action.development_point is not None:
        out["development_point"] = action.development_point
    if action.adapted_from is not None:
        out["adapted_from"] = action.adapted_from
    return out


def _evaluation(evaluation: Evaluation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "trial_action": evaluation.trial_action,
    }
    if evaluation.title is not None:
        # Beside the id, so the file reads on its own; format-1 readers ignore it.
        out["trial_action_title"] = evaluation.title
    out |= {
        "carried_out": str(evaluation.carried_out),
        "what_happened": evaluation.what_happened,
    }
    if evaluation.compared_to_prediction is not None:
        out["compared_to_prediction"] = evaluation.compared_to_prediction
    out["learning"] = evaluation.learning
    out["verdict"] = str(evaluation.verdict)
    return out


def dumps(meeting: Meeting) -> str:
    """The session file's text, laid out as the contract shows: one [[table]] per item."""
    doc = to_document(meeting)
    # Unknown keys come after the known ones; an extra key can never replace a known one.
    unknown = set(meeting.extra) - KNOWN_TOP
    head = {k: v for k, v in doc.items() if k not in ARRAYS and k not in unknown}
    # An unknown array of tables (such as [[data_shown]]) is laid out like the known ones.
    tables = {k: v for k, v in doc.items() if k in unknown and _table_array(v)}
    extra = {k: v for k, v in doc.items() if k in unknown and k not in tables}
    parts = [fields(head)]
    if extra:
        parts.append(fields(extra))
    for name in ARRAYS:
        for item in doc.get(name, []):
            parts.append(f"\n[[{name}]]\n{fields(item)}")
    for name, items in tables.items():
        for item in items:
            parts.append(f"\n[[{writer.key(name)}]]\n{fields(item)}")
    return "".join(parts)


def _table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
