"""A workspace with [[data]] starts as lightly as one without: nothing of the charts loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from refleksionsrum.core.workspace import init_workspace

SOURCE = '\n[[data]]\nname = "A"\nfile = "data/a.xlsx"\nvalue = "v"\n'


def test_opening_the_app_loads_no_chart_reader_or_excel_library(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    config = root / "config.toml"
    config.write_text(config.read_text(encoding="utf-8") + SOURCE, encoding="utf-8")
    probe = (
        "import sys; from pathlib import Path; "
        "from refleksionsrum.tui.app import RefleksionsrumApp; "
        "from refleksionsrum.tui.meeting import MeetingScreen; "
        "from refleksionsrum.core.workspace import Workspace; "
        f"assert Workspace.open(Path({str(root)!r})).config.data; "
        "print(sorted(m for m in sys.modules if 'core.data' in m or 'calamine' in m "
        "or 'datareview' in m))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = found.stdout.strip()
    assert loaded == "['refleksionsrum.core.data', 'refleksionsrum.core.data.sources']"
