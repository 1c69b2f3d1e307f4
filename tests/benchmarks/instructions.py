"""Instructions to the first frame, counted by valgrind: the first screen's cost without the noise.

On this shared machine a tmux timing of the first screen moves by ±10 % from run to run
(the bare app alone: 193-248 ms in one afternoon), more than a change of a few widgets
makes. Valgrind's callgrind counts the instructions a run executes, the same to 0.1 %
from run to run, so one run of each tells two versions apart. Each app runs in tmux (a
real terminal) and ends the moment its first full frame is written; refleksionsrum runs
once before, so that its kept styles and TOML are there, as on every start but the first.

    .venv/bin/python tests/benchmarks/instructions.py [SRC ...]

SRC: other source trees (a checkout's src/) to count as well, each with a cache of its own.
Needs valgrind and tmux. Prints millions of instructions and each one's ratio to the bare app.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = Path(sys.executable)
READY = {"bare": "Bare Textual app is ready", "app": "Ingen afsluttede møder endnu"}


def child(kind: str, workspace: str) -> None:
    """In tmux: run the app, and end the process once a frame with its ready text is out."""
    from textual.drivers.linux_driver import LinuxDriver

    write = LinuxDriver.write
    quick = os.environ.get("COUNT_EXIT") == "1"

    def written(self: LinuxDriver, data: str) -> None:
        write(self, data)
        if READY[kind] in data and quick:
            os._exit(0)

    LinuxDriver.write = written  # type: ignore[method-assign]
    if kind == "bare":
        sys.path.insert(0, str(HERE))
        from bare_app import BareApp

        BareApp().run()
        return
    from refleksionsrum.launch import main

    sys.argv = ["refleksionsrum", "--workspace", workspace]
    main()


def _in_tmux(argv: list[str], env: dict[str, str], done: Path, timeout: float) -> None:
    server = f"count-{os.getpid()}-{done.name}"  # one each: a server killed lingers a moment
    words = " ".join(f"{k}={v}" for k, v in env.items())
    command = f"env {words} {' '.join(argv)}; touch {done}"
    subprocess.run(
        ["tmux", "-L", server, "new-session", "-d", "-x", "120", "-y", "40", command], check=True
    )
    deadline = time.monotonic() + timeout
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    subprocess.run(["tmux", "-L", server, "kill-server"], capture_output=True, check=False)


def count(kind: str, src: str | None, work: Path, workspace: Path) -> int:
    """Instructions from Python's start to the first full frame."""
    label = f"{kind}-{abs(hash(src))}"
    env = {
        "XDG_CACHE_HOME": str(work / f"cache-{label}"),
        "PYTHONHASHSEED": "0",
        "PYTHONPATH": src or "",
    }
    me = [str(PYTHON), str(Path(__file__).resolve()), "--child", kind, str(workspace)]
    if kind == "app":  # once as any start: its styles and TOML are kept after the frame
        _in_tmux(me, env | {"COUNT_EXIT": "0"}, work / f"warm-{label}", 6)
    out = work / f"callgrind-{label}.out"
    valgrind = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
    _in_tmux([*valgrind, *me], env | {"COUNT_EXIT": "1"}, work / f"done-{label}", 180)
    found = re.search(r"^summary: (\d+)", out.read_text(encoding="utf-8"), re.MULTILINE)
    if found is None:
        raise RuntimeError(f"no count in {out}")
    return int(found.group(1))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        child(argv[1], argv[2])
        return 0
    for tool in ("valgrind", "tmux"):
        if shutil.which(tool) is None:
            print(f"instructions.py: {tool} is needed", file=sys.stderr)
            return 2
    work = Path(tempfile.mkdtemp(prefix="refleksionsrum-count-"))
    try:
        workspace = work / "workspace"
        subprocess.run(
            [str(PYTHON.parent / "refleksionsrum"), "init", str(workspace)],
            check=True,
            capture_output=True,
        )
        bare = count("bare", None, work, workspace)
        print(f"{'bare Textual app':40s} {bare / 1e6:8.0f} M  1.00x")
        for src in [None, *argv]:
            n = count("app", src, work, workspace)
            name = f"refleksionsrum ({src or 'installed'})"
            print(f"{name[-40:]:40s} {n / 1e6:8.0f} M  {n / bare:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
