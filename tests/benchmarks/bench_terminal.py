"""First screen and peak memory in a real terminal: tmux at 120x40, polled with capture-pane."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# tests/, for the shared tmux driver in tests/support/ (this runs as a script, not in pytest).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from support.tmux import Tmux as Server
from support.tmux import TmuxError

WIDTH, HEIGHT = 120, 40
POLL_SECONDS = 0.005
TIMEOUT_SECONDS = 60.0
# Read the peak a moment after the screen is complete, so that work finishing right
# after the last paint (a worker closing, a timer) is counted for both apps alike.
SETTLE_SECONDS = 0.2


@dataclass(frozen=True)
class Program:
    """What to launch, and the text that shows its screen is painted / complete."""

    label: str
    argv: tuple[str, ...]
    first_paint: tuple[str, ...]
    fully_drawn: tuple[str, ...]
    cwd: Path | None = None


@dataclass
class Launch:
    """One launch: seconds to first paint and to the complete screen, peak RSS in KiB."""

    first_paint_s: float
    fully_drawn_s: float
    peak_rss_kib: int
    screen: str = field(repr=False, default="")


class Tmux:
    """A private tmux server (own socket), kept alive by an idle session between launches."""

    def __init__(self) -> None:
        self._count = 0
        env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        env.pop("REFLEKSIONSRUM_WORKSPACE", None)
        # The tests' tmux driver, with the user's own environment (TERM and all).
        self.server = Server(WIDTH, HEIGHT, binary="tmux", env=env)
        self.server.start(["sleep", "100000"], name="keeper")
        # Keep a pane whose app died, so that its last screen can be shown.
        self._tmux("set-option", "-g", "remain-on-exit", "on")

    def _tmux(self, *args: str) -> str:
        return self.server.run(*args)

    def close(self) -> None:
        self.server.stop()

    def launch(self, program: Program) -> Launch:
        self._count += 1
        name = f"run{self._count}"
        command = ["new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT)]
        if program.cwd is not None:
            command += ["-c", str(program.cwd)]
        begun = time.perf_counter()
        self._tmux(*command, *program.argv)
        try:
            first = self._wait_for(name, program, program.first_paint, begun)
            full = self._wait_for(name, program, program.fully_drawn, begun)
            time.sleep(SETTLE_SECONDS)
            pid = self._app_pid(name)
            peak = _peak_rss_kib(pid)
            screen = self._capture(name)
        finally:
            self._end(name)
        return Launch(first, full, peak, screen)

    def _capture(self, name: str) -> str:
        return self._tmux("capture-pane", "-p", "-t", name)

    def _wait_for(self, name: str, program: Program, texts: Sequence[str], begun: float) -> float:
        polls = 0
        while True:
            screen = self._capture(name)
            now = time.perf_counter()
            if all(text in screen for text in texts):
                return now - begun
            if now - begun > TIMEOUT_SECONDS:
                raise TimeoutError(f"{texts} not on screen after {TIMEOUT_SECONDS} s:\n{screen}")
            polls += 1
            if (
                polls % 20 == 0
                and self._tmux("list-panes", "-t", name, "-F", "#{pane_dead}").strip() == "1"
            ):
                raise RuntimeError(
                    f"{program.label} ({' '.join(program.argv)}) exited before {texts} "
                    f"was on screen; its last screen:\n{self._capture(name)}"
                )
            time.sleep(POLL_SECONDS)

    def _app_pid(self, name: str) -> int:
        """The Python process in the pane: the pane's own process, or its child if a shell."""
        pid = int(self._tmux("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])
        for _ in range(3):
            if "python" in _command_line(pid):
                return pid
            children = _children(pid)
            if not children:
                break
            pid = children[0]
        return pid

    def _end(self, name: str) -> None:
        """Stop the app (SIGKILL: its shutdown is not measured) and wait until it is gone,
        so that runs never overlap; then close the session."""
        pids: list[int] = []
        with contextlib.suppress(TmuxError, ValueError, IndexError):
            pids = [self._app_pid(name)]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.perf_counter() + 5
        for pid in pids:
            while _alive(pid) and time.perf_counter() < deadline:
                time.sleep(0.005)
        with contextlib.suppress(TmuxError):
            self._tmux("kill-session", "-t", name)


@contextlib.contextmanager
def tmux_server() -> Iterator[Tmux]:
    server = Tmux()
    try:
        yield server
    finally:
        server.close()


def interleaved(
    server: Tmux, a: Program, b: Program, runs: int, warmup: int = 1
) -> tuple[list[Launch], list[Launch]]:
    """A, B, A, B...: each pair shares the machine's momentary load. Warm-up runs are dropped."""
    for _ in range(warmup):
        server.launch(a)
        server.launch(b)
    first: list[Launch] = []
    second: list[Launch] = []
    for _ in range(runs):
        first.append(server.launch(a))
        second.append(server.launch(b))
    return first, second


def _alive(pid: int) -> bool:
    """Running, not yet a zombie waiting for tmux to collect it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(word) for word in text.split()]


def _peak_rss_kib(pid: int) -> int:
    """VmHWM: the peak resident set size of the process so far."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for {pid}")
