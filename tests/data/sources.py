"""The data sources the data tests configure: the fixture files and the attendance source."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

# The attendance figures (fixtures/fremmoede_excel_da.csv copied to data/fremmoede.csv).
ATTENDANCE_SOURCE = """
[[data]]
name = "Fremmøde i gruppeforløbet"
file = "data/fremmoede.csv"
date = "Måned"
value = "Fremmøde %"
freeze = 24
better = "up"
"""
