"""Run the real program: its console script, in a pseudo-terminal or as a plain process."""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

from refleksionsrum.core.workspace import ENV_VAR
from support.waiting import DEADLINE_S

SCRIPT = Path(sys.executable).with_name("refleksionsrum")


def child_env(**extra: str) -> dict[str, str]:
    """The environment a user's shell would give: a colour terminal, no workspace preset."""
    env = {key: value for key, value in os.environ.items() if key != ENV_VAR}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", COLORTERM="truecolor")
    env.pop("TEXTUAL", None)
    env.update(extra)
    return env


def run_cli(*args: str, timeout: float = DEADLINE_S) -> subprocess.CompletedProcess[str]:
    """The console script with ``args`` and no terminal: for commands that fail before one."""
    return subprocess.run(
        [str(SCRIPT), *args],
        env=child_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class Terminal:
    """A program running in a pseudo-terminal of its own, as in a terminal window."""

    def __init__(self, argv: list[str], cols: int = 100, rows: int = 30) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = child_env()
        pid = os.fork()
        if pid == 0:  # the child: a session of its own with the pty as controlling terminal
            try:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                if slave > 2:
                    os.close(slave)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid = pid
        self.master: int | None = master
        self.output = bytearray()
        self.status: int | None = None

    def read_some(self, timeout: float) -> bool:
        """Read what the program wrote within ``timeout`` seconds; False at end of output."""
        if self.master is None:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the program has gone and closed the terminal
            return False
        if not data:
            return False
        self.output.extend(data)
        return True

    def wait_for(
        self, condition: Callable[[bytes], bool], what: str, timeout: float = DEADLINE_S
    ) -> None:
        """Read until ``condition(output)`` holds; fail with the screen's text after ``timeout``."""
        deadline = time.monotonic() + timeout
        while not condition(bytes(self.output)):
            if time.monotonic() > deadline or not self.read_some(0.1):
                if condition(bytes(self.output)):
                    return
                tail = bytes(self.output[-3000:]).decode("utf-8", "replace")
                raise AssertionError(f"the program never showed {what}; last output: {tail!r}")

    def wait_for_text(self, text: str, timeout: float = DEADLINE_S) -> None:
        needle = text.encode()
        self.wait_for(lambda out: needle in out, repr(text), timeout)

    def write(self, data: bytes | str) -> None:
        assert self.master is not None
        os.write(self.master, data.encode() if isinstance(data, str) else data)

    def signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def hang_up(self) -> None:
        """Close the terminal as a closed window does: the kernel sends SIGHUP."""
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def wait(self, timeout: float = DEADLINE_S) -> int:
        """Read the rest of the output and return the exit code (128 + n for signal n)."""
        deadline = time.monotonic() + timeout
        while self.status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError("the program did not exit in time")
            if not self.read_some(0.05):
                time.sleep(0.02)
        while self.read_some(0.05):
            pass
        code = self.status
        return 128 - code if code < 0 else code

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self.status = -signal.SIGKILL

    def close(self) -> None:
        if self.status is None:
            self.kill()
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def text(self) -> str:
        return bytes(self.output).decode("utf-8", "replace")


def run_to_exit(argv: list[str], cols: int = 400) -> tuple[int, str]:
    """Run ``argv`` in a terminal wide enough that no message wraps, with nothing typed;
    returns its exit code and everything it wrote, white space folded to single spaces."""
    term = Terminal(argv, cols=cols)
    try:
        code = term.wait()
    finally:
        term.close()
    return code, " ".join(term.text().split())
