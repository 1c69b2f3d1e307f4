"""One tmux driver for the tests and the benchmarks: a private server, one pane, keys, its screen.

Each `Tmux` runs its own server on its own socket, so that tests running in parallel (and a
developer's own tmux) never see each other. Waiting is for what the pane shows, with the
generous deadline of support/waiting.py.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .waiting import DEADLINE_S, poll

SESSION = "rr"


class TmuxError(AssertionError):
    """A tmux command failed (in a test: a failure that names the command)."""


def tmux_binary() -> str:
    """The tmux command; skip the test where it is missing, fail on CI (test.sh installs it)."""
    found = shutil.which("tmux")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing on CI: scripts/test.sh should have installed it")
        pytest.skip("tmux is not installed (scripts/test.sh installs it)")
    return found


def terminal_env() -> dict[str, str]:
    """A user's shell: a colour terminal, UTF-8, no workspace preset, not inside another tmux."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
    env.pop("REFLEKSIONSRUM_WORKSPACE", None)
    env.pop("TEXTUAL", None)
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", COLORTERM="truecolor")
    return env


class Tmux:
    """A private tmux server; `start` opens the session SESSION (again after it has ended)."""

    def __init__(
        self,
        width: int = 100,
        height: int = 30,
        *,
        binary: str | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.binary = binary or tmux_binary()
        self.width, self.height = width, height
        self.socket = f"refleksionsrum-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.env = terminal_env() if env is None else env
        self.socket_path = ""

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            [self.binary, "-L", self.socket, "-f", os.devnull, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=DEADLINE_S,
            check=False,
        )
        if check and done.returncode != 0:
            raise TmuxError(f"tmux {shlex.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(
        self,
        argv: list[str],
        *,
        name: str = SESSION,
        keep_open: bool = False,
        cwd: Path | None = None,
    ) -> int:
        """Run ``argv`` in a new session; returns the program's pid.

        The program is exec'd, so the session ends when it does and the pid is its own;
        with ``keep_open`` a shell shows `[exit N]` afterwards and keeps the pane to read.
        """
        command = f"exec {shlex.join(argv)}"
        if keep_open:
            command = f'{shlex.join(argv)}; echo "[exit $?]"; exec cat'
        size = ["-x", str(self.width), "-y", str(self.height)]
        where = ["-c", str(cwd)] if cwd is not None else []
        self.run("new-session", "-d", "-s", name, *size, *where, command)
        if not self.socket_path:
            self.socket_path = self.run("display-message", "-p", "#{socket_path}").strip()
        return self.pane_pid(name)

    def pane_pid(self, name: str = SESSION) -> int:
        return int(self.run("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])

    def alive(self, name: str = SESSION) -> bool:
        """The session is still there (with exec: the program still runs)."""
        done = subprocess.run(
            [self.binary, "-L", self.socket, "-f", os.devnull, "has-session", "-t", f"={name}"],
            env=self.env,
            capture_output=True,
            timeout=DEADLINE_S,
            check=False,
        )
        return done.returncode == 0

    def screen(self, name: str = SESSION, escapes: bool = False) -> str:
        """What the pane shows now (with ``escapes``: with its colours as SGR sequences)."""
        return self.run("capture-pane", "-p", *(["-e"] if escapes else []), "-t", name, check=False)

    def wait_until(
        self,
        condition: Callable[[str], bool],
        what: str,
        timeout: float = DEADLINE_S,
        name: str = SESSION,
    ) -> str:
        """Capture the pane until ``condition(screen)`` holds; fail showing the last screen."""
        try:
            return poll(lambda: self.screen(name), condition, what, timeout)
        except AssertionError:
            raise AssertionError(
                f"{what} never appeared; the screen shows:\n{self.screen(name)}"
            ) from None

    def wait_for(self, text: str, timeout: float = DEADLINE_S, name: str = SESSION) -> str:
        return self.wait_until(lambda shown: text in shown, repr(text), timeout, name)

    def wait_gone(self, what: str, name: str = SESSION) -> None:
        poll(lambda: self.alive(name), lambda alive: not alive, what)

    def keys(self, *keys: str, name: str = SESSION) -> None:
        """Named keys: Enter, Tab, C-n ..."""
        self.run("send-keys", "-t", name, *keys)

    def type(self, text: str, name: str = SESSION) -> None:
        """Text, literally, as typed."""
        self.run("send-keys", "-t", name, "-l", text)

    def stop(self) -> None:
        self.run("kill-server", check=False)
        # The server leaves its socket file behind.
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


@contextlib.contextmanager
def tmux_server(width: int = 100, height: int = 30) -> Iterator[Tmux]:
    """A private server for the length of a test; everything it runs ends with it."""
    server = Tmux(width, height)
    try:
        yield server
    finally:
        server.stop()
