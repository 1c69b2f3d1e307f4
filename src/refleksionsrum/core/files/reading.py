"""Read many session files at once (in worker processes when there are many) and check them."""

from __future__ import annotations

import os
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from refleksionsrum.core.collector import collection_paused
from refleksionsrum.core.errors import FileProblem, printable
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.judge import Found, Judgement, Parsed, judge, list_folder
from refleksionsrum.core.files.sessionfile import SessionFileError

# Below this many files a process pool costs more (starting workers) than it saves.
POOL_FROM = 200
_CHUNK = 64


def _read_one(path: Path) -> Parsed | SessionFileError:
    try:
        raw = sessionfile.read_limited(path)
        return Parsed(path, sessionfile.parse_bytes(raw, path), sessionfile.digest(raw))
    except SessionFileError as problem:
        return problem


def _read_chunk(paths: list[Path]) -> list[Parsed | SessionFileError]:
    return [_read_one(path) for path in paths]


def read_many(found: Sequence[Found]) -> tuple[list[Parsed], list[SessionFileError]]:
    """Read and parse each file; (the well-formed, the problems), both in the given order."""
    paths = [item.path for item in found]
    results: list[Parsed | SessionFileError] = []
    workers = min(_cores(), 4)
    with collection_paused():
        if len(paths) >= POOL_FROM and workers > 1:
            results = _in_pool(paths, workers)
        else:
            results = [_read_one(path) for path in paths]
    parsed = [r for r in results if isinstance(r, Parsed)]
    problems = [r for r in results if isinstance(r, SessionFileError)]
    return parsed, problems


def _cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _in_pool(paths: list[Path], workers: int) -> list[Parsed | SessionFileError]:
    import concurrent.futures
    import multiprocessing

    chunks = [paths[i : i + _CHUNK] for i in range(0, len(paths), _CHUNK)]
    # fork is quickest, and safe while this is the only thread (`check`); with other
    # threads about (the app) a lock one of them holds could be copied held, so the
    # workers are forked from a clean server process instead.
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if threading.active_count() == 1 and "fork" in methods else None
    if method is None and "forkserver" in methods:
        method = "forkserver"
    context = multiprocessing.get_context(method)
    try:
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
            return [item for chunk in pool.map(_read_chunk, chunks) for item in chunk]
    except (OSError, concurrent.futures.process.BrokenProcessPool):
        # No processes to be had (a container's limits): read them here instead.
        return [_read_one(path) for path in paths]


@dataclass
class FolderCheck:
    """What `check` finds in sessions/: the files used and every problem, by file name."""

    used: list[Parsed] = field(default_factory=list)
    problems: list[SessionFileError] = field(default_factory=list)

    @property
    def good(self) -> int:
        return len(self.used)


def check_folder(folder: Path) -> FolderCheck:
    """Read every session file in ``folder`` once and judge them as the app does."""
    found, problems = list_folder(folder)
    with collection_paused():
        parsed, unreadable = read_many(found)
        verdict: Judgement = judge(parsed)
    return FolderCheck(
        used=sorted(verdict.take_in + verdict.agree, key=lambda p: p.path.name),
        problems=sorted(problems + unreadable + verdict.problems, key=lambda p: p.path.name),
    )


def unknown_templates(used: Sequence[Parsed], known: Collection[str]) -> list[FileProblem]:
    """Readable session files whose template config.toml no longer has: worth a warning only."""
    from refleksionsrum.core.tomltext.positions import locate

    warnings: list[FileProblem] = []
    for item in used:
        if item.meeting.template in known:
            continue
        try:
            # Only to point at the line: the rare file with an unknown template is
            # scanned for its position, not parsed again.
            text = sessionfile.read_limited(item.path).decode("utf-8").removeprefix("\ufeff")
            position = locate(text, ("template",))
        except (SessionFileError, UnicodeDecodeError):
            position = None
        warnings.append(
            FileProblem(
                item.path,
                "cli.check.unknown_template",
                position=position,
                value=item.meeting.template,
                known=", ".join(known),
            )
        )
    return warnings


# Problems that name another file: the file itself reads, but another copy is used.
COPY_KEYS = {
    "session.duplicate_meeting": "start.unused_same",
    "session.disagrees": "start.unused_copy",
}
SHOWN = 3


def unused_line(problems: Sequence[SessionFileError]) -> str:
    """The start screen's one line about session files not used, naming which disagree."""
    from refleksionsrum.core.i18n import t

    if not problems:
        return ""
    # Copies that disagree are named first: they are where a meeting's words may differ.
    ordered = sorted(problems, key=lambda p: (p.message_key not in COPY_KEYS, p.path.name))
    names = []
    for problem in ordered[:SHOWN]:
        key = COPY_KEYS.get(problem.message_key)
        name = printable(problem.path.name)
        other = printable(str(problem.params.get("other", "")))
        names.append(t(key, name=name, other=other) if key else name)
    if len(ordered) > SHOWN:
        names.append("…")
    return t("start.unused", count=len(problems), names=", ".join(names))
