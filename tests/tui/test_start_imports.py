"""The start screen's modules leave the database layer, and a meeting's own, unloaded."""

from __future__ import annotations

import subprocess
import sys

# What `refleksionsrum` imports before its first frame: the command line, the app, the
# start screen. SQLModel and SQLAlchemy take a quarter to half a second to import, more
# than the whole bare Textual app takes to start; the start screen's lists come from
# plain sqlite3 (core/store/quicklist.py).
FIRST_FRAME = (
    "refleksionsrum.cli.main",
    "refleksionsrum.cli.meetings",
    "refleksionsrum.tui.app",
    "refleksionsrum.tui.running",
    "refleksionsrum.tui.start",
    "refleksionsrum.core.store.lookahead",
    "refleksionsrum.core.store.quicklist",
)
HEAVY = ("sqlmodel", "sqlalchemy")
# What only a meeting, a chart or `init` needs. Python builds every dataclass's methods
# from source as its module is imported: the meeting's records (core/models.py) alone
# took 2-3 ms of the start screen's time, and all of these together about 7 ms.
MEETING_ONLY = (
    "refleksionsrum.core.models",
    "refleksionsrum.core.data.sources",
    "refleksionsrum.core.defaults",
    "refleksionsrum.core.export",
    "json",
)


def _loaded_of(names: tuple[str, ...]) -> list[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {FIRST_FRAME!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(' '.join(sorted(m for m in {names!r} if m in sys.modules)))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return found.stdout.split()


def test_the_first_frames_modules_import_no_database_layer() -> None:
    assert _loaded_of(HEAVY) == []


def test_the_first_frames_modules_leave_what_only_a_meeting_needs() -> None:
    assert _loaded_of(MEETING_ONLY) == []
