"""Saving on the way out imports nothing: a closed terminal wants the process gone.

It once imported the meeting screen and the forms just for isinstance checks, and with
them SQLModel and SQLAlchemy (0.9 s) on a terminal that was already gone. Run in a fresh
interpreter, so that no other test has imported those modules already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import asyncio, sys
from pathlib import Path
from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.start import StartScreen

async def main() -> None:
    app = RefleksionsrumApp(Workspace.open(Path(sys.argv[1])), clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(400):
            screen = app.screen
            begun = any(not b.disabled for b in screen.query("#begin"))
            if isinstance(screen, StartScreen) and begun:
                break
            await pilot.pause()
        before = set(sys.modules)
        app.save_and_leave()
        print(sorted(set(sys.modules) - before))
        app.exit(0)

asyncio.run(main())
"""


def test_leaving_from_the_start_screen_imports_nothing(workspace: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(workspace)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
