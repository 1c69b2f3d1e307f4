"""Session files, format 1: a meeting as TOML, written and read without loss."""

from __future__ import annotations

import os
import re
import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refleksionsrum.core.errors import FileProblem, Phrase
from refleksionsrum.core.files.sessionwrite import (
    FORMAT,
    KNOWN_TOP,
    MAX_BYTES,
    MAX_ELAPSED_SECONDS,
    MAX_PLANNED_MINUTES,
    dumps,
    to_document,
)
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
from refleksionsrum.core.tomltext.guard import shape_problem
from refleksionsrum.core.tomltext.positions import (
    PathPart,
    decode_error_position,
    dotted,
    undecodable_position,
)
from refleksionsrum.core.tomltext.reader import TomlReader

if TYPE_CHECKING:
    from types import ModuleType

_ID_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "SessionFileError",
    "dumps",
    "parse",
    "parse_bytes",
    "read",
    "to_document",
]


class SessionFileError(FileProblem):
    """A session file that cannot be read: the reason, and where in the file."""


def file_name(meeting_id: str) -> str:
    return f"{meeting_id}.toml"


def is_safe_id(meeting_id: str) -> bool:
    """An id that is also a safe file name (no folders, no hidden files)."""
    return bool(_ID_SAFE.match(meeting_id))


def read(path: Path) -> Meeting:
    """Read a session file; raise SessionFileError (and nothing else) when it cannot be used."""
    return parse_bytes(read_limited(path), path)


# 64 bits: enough to tell one meeting's copies apart, short enough to keep many of.
_DIGEST_CHARS = 16


def digest(raw: bytes) -> str:
    """A fingerprint of a session file's bytes: tells a copy the app wrote from an edit."""
    # Imported here: hashlib loads OpenSSL (2-3 ms), and the start screen's quick look,
    # which imports this module while Textual loads, never needs it.
    import hashlib

    return hashlib.sha256(raw).hexdigest()[:_DIGEST_CHARS]


def _toml_parser() -> ModuleType:
    """tomli if it is there (tomllib's own source, compiled), else tomllib.

    A third of tomllib's time on a session file, the same results and messages: taking
    in thousands of files is mostly parsing. Imported when a file is first parsed.
    """
    try:
        import tomli
    except ImportError:
        import tomllib

        return tomllib
    return tomli


def kind_of(mode: int) -> Phrase:
    """What a directory entry is, for a message about one that is not a regular file."""
    if stat.S_ISFIFO(mode):
        return Phrase("filekind.fifo")
    if stat.S_ISSOCK(mode):
        return Phrase("filekind.socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Phrase("filekind.device")
    if stat.S_ISDIR(mode):
        return Phrase("filekind.folder")
    return Phrase("filekind.other")


def not_regular(path: Path, mode: int) -> SessionFileError:
    return SessionFileError(path, "session.not_regular", kind=kind_of(mode))


def read_limited(path: Path) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES of them, never blocking.

    A FIFO, socket or device (or a symlink to one) is refused before it is opened:
    opening a FIFO waits for a writer, and /dev/zero never ends. The size limit is
    kept while reading, not only by what stat said, and the file is opened without
    blocking and checked again, in case it was swapped between the two.
    """
    limit_mb = MAX_BYTES // (1024 * 1024)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise not_regular(path, info.st_mode)
        if info.st_size > MAX_BYTES:
            raise SessionFileError(path, "session.too_large", limit_mb=limit_mb)
        flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                raise not_regular(path, opened.st_mode)
            chunks: list[bytes] = []
            total = 0
            while True:
                chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                if total > MAX_BYTES:
                    raise SessionFileError(path, "session.too_large", limit_mb=limit_mb)
        finally:
            os.close(fd)
    except OSError as error:
        raise SessionFileError(
            path, "session.unreadable", reason=error.strerror or str(error)
        ) from None
    return b"".join(chunks)


def parse_bytes(raw: bytes, path: Path) -> Meeting:
    if len(raw) > MAX_BYTES:
        raise SessionFileError(path, "session.too_large", limit_mb=MAX_BYTES // (1024 * 1024))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SessionFileError(
            path, "session.not_utf8", position=undecodable_position(raw, error.start)
        ) from None
    return parse(text, path)


def parse(text: str, path: Path) -> Meeting:
    """Parse and check a session file's text; ``path`` is used in messages."""
    # Some Windows editors start a UTF-8 file with a byte order mark, which TOML
    # does not allow; it carries no content, so it is read past (lines and columns
    # then count as the editor shows them).
    text = text.removeprefix("\ufeff")
    _guard_shape(text, path)
    parser = _toml_parser()
    try:
        data = parser.loads(text)
    except parser.TOMLDecodeError as error:
        reason, position = decode_error_position(error)
        raise SessionFileError(path, "session.syntax", position=position, reason=reason) from None
    except (RecursionError, MemoryError, ValueError) as error:
        raise SessionFileError(path, "session.syntax", reason=type(error).__name__) from None
    return _Reader(path, text).meeting(data)


def _guard_shape(text: str, path: Path) -> None:
    """Refuse nesting and dotted keys deep enough to exhaust tomllib, before it runs."""
    problem = shape_problem(text)
    if problem is not None:
        raise SessionFileError(
            path, f"session.{problem.kind}", position=problem.position, limit=problem.limit
        )


class _Reader(TomlReader):
    """Turns parsed TOML into a Meeting, failing with the position of the first problem."""

    def __init__(self, path: Path, text: str) -> None:
        super().__init__(path, text, prefix="session", error=SessionFileError)

    def time(
        self, table: dict[str, Any], where: tuple[PathPart, ...], name: str, required: bool = True
    ) -> datetime | None:
        value = self.get(table, where, name, datetime, required=required)
        if value is not None and value.tzinfo is None:
            raise self.fail((*where, name), "session.no_offset", key=dotted((*where, name)))
        if value is not None and not _has_utc_instant(value):
            raise self.fail((*where, name), "session.time_out_of_range", key=dotted((*where, name)))
        return value  # type: ignore[no-any-return]

    def unique(self, where: tuple[PathPart, ...], value: str, seen: set[str], message: str) -> None:
        """``value`` (at ``where``) must be one no earlier table of its list had: ``seen``."""
        if value in seen:
            raise self.fail(where, message, value=value)
        seen.add(value)

    def within(self, where: tuple[PathPart, ...], name: str, value: float, limit: int) -> None:
        """A number of minutes or seconds a meeting can have: not nan, not inf, not absurd."""
        # nan compares false with everything, so it fails here as well as inf does.
        if not 0 <= value <= limit:
            raise self.fail(
                (*where, name), "session.out_of_range", key=dotted((*where, name)), limit=limit
            )

    def meeting(self, data: dict[str, Any]) -> Meeting:
        version = self.get(data, (), "format", int)
        if version > FORMAT:
            raise self.fail(("format",), "session.newer_format", found=version, known=FORMAT)
        if version < 1:
            raise self.fail(("format",), "session.bad_format", found=version)
        meeting_id = self.get(data, (), "id", str)
        if not is_safe_id(meeting_id):
            raise self.fail(("id",), "session.bad_id", value=meeting_id)
        started = self.time(data, (), "started_at")
        assert started is not None
        meeting = Meeting(
            id=meeting_id,
            title=self.get(data, (), "title", str),
            template=self.get(data, (), "template", str),
            started_at=started,
            ended_at=self.time(data, (), "ended_at", required=False),
            previous=self.get(data, (), "previous", str, required=False),
            extra={k: v for k, v in data.items() if k not in KNOWN_TOP},
        )
        for where, item in self.tables(data, "participants"):
            meeting.participants.append(
                Participant(
                    name=self.get(item, where, "name", str),
                    role=_default(
                        self.get(item, where, "role", str, required=False), "participant"
                    ),
                )
            )
        seen_phases: set[str] = set()
        for where, item in self.tables(data, "phases"):
            key = self.get(item, where, "key", str)
            self.unique((*where, "key"), key, seen_phases, "session.duplicate_phase")
            minutes = self.get(item, where, "planned_minutes", int)
            elapsed = self.get(item, where, "elapsed_seconds", (int, float), required=False)
            added = self.get(item, where, "added_minutes", int, required=False) or 0
            if minutes < 0 or added < 0 or (elapsed is not None and elapsed < 0):
                raise self.fail(where, "session.negative", key=dotted(where))
            self.within(where, "planned_minutes", minutes, MAX_PLANNED_MINUTES)
            self.within(where, "added_minutes", added, MAX_PLANNED_MINUTES)
            if elapsed is not None:
                self.within(where, "elapsed_seconds", elapsed, MAX_ELAPSED_SECONDS)
            meeting.phases.append(
                PhaseRecord(
                    key=key,
                    title=self.get(item, where, "title", str),
                    planned_minutes=minutes,
                    elapsed_ms=round((elapsed or 0) * 1000),
                    added_ms=added * 60_000,
                )
            )
        for where, item in self.tables(data, "notes"):
            meeting.notes.append(
                Note(
                    phase=self.get(item, where, "phase", str),
                    kind=self.choice(item, where, "kind", NoteKind),
                    text=self.get(item, where, "text", str),
                    source=self.get(item, where, "source", str, required=False),
                    created_at=self.time(item, where, "created_at") or started,
                )
            )
        for where, item in self.tables(data, "decisions"):
            meeting.decisions.append(
                Decision(
                    text=self.get(item, where, "text", str),
                    created_at=self.time(item, where, "created_at") or started,
                )
            )
        seen_actions: set[str] = set()
        for where, item in self.tables(data, "trial_actions"):
            action_id = self.get(item, where, "id", str)
            self.unique((*where, "id"), action_id, seen_actions, "session.duplicate_action")
            meeting.trial_actions.append(
                TrialAction(
                    id=action_id,
                    title=self.get(item, where, "title", str),
                    owner=self.get(item, where, "owner", str),
                    due=self.get(item, where, "due", date),
                    prediction=self.get(item, where, "prediction", str),
                    measure=self.get(item, where, "measure", str),
                    development_point=self.get(
                        item, where, "development_point", str, required=False
                    ),
                    adapted_from=self.get(item, where, "adapted_from", str, required=False),
                    meeting_id=meeting_id,
                    meeting_started_at=started,
                )
            )
        seen_evaluations: set[str] = set()
        for where, item in self.tables(data, "evaluations"):
            action_id = self.get(item, where, "trial_action", str)
            if action_id in seen_evaluations:
                # One evaluation per trial action per meeting, as the store keeps it:
                # with two, which verdict the team reached would be a guess.
                raise self.fail(
                    (*where, "trial_action"), "session.duplicate_evaluation", value=action_id
                )
            seen_evaluations.add(action_id)
            meeting.evaluations.append(
                Evaluation(
                    trial_action=self.get(item, where, "trial_action", str),
                    carried_out=self.choice(item, where, "carried_out", CarriedOut),
                    what_happened=self.get(item, where, "what_happened", str),
                    compared_to_prediction=self.get(
                        item, where, "compared_to_prediction", str, required=False
                    ),
                    learning=self.get(item, where, "learning", str),
                    verdict=self.choice(item, where, "verdict", Verdict),
                    title=self.get(item, where, "trial_action_title", str, required=False),
                )
            )
        return meeting


def _has_utc_instant(value: datetime) -> bool:
    # Meetings are ordered by their instant in UTC; 0001-01-01T00:00+01:00 has none.
    try:
        value.astimezone(UTC)
    except OverflowError:
        return False
    return True


def _default(value: str | None, default: str) -> str:
    # Only an absent key takes the default; an empty text is kept as written.
    return default if value is None else value
