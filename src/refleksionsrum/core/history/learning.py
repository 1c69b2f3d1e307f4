"""The learning log: what every evaluation taught, by development point, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text

from refleksionsrum.core.export import md
from refleksionsrum.core.i18n import long_date, short_date, t
from refleksionsrum.core.kinds import Verdict
from refleksionsrum.core.privacy import mask_cpr
from refleksionsrum.core.store.database import Store

_COLUMNS = """
SELECT a.development_point, e.trial_action, a.title, e.meeting_id, m.title, m.started_at,
  e.verdict, e.learning, e.what_happened"""
_LEARNING = (
    _COLUMNS
    + """
FROM evaluation AS e
JOIN meeting AS m ON m.id = e.meeting_id
LEFT JOIN trial_action AS a ON a.id = e.trial_action
ORDER BY m.started_utc DESC, e.pk DESC
"""
)
# One point's page: the meetings newest first, each one's evaluations, so a page is found
# without reading and sorting every evaluation (CROSS JOIN makes SQLite walk the
# meetings first; PostgreSQL plans it as a plain join).
_LESSONS = (
    _COLUMNS
    + """
FROM meeting AS m CROSS JOIN evaluation AS e
LEFT JOIN trial_action AS a ON a.id = e.trial_action
WHERE e.meeting_id = m.id AND {point}
ORDER BY m.started_utc DESC, e.pk DESC
LIMIT :limit OFFSET :offset
"""
)
# The points' order: the newest meeting with learning first, then by name; None last.
_POINTS = """
SELECT a.development_point, COUNT(*), MAX(m.started_utc)
FROM evaluation AS e
JOIN meeting AS m ON m.id = e.meeting_id
LEFT JOIN trial_action AS a ON a.id = e.trial_action
GROUP BY a.development_point
"""


@dataclass(frozen=True)
class Lesson:
    """One evaluation's learning, and the trial action it was about."""

    development_point: str | None
    trial_action: str
    title: str
    meeting_id: str
    meeting_title: str
    started_at: datetime
    verdict: Verdict
    learning: str
    what_happened: str


@dataclass(frozen=True)
class LessonGroup:
    development_point: str | None
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True)
class PointCount:
    """A development point of the log (None: trial actions without one) and its lessons."""

    development_point: str | None
    lessons: int


def read_learning(store: Store, development_point: str | None = None) -> list[LessonGroup]:
    """Groups by development point, the one with the newest learning first; None last."""
    with store.engine.connect() as connection:
        rows = list(connection.execute(text(_LEARNING)))
        connection.rollback()
    groups: dict[str | None, list[Lesson]] = {}
    for lesson in map(_lesson, rows):
        if development_point is not None and (lesson.development_point or "").lower() != (
            development_point.lower()
        ):
            continue
        groups.setdefault(lesson.development_point, []).append(lesson)
    # As learning_points orders them: each group's first lesson is its newest.
    ordered = sorted(groups.items(), key=lambda item: item[0] or "")
    ordered.sort(key=lambda item: item[1][0].started_at, reverse=True)
    ordered.sort(key=lambda item: item[0] is None)
    return [LessonGroup(point, tuple(lessons)) for point, lessons in ordered]


def learning_points(store: Store) -> list[PointCount]:
    """The log's development points in read_learning's order, each with its count.

    What the learning screen lists first: counted in the database, not read, since a
    long history has tens of thousands of evaluations.
    """
    with store.engine.connect() as connection:
        rows = list(connection.execute(text(_POINTS)))
        connection.rollback()
    rows.sort(key=lambda row: row[0] or "")
    rows.sort(key=lambda row: str(row[2]), reverse=True)  # started_utc sorts as text
    rows.sort(key=lambda row: row[0] is None)
    return [PointCount(row[0], int(row[1])) for row in rows]


def read_lessons(
    store: Store, development_point: str | None, *, offset: int = 0, limit: int = 50
) -> list[Lesson]:
    """Lessons ``offset`` to ``offset + limit`` of one development point, newest first."""
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    if development_point is None:
        point = "a.development_point IS NULL"
    else:
        point = "a.development_point = :point"
        params["point"] = development_point
    with store.engine.connect() as connection:
        rows = list(connection.execute(text(_LESSONS.format(point=point)), params))
        connection.rollback()
    return [_lesson(row) for row in rows]


def _lesson(row: Any) -> Lesson:
    return Lesson(
        development_point=row[0],
        trial_action=str(row[1]),
        title=str(row[2]) if row[2] is not None else str(row[1]),
        meeting_id=str(row[3]),
        meeting_title=str(row[4]),
        started_at=datetime.fromisoformat(str(row[5])),
        verdict=Verdict(row[6]),
        learning=str(row[7]),
        what_happened=str(row[8]),
    )


def learning_markdown(groups: list[LessonGroup], *, mask: bool = True) -> str:
    """The log as Markdown for the team's intranet page; CPR numbers masked unless told."""

    def shown(value: str) -> str:
        return md(mask_cpr(value) if mask else value)

    lines = [f"# {t('learning.title')}", ""]
    if not groups:
        lines.append(t("learning.empty"))
    for group in groups:
        point = group.development_point or t("learning.no_point")
        lines += [f"## {shown(point)}", ""]
        for lesson in group.lessons:
            when = f"{long_date(lesson.started_at)} {short_date(lesson.started_at)[-4:]}"
            verdict = t(f"verdict.{lesson.verdict.value}")
            lines.append(f"### {shown(lesson.title)} · **{verdict}**")
            lines.append("")
            lines.append(f"- {t('learning.meeting')}: {shown(lesson.meeting_title)}, {when}")
            if lesson.verdict is Verdict.ABANDON:
                lines.append(f"- {t('learning.abandoned_taught')}: {shown(lesson.learning)}")
            else:
                lines.append(f"- {t('field.learning')}: {shown(lesson.learning)}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
