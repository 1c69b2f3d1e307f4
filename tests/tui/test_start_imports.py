"""The start screen's modules leave the database layer unloaded until a meeting needs it."""

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
)
HEAVY = ("sqlmodel", "sqlalchemy")


def test_the_first_frames_modules_import_no_database_layer() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {FIRST_FRAME!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert found.stdout.strip() == "[]"
