"""Programs in tmux sessions on one private server socket: several screens side by side."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from support.tmux import Tmux
from support.waiting import DEADLINE_S as DEADLINE_S
from support.waiting import poll

COMMAND = Path(sys.executable).parent / "refleksionsrum"
WIDTH, HEIGHT = 120, 32


class Panes:
    """Named tmux sessions ("fac", "nt", ...) driven like people at keyboards, on one server
    (the shared driver, support/tmux.py)."""

    def __init__(self) -> None:
        self.server = Tmux(WIDTH, HEIGHT)

    def start(self, name: str, command: list[str]) -> None:
        self.server.start(command, name=name, keep_open=True)

    def screen(self, name: str) -> str:
        return self.server.screen(name)

    def wait_for(self, name: str, *texts: str) -> str:
        return self.server.wait_until(
            lambda shown: all(text in shown for text in texts), f"{texts!r} in {name}", name=name
        )

    def keys(self, name: str, *keys: str) -> None:
        self.server.keys(*keys, name=name)

    def type(self, name: str, text: str) -> None:
        self.server.type(text, name=name)

    def kill(self) -> None:
        self.server.stop()


def new_workspace(folder: Path) -> Path:
    subprocess.run(
        [str(COMMAND), "init", str(folder)], check=True, capture_output=True, timeout=120
    )
    return folder


def stored_notes(workspace: Path) -> list[tuple[str, str]]:
    """(phase, text) of every note in the workspace's SQLite database, oldest first."""
    path = workspace / "sessions" / "refleksionsrum.db"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as raw:
        rows = raw.execute("SELECT phase, text FROM note ORDER BY pk").fetchall()
    raw.close()
    return [(phase, text) for phase, text in rows]


def wait_for_notes(workspace: Path, wanted: set[str]) -> list[tuple[str, str]]:
    return poll(
        lambda: stored_notes(workspace),
        lambda found: wanted <= {text for _, text in found},
        f"the store to hold {wanted}",
    )
