"""Data review figures: 10,000-row CSV and xlsx read and analysed, chart after a flip, first screen.

Run: .venv/bin/python tests/benchmarks/bench_data.py
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.data.xlsx import write_xlsx

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.data.runs import analyse
from refleksionsrum.core.data.series import read_series
from refleksionsrum.core.workspace import Workspace, init_workspace

ROWS = 10_000
SOURCES = """
[[data]]
name = "Stor"
file = "data/stor.csv"
date = "Dato"
value = "Værdi"

[[data]]
name = "Stor Excel"
file = "data/stor.xlsx"
date = "Dato"
value = "Værdi"
"""


def make_files(folder: Path) -> tuple[Path, Path]:
    start = date(2000, 1, 1)
    lines = ["Dato;Værdi"]
    rows: list[list[object]] = [["Dato", "Værdi"]]
    for i in range(ROWS):
        day = start + timedelta(days=i)
        value = 50 + (i * 7919 % 97) / 10
        lines.append(f"{day:%d-%m-%Y};{value:.1f}".replace(".", ",", 1).replace(",", ",", 1))
        rows.append([day, value])
    csv_path = folder / "stor.csv"
    csv_path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    xlsx_path = write_xlsx(folder / "stor.xlsx", {"Data": rows})  # type: ignore[dict-item]
    return csv_path, xlsx_path


def timed(run: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()  # type: ignore[operator]
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


async def first_screen_ms(root: Path) -> float:
    from refleksionsrum.tui.app import RefleksionsrumApp
    from refleksionsrum.tui.start import StartScreen

    began = time.perf_counter()
    app = RefleksionsrumApp(Workspace.open(root), clock=FakeClock())
    async with app.run_test(size=(160, 45)) as pilot:
        while not (
            isinstance(app.screen, StartScreen)
            and any(not begin.disabled for begin in app.screen.query("#begin"))
        ):
            await pilot.pause()
        return (time.perf_counter() - began) * 1000


async def flip_ms(root: Path) -> float:
    from refleksionsrum.tui.app import RefleksionsrumApp
    from refleksionsrum.tui.datareview import DataReview
    from refleksionsrum.tui.meeting import MeetingScreen

    app = RefleksionsrumApp(Workspace.open(root), clock=FakeClock(), new=True, title="Bench")
    async with app.run_test(size=(160, 45)) as pilot:
        while not isinstance(app.screen, MeetingScreen):
            await pilot.pause()
        await pilot.press("ctrl+n")
        while not app.screen.query(DataReview):
            await pilot.pause()
        review = app.screen.query_one(DataReview)
        while review.painted == 0:
            await pilot.pause()
        times = []
        for _ in range(4):
            before = review.painted
            began = time.perf_counter()
            await pilot.press("f7")
            while review.painted == before:
                await pilot.pause()
            times.append((time.perf_counter() - began) * 1000)
        return statistics.median(times)


def main() -> None:
    # The machine is shared: a fixed piece of work tells how loaded it was (about 15 ms idle).
    reference = timed(lambda: sum(range(10**6)))
    print(f"reference: sum(range(10**6)) {reference:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path, xlsx_path = make_files(folder)
        csv_ms = timed(
            lambda: analyse([p.y for p in read_series(csv_path, "Værdi", "Dato").points])
        )
        xlsx_ms = timed(
            lambda: analyse([p.y for p in read_series(xlsx_path, "Værdi", "Dato").points])
        )
        print(f"10,000-row CSV read + analysed: {csv_ms:.0f} ms (median of 5)")
        print(f"10,000-row xlsx read + analysed: {xlsx_ms:.0f} ms (median of 5)")
        plain = init_workspace(folder / "plain")
        with_data = init_workspace(folder / "with-data")
        (with_data / "data").mkdir()
        shutil.copy(csv_path, with_data / "data")
        shutil.copy(xlsx_path, with_data / "data")
        config = with_data / "config.toml"
        config.write_text(config.read_text(encoding="utf-8") + SOURCES, encoding="utf-8")
        flip = asyncio.run(flip_ms(with_data))
        print(f"chart drawn after flipping (F7, 10,000 rows, read on first show): {flip:.0f} ms")
        # Alternated, so a change in the machine's load hits both alike.
        runs: dict[Path, list[float]] = {plain: [], with_data: []}
        for _ in range(7):
            for root in runs:
                runs[root].append(asyncio.run(first_screen_ms(root)))
        without = statistics.median(runs[plain])
        withd = statistics.median(runs[with_data])
        print(
            f"first screen: without [[data]] {without:.0f} ms, with {withd:.0f} ms, "
            f"ratio {withd / without:.3f}x (medians of 7, alternated)"
        )
        from refleksionsrum.core.config import load_config

        plain_cfg = timed(lambda: load_config(plain / "config.toml"), 50)
        data_cfg = timed(lambda: load_config(with_data / "config.toml"), 50)
        print(
            f"config.toml checked: without [[data]] {plain_cfg:.2f} ms, with two entries "
            f"{data_cfg:.2f} ms (medians of 50)"
        )
        probe = (
            "import sys; from pathlib import Path; from refleksionsrum.tui.app import "
            "RefleksionsrumApp; from refleksionsrum.core.workspace import Workspace; "
            f"Workspace.open(Path({str(with_data)!r})); "
            "print(sorted(m for m in sys.modules if 'core.data' in m or 'calamine' in m))"
        )
        found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        print(f"data modules loaded before the first screen: {found.stdout.strip()}")


if __name__ == "__main__":
    main()
