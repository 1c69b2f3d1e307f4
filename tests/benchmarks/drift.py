"""Drift of the shown countdown against a reference monotonic clock over a real run.

    python tests/benchmarks/drift.py [--minutes 10]

Runs a real meeting headless (Textual's run_test) on the system clock. Every time the
time box shows a new value, the moment is compared with the moment the reference
monotonic clock says that value became true. Prints median, p99 and max lateness.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from refleksionsrum.core.workspace import Workspace, init_workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.clockview import TimeBox, countdown_text


async def measure(minutes: float) -> list[float]:
    root = Path(tempfile.mkdtemp()) / "ws"
    init_workspace(root)
    # A phase long enough that the run never leaves it.
    config = (root / "config.toml").read_text()
    (root / "config.toml").write_text(config.replace("minutes = 5\n", "minutes = 60\n", 1))
    app = RefleksionsrumApp(Workspace.open(root), new=True, title="Drift")
    changes: list[tuple[float, str]] = []
    original = TimeBox.refresh_time

    def recording(self: TimeBox, warning_ms: int):  # type: ignore[no-untyped-def]
        state = original(self, warning_ms)
        shown = countdown_text(self.room.timer.remaining_ms())
        if not changes or changes[-1][1] != shown:
            changes.append((time.monotonic(), shown))
        return state

    TimeBox.refresh_time = recording  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        while app.room is None:
            await pilot.pause(0.01)
        room = app.room
        # The reference: the phase's budget ends at this monotonic instant.
        end = time.monotonic() + room.timer.remaining_ms() / 1000
        await asyncio.sleep(minutes * 60)
    lateness = []
    for moment, shown in changes[1:]:
        minutes_part, seconds_part = shown.split(":")[-2:]
        value_s = int(minutes_part) * 60 + int(seconds_part)
        # The box shows v from the instant remaining time drops to v seconds.
        true_from = end - value_s
        lateness.append((moment - true_from) * 1000)
    return lateness


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    lateness = asyncio.run(measure(args.minutes))
    ordered = sorted(lateness)
    p99 = ordered[int(len(ordered) * 0.99) - 1] if ordered else float("nan")
    print(f"countdown changes observed: {len(lateness)} over {args.minutes:g} min")
    print(
        f"lateness vs reference (ms): median {statistics.median(lateness):.1f}  "
        f"p99 {p99:.1f}  max {max(lateness):.1f}  min {min(lateness):.1f}"
    )
    print(f"target: under 50 ms -> {'PASS' if max(abs(x) for x in lateness) < 50 else 'MISS'}")


if __name__ == "__main__":
    main()
