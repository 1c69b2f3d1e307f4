"""One judgement of sessions/ for `check` and the app alike: which files are used, which not."""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, fields
from datetime import UTC
from pathlib import Path
from typing import Protocol

from refleksionsrum.core.files.sessionfile import SessionFileError, file_name, not_regular
from refleksionsrum.core.models import Meeting, TrialAction

SUFFIX = ".toml"


@dataclass(frozen=True)
class Found:
    """A regular file in sessions/ that may be a session file, as stat saw it."""

    folder: Path
    name: str
    mtime_ns: int
    size: int

    @property
    def path(self) -> Path:
        # Made when asked: 10,000 Path objects were a third of a quick export.
        return self.folder / self.name


def list_folder(folder: Path) -> tuple[list[Found], list[SessionFileError]]:
    """The *.toml files of ``folder`` by name, and the entries that are not regular files.

    Only stat is used: a FIFO, socket or device (or a symlink to one) is reported and
    never opened, so nothing here can block or read without end.
    """
    found: list[Found] = []
    problems: list[SessionFileError] = []
    try:
        entries = sorted(
            (entry for entry in os.scandir(folder) if entry.name.endswith(SUFFIX)),
            key=lambda entry: entry.name,
        )
    except OSError:
        return found, problems
    for entry in entries:
        try:
            info = entry.stat()  # follows a symlink: what matters is what would be read
        except OSError as error:
            problems.append(
                SessionFileError(
                    folder / entry.name,
                    "session.unreadable",
                    reason=error.strerror or str(error),
                )
            )
            continue
        if not stat.S_ISREG(info.st_mode):
            problems.append(not_regular(folder / entry.name, info.st_mode))
            continue
        found.append(Found(folder, entry.name, info.st_mtime_ns, info.st_size))
    return found, problems


@dataclass(frozen=True)
class Parsed:
    """A session file that was read and is well-formed on its own."""

    path: Path
    meeting: Meeting
    # sessionfile.digest of the bytes read ("" when not known).
    digest: str = ""


class Holdings(Protocol):
    """What the app already has (its store); `check` has nothing and judges files alone."""

    def meeting(self, meeting_id: str) -> Meeting | None: ...

    def is_running(self, meeting_id: str) -> bool: ...

    def sources(self, meeting_id: str) -> set[str]:
        """Names of the files the held copy was taken from or written to."""
        ...

    def action_owner(self, action_id: str) -> str | None:
        """The meeting that holds this trial action id, if any."""
        ...


class NoHoldings:
    """Nothing held: a check of the files, or an empty database being built."""

    def meeting(self, meeting_id: str) -> Meeting | None:
        return None

    def is_running(self, meeting_id: str) -> bool:
        return False

    def sources(self, meeting_id: str) -> set[str]:
        return set()

    def action_owner(self, action_id: str) -> str | None:
        return None


@dataclass
class Judgement:
    """The files to take in, the files already in agreement, and those not used (with why)."""

    take_in: list[Parsed] = field(default_factory=list)
    agree: list[Parsed] = field(default_factory=list)
    problems: list[SessionFileError] = field(default_factory=list)

    @property
    def good(self) -> int:
        return len(self.take_in) + len(self.agree)


# -- comparing two copies of one meeting ------------------------------------------------------


def _record(item: object) -> Hashable:
    # Every field but the database's own number and the planning meeting (implied);
    # a trial action's id is its identity across meetings, so it counts.
    skip = {"meeting_id", "meeting_started_at"} | (
        set() if isinstance(item, TrialAction) else {"id"}
    )
    return tuple(getattr(item, f.name) for f in fields(item) if f.name not in skip)  # type: ignore[arg-type]


def _items(meeting: Meeting) -> Counter[Hashable]:
    items: Counter[Hashable] = Counter()
    for kind, records in (
        ("note", meeting.notes),
        ("decision", meeting.decisions),
        ("action", meeting.trial_actions),
        ("evaluation", meeting.evaluations),
        ("participant", meeting.participants),
    ):
        items.update((kind, _record(record)) for record in records)
    return items


def covers(richer: Meeting, other: Meeting) -> bool:
    """Whether ``richer`` has everything ``other`` has: taking it in loses nothing."""
    if other.ended_at is not None and richer.ended_at is None:
        return False  # an ended meeting must not become running again
    return not (_items(other) - _items(richer))


def same(one: Meeting, other: Meeting) -> bool:
    return (
        covers(one, other)
        and covers(other, one)
        and (one.title, one.ended_at) == (other.title, other.ended_at)
    )


def _richness(meeting: Meeting) -> tuple[bool, int]:
    return meeting.ended_at is not None, sum(_items(meeting).values())


# -- the judgement --------------------------------------------------------------------------


@dataclass
class _Copy:
    name: str  # the file name; "" for the copy the app holds
    meeting: Meeting
    parsed: Parsed | None = None


def judge(parsed: Iterable[Parsed], holdings: Holdings | None = None) -> Judgement:
    """Decide, for files read and well-formed, which are used; the same rules everywhere.

    Two files with one meeting id: the copy that has everything the others have is
    kept; when the copies disagree, what is held is kept, else the file named after
    the meeting, else the richest; the others are named, never used. A trial action
    id belongs to the meeting that holds it, else to the earliest meeting (then by
    file name); a later file that uses it is not used.
    """
    held = holdings or NoHoldings()
    result = Judgement()
    by_id: dict[str, list[Parsed]] = {}
    for item in sorted(parsed, key=lambda p: p.path.name):
        by_id.setdefault(item.meeting.id, []).append(item)
    chosen: list[Parsed] = []
    agreeing: set[int] = set()
    for meeting_id, files in by_id.items():
        take, agree = _choose(meeting_id, files, held, result.problems)
        chosen.extend(agree)
        agreeing.update(id(item) for item in agree)
        if take is not None:
            chosen.append(take)
    # Trial action ids, claimed in order: the earliest meeting first.
    claimed: dict[str, Parsed] = {}
    for item in sorted(chosen, key=lambda p: (p.meeting.started_at.astimezone(UTC), p.path.name)):
        clash = _clash(item, held, claimed)
        if clash is not None:
            result.problems.append(clash)
            continue
        for action in item.meeting.trial_actions:
            claimed[action.id] = item
        if id(item) in agreeing:
            result.agree.append(item)
        else:
            result.take_in.append(item)
    result.problems.sort(key=lambda p: p.path.name)
    result.take_in.sort(key=lambda p: p.path.name)
    return result


def _clash(item: Parsed, held: Holdings, claimed: dict[str, Parsed]) -> SessionFileError | None:
    for action in item.meeting.trial_actions:
        other = claimed.get(action.id)
        if other is not None:
            return SessionFileError(
                item.path, "session.clash", value=action.id, other=other.path.name
            )
        owner = held.action_owner(action.id)
        if owner is not None and owner != item.meeting.id:
            return SessionFileError(item.path, "session.clash_held", value=action.id, other=owner)
    return None


def _choose(
    meeting_id: str, files: list[Parsed], held: Holdings, problems: list[SessionFileError]
) -> tuple[Parsed | None, list[Parsed]]:
    """(the file to take in, the files that agree with what is held) for one meeting id."""
    copies = [_Copy(p.path.name, p.meeting, p) for p in files]
    incumbent = held.meeting(meeting_id)
    own = held.sources(meeting_id)
    running = incumbent is not None and held.is_running(meeting_id)
    agree: list[Parsed] = []
    if running:
        # A running meeting is newer than any file; its own file is rewritten from it.
        agree = [c.parsed for c in copies if c.parsed is not None and c.name in own]
        copies = [c for c in copies if c.name not in own]
    if incumbent is not None and (running or not any(c.name in own for c in copies)):
        copies.insert(0, _Copy("", incumbent))
    # else: the file the held copy came from was changed (a colleague's edit): it is
    # what the team means now, judged against the other files only.
    if not copies:
        return None, agree
    best = _best(meeting_id, copies)
    other = best.name or _held_name(meeting_id, held)
    for copy in copies:
        if copy is best or copy.parsed is None:
            continue
        key = (
            "session.duplicate_meeting" if same(copy.meeting, best.meeting) else "session.disagrees"
        )
        problems.append(SessionFileError(copy.parsed.path, key, value=meeting_id, other=other))
    if best.parsed is None:
        return None, agree
    if incumbent is not None and same(best.meeting, incumbent):
        return None, [*agree, best.parsed]
    return best.parsed, agree


def _held_name(meeting_id: str, held: Holdings) -> str:
    sources = sorted(held.sources(meeting_id))
    preferred = file_name(meeting_id)
    return preferred if preferred in sources or not sources else sources[0]


def _best(meeting_id: str, copies: list[_Copy]) -> _Copy:
    if len(copies) == 1:
        return copies[0]  # nothing to compare (the common case, and not free)
    covering = [c for c in copies if all(covers(c.meeting, o.meeting) for o in copies)]
    canonical = file_name(meeting_id)

    def preference(copy: _Copy) -> tuple[int, str]:
        # What is held first, then the file named after the meeting, then by name.
        return (0 if copy.parsed is None else 1 if copy.name == canonical else 2), copy.name

    if covering:
        return min(covering, key=preference)
    held_or_named = [c for c in copies if c.parsed is None or c.name == canonical]
    if held_or_named:
        return min(held_or_named, key=preference)
    richest = max(_richness(c.meeting) for c in copies)
    return min((c for c in copies if _richness(c.meeting) == richest), key=preference)
