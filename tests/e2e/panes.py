"""Programs in tmux sessions on one private server socket: several screens side by side."""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

COMMAND = Path(sys.executable).parent / "refleksionsrum"
WIDTH, HEIGHT = 120, 32
# Waiting for another process, never for a timer: poll until a generous deadline.
DEADLINE_S = 60.0
POLL_S = 0.1


def tmux_or_fail() -> str:
    found = shutil.which("tmux")
    if found is None:
        pytest.fail("tmux is missing: scripts/test.sh installs it", pytrace=False)
    return found


class Panes:
    """Named tmux sessions ("fac", "nt", ...) driven like people at keyboards."""

    def __init__(self) -> None:
        self.tmux = tmux_or_fail()
        self.socket = f"refleksionsrum-live-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
        self.env.pop("TMUX", None)
        self.socket_path = ""

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [self.tmux, "-L", self.socket, "-f", os.devnull, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return done.stdout

    def start(self, name: str, command: list[str]) -> None:
        shell = f'{shlex.join(command)}; echo "[exit $?]"; exec cat'
        self.run(
            "new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), "sh", "-c", shell
        )
        self.socket_path = self.run("display-message", "-p", "#{socket_path}").strip()

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def wait_for(self, name: str, *texts: str) -> str:
        deadline = time.monotonic() + DEADLINE_S
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen(name)
            if all(text in shown for text in texts):
                return shown
            time.sleep(POLL_S)
        raise AssertionError(f"{texts!r} never all appeared in {name}; it shows:\n{shown}")

    def keys(self, name: str, *keys: str) -> None:
        self.run("send-keys", "-t", name, *keys)

    def type(self, name: str, text: str) -> None:
        self.run("send-keys", "-t", name, "-l", text)

    def kill(self) -> None:
        subprocess.run(
            [self.tmux, "-L", self.socket, "kill-server"],
            env=self.env,
            capture_output=True,
            timeout=30,
            check=False,
        )
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


def new_workspace(folder: Path) -> Path:
    subprocess.run([str(COMMAND), "init", str(folder)], check=True, capture_output=True)
    return folder


def stored_notes(workspace: Path) -> list[tuple[str, str]]:
    """(phase, text) of every note in the workspace's SQLite database, oldest first."""
    path = workspace / "sessions" / "refleksionsrum.db"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as raw:
        rows = raw.execute("SELECT phase, text FROM note ORDER BY pk").fetchall()
    raw.close()
    return [(phase, text) for phase, text in rows]


def wait_for_notes(workspace: Path, wanted: set[str]) -> list[tuple[str, str]]:
    deadline = time.monotonic() + DEADLINE_S
    found: list[tuple[str, str]] = []
    while time.monotonic() < deadline:
        found = stored_notes(workspace)
        if wanted <= {text for _, text in found}:
            return found
        time.sleep(POLL_S)
    raise AssertionError(f"the store never held {wanted}; it holds {found}")
