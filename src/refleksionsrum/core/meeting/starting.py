"""Starting a meeting: its id, agenda from the template, and the meeting it follows."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import TYPE_CHECKING

from refleksionsrum.core.clock import Clock
from refleksionsrum.core.config import Template
from refleksionsrum.core.i18n import LANGUAGES
from refleksionsrum.core.models import ClockState, Meeting, Participant, PhaseRecord
from refleksionsrum.core.summary import ROLES

if TYPE_CHECKING:
    # Only named: the start screen reads participants here before the store is loaded.
    from refleksionsrum.core.store.database import Store


def slug(text: str) -> str:
    """'Refleksionsmøde, familiebehandling' -> 'refleksionsmode-familiebehandling'."""
    folded = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:48].strip("-") or "moede"


def new_meeting(
    store: Store,
    template: Template,
    title: str,
    participants: list[Participant],
    clock: Clock,
) -> Meeting:
    """Create and store a meeting that starts now, with its clock running in phase one."""
    started = clock.now()
    base = f"{started:%Y-%m-%d-%H%M}-{slug(title)}"
    meeting_id, number = base, 1
    while store.has_meeting(meeting_id):
        number += 1
        meeting_id = f"{base}-{number}"
    meeting = Meeting(
        id=meeting_id,
        title=title.strip(),
        template=template.name,
        started_at=started,
        previous=store.latest_meeting_id(before=started),
        participants=participants,
        phases=[PhaseRecord(p.key, p.title, p.minutes) for p in template.phases],
        clock=ClockState(current=0, running=True, running_since=started),
    )
    store.save_meeting(meeting)
    return meeting


def new_trial_action_id(taken: set[str]) -> str:
    """A short id, unique in the workspace and stable across meetings."""
    import secrets  # here: it imports hashlib (OpenSSL), needed only once an action is made

    while True:
        candidate = f"ta-{secrets.token_hex(4)}"
        if candidate not in taken:
            return candidate


def default_due(started: date, template: Template) -> date:
    """The next meeting in the template's rhythm."""
    return started + timedelta(days=template.rhythm_days)


def parse_participants(text: str) -> list[Participant]:
    """One person a line or comma-separated: 'Mette (facilitator)', 'Jonas: note-taker'."""
    people: list[Participant] = []
    for raw in re.split(r"[\n;]+|,(?![^()]*\))", text):
        entry = raw.strip()
        if not entry:
            continue
        found = re.match(r"^(.*?)\s*(?:\((.*)\)|:\s*(.*))\s*$", entry)
        if found:
            name = found.group(1).strip()
            role = (found.group(2) or found.group(3) or "").strip() or "participant"
        else:
            name, role = entry, "participant"
        if name:
            people.append(Participant(name=name, role=role_key(role)))
    return people


def role_key(written: str) -> str:
    """The stored role: 'mødeleder' or 'Facilitator' is 'facilitator'; a team's own as written."""
    wanted = written.strip().casefold()
    for role in ROLES:
        names = {role, *(catalog.get(f"role.{role}", role) for catalog in LANGUAGES.values())}
        if wanted in {name.casefold() for name in names}:
            return role
    return written.strip()
