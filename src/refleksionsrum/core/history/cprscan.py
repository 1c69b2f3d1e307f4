"""Every place in the workspace's meetings where a CPR number stands, by meeting and field."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from refleksionsrum.core.privacy import find_cpr
from refleksionsrum.core.store.database import Store

# (list in the session file, table, the fields to look in); positions as in the file.
_FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("participants", "participant", ("name", "role")),
    ("notes", "note", ("text", "source")),
    ("decisions", "decision", ("text",)),
    (
        "trial_actions",
        "trial_action",
        ("title", "owner", "prediction", "measure", "development_point"),
    ),
    ("evaluations", "evaluation", ("what_happened", "compared_to_prediction", "learning")),
)


@dataclass(frozen=True)
class CprFinding:
    meeting_id: str
    where: str  # e.g. notes[3].source, as the session file's keys say it
    masked: str


def scan_archive(store: Store) -> list[CprFinding]:
    """Every CPR number in every meeting, oldest meeting first, in session-file order."""
    found: list[CprFinding] = []
    with store.engine.connect() as connection:
        order = {
            str(row[0]): index
            for index, row in enumerate(
                connection.execute(text("SELECT id FROM meeting ORDER BY started_utc"))
            )
        }
        for row in connection.execute(text("SELECT id, title FROM meeting")):
            for match in find_cpr(str(row[1] or "")):
                found.append(CprFinding(str(row[0]), "title", match.masked))
        for listed, table, fields in _FIELDS:
            columns = ", ".join(fields)
            sql = (
                f"SELECT meeting_id, ROW_NUMBER() OVER (PARTITION BY meeting_id ORDER BY pk) - 1,"
                f" {columns} FROM {table}"
            )
            for row in connection.execute(text(sql)):
                for name, value in zip(fields, row[2:], strict=True):
                    for match in find_cpr(str(value or "")):
                        found.append(
                            CprFinding(str(row[0]), f"{listed}[{row[1]}].{name}", match.masked)
                        )
        connection.rollback()
    found.sort(key=lambda f: (order.get(f.meeting_id, 0), f.meeting_id))
    return found
