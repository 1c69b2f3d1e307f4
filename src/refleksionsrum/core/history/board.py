"""Every trial action of the workspace with its evaluations and adaptation chain."""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from refleksionsrum.core.history.page import Page
from refleksionsrum.core.models import ActionStatus, Evaluation, TrialAction, Verdict
from refleksionsrum.core.store.columns import EVALUATIONS, TRIAL_ACTIONS
from refleksionsrum.core.store.conditions import Conditions
from refleksionsrum.core.store.database import Store

# Without two earlier meetings to learn the team's rhythm from, the next meeting is
# taken to be two weeks away (the shortest rhythm, citizen level).
DEFAULT_RHYTHM_DAYS = 14


class BoardView(StrEnum):
    """The board's tabs, and the command line's --status."""

    OPEN = "open"
    DUE = "due"  # open and due before the next meeting
    OVERDUE = "overdue"
    CLOSED = "closed"
    ALL = "all"


@dataclass(frozen=True)
class EvaluationView:
    """One evaluation of a trial action, with the meeting that made it."""

    evaluation: Evaluation
    meeting_id: str
    meeting_title: str
    started_at: datetime


@dataclass(frozen=True)
class ActionView:
    """A trial action as the board shows it: where it was planned, its story in order."""

    # With the meeting that planned it (meeting_id) and when that started.
    action: TrialAction
    planned_title: str
    status: ActionStatus
    adapted_into: tuple[str, ...] = ()
    evaluations: tuple[EvaluationView, ...] = ()
    # Read without its evaluations (the board's table): the latest verdict alone.
    last_verdict: Verdict | None = None

    @property
    def id(self) -> str:
        return self.action.id

    @property
    def planned_at(self) -> datetime:
        # Always known here: the board reads each action with its meeting's start.
        assert self.action.meeting_started_at is not None
        return self.action.meeting_started_at

    @property
    def latest_verdict(self) -> Verdict | None:
        return self.evaluations[-1].evaluation.verdict if self.evaluations else self.last_verdict

    def days_overdue(self, today: date) -> int:
        """Whole days past its due date while open; 0 otherwise."""
        if self.status is ActionStatus.CLOSED:
            return 0
        return max(0, (today - self.action.due).days)


_ACTIONS = """
SELECT a.id, a.title, a.owner, a.due, a.prediction, a.measure, a.development_point,
  a.adapted_from, a.meeting_id, m.title AS planned_title, m.started_at AS planned_at, a.closed_by
FROM trial_action AS a JOIN meeting AS m ON m.id = a.meeting_id
{where}
ORDER BY a.due, m.started_utc, a.pk
"""
_EVALUATIONS = """
SELECT e.pk, e.trial_action, e.meeting_id, m.title AS meeting_title, m.started_at,
  e.carried_out, e.what_happened, e.compared_to_prediction, e.learning, e.verdict
FROM evaluation AS e JOIN meeting AS m ON m.id = e.meeting_id
WHERE e.trial_action IN :ids
ORDER BY m.started_utc, e.pk
"""
_ADAPTED = "SELECT adapted_from, id FROM trial_action WHERE adapted_from IN :ids ORDER BY pk"


def _where(
    connection: Connection, view: BoardView, today: date | None, owner: str | None
) -> tuple[str, dict[str, Any]]:
    """The WHERE clause of one tab (and an owner), with its parameters."""
    found = Conditions()
    if view in (BoardView.OPEN, BoardView.DUE, BoardView.OVERDUE):
        found.add("a.closed_by IS NULL")
    elif view is BoardView.CLOSED:
        found.add("a.closed_by IS NOT NULL")
    if owner:
        found.add("LOWER(a.owner) = :owner", owner=owner.lower())
    if view in (BoardView.DUE, BoardView.OVERDUE):
        day = today or date.today()
        if view is BoardView.OVERDUE:
            found.add("a.due < :day", day=day.isoformat())
        else:
            upto = next_meeting(connection, day).isoformat()
            found.add("a.due >= :day AND a.due <= :next", day=day.isoformat(), next=upto)
    return found.clause, found.params


def read_actions(
    store: Store,
    view: BoardView = BoardView.ALL,
    today: date | None = None,
    *,
    owner: str | None = None,
) -> list[ActionView]:
    """The trial actions of one tab, soonest due first, each with its whole story."""
    with store.engine.connect() as connection:
        clause, params = _where(connection, view, today, owner)
        rows = list(connection.execute(text(_ACTIONS.format(where=clause)), params))
        actions = _with_stories(connection, rows)
        connection.rollback()
    return actions


# The page is cut first, then each of its rows gets its latest verdict: a long history's
# closed tab has thousands of trial actions and tens of thousands of evaluations, and
# the table shows a screenful of them.
_PAGE = """
SELECT p.id, p.title, p.owner, p.due, p.prediction, p.measure, p.development_point,
  p.adapted_from, p.meeting_id, p.planned_title, p.planned_at, p.closed_by, (
    SELECT e.verdict FROM evaluation AS e JOIN meeting AS em ON em.id = e.meeting_id
    WHERE e.trial_action = p.id ORDER BY em.started_utc DESC, e.pk DESC LIMIT 1
  ) AS last_verdict
FROM (
  SELECT a.id, a.title, a.owner, a.due, a.prediction, a.measure, a.development_point,
    a.adapted_from, a.meeting_id, m.title AS planned_title, m.started_at AS planned_at,
    a.closed_by, m.started_utc, a.pk
  FROM trial_action AS a JOIN meeting AS m ON m.id = a.meeting_id
  {where}
  ORDER BY a.due, m.started_utc, a.pk
  LIMIT :limit OFFSET :offset
) AS p
ORDER BY p.due, p.started_utc, p.pk
"""
_COUNT = "SELECT COUNT(*) FROM trial_action AS a {where}"


def read_board_page(
    store: Store,
    view: BoardView = BoardView.OPEN,
    today: date | None = None,
    *,
    offset: int = 0,
    limit: int = 100,
    owner: str | None = None,
) -> Page[ActionView]:
    """Rows ``offset`` to ``offset + limit`` of one tab, soonest due first, without stories.

    Each row has its latest verdict (what the board's table shows); the whole story is
    read on Enter with :func:`chain`.
    """
    with store.engine.connect() as connection:
        clause, params = _where(connection, view, today, owner)
        count = int(connection.execute(text(_COUNT.format(where=clause)), params).scalar_one())
        page = text(_PAGE.format(where=clause))
        rows = list(connection.execute(page, {**params, "limit": limit, "offset": offset}))
        connection.rollback()
    views = _views(rows, defaultdict(list), defaultdict(list))
    actions = [
        replace(action, last_verdict=Verdict(row.last_verdict) if row.last_verdict else None)
        for action, row in zip(views, rows, strict=True)
    ]
    return Page(count, actions)


def read_action(store: Store, action_id: str) -> ActionView | None:
    with store.engine.connect() as connection:
        rows = list(
            connection.execute(text(_ACTIONS.format(where="WHERE a.id = :id")), {"id": action_id})
        )
        found = _with_stories(connection, rows)
        connection.rollback()
    return found[0] if found else None


def chain(store: Store, action_id: str) -> list[ActionView]:
    """The adaptation chain through this action, first try first: adapted from, adapted into."""
    start = read_action(store, action_id)
    if start is None:
        return []
    earlier: list[ActionView] = []
    seen = {start.id}
    current = start
    while current.action.adapted_from and current.action.adapted_from not in seen:
        found = read_action(store, current.action.adapted_from)
        if found is None:
            break
        seen.add(found.id)
        earlier.insert(0, found)
        current = found
    later: list[ActionView] = []
    frontier = list(start.adapted_into)
    while frontier:
        action_id = frontier.pop(0)
        if action_id in seen:
            continue  # a hand-written file may make a loop
        seen.add(action_id)
        found = read_action(store, action_id)
        if found is not None:
            later.append(found)
            frontier += found.adapted_into
    return [*earlier, start, *later]


def next_meeting(connection: Connection, today: date) -> date:
    """When the next meeting is likely: the last one plus the team's usual gap."""
    starts = [
        datetime.fromisoformat(str(row[0])).date()
        for row in connection.execute(
            text("SELECT started_at FROM meeting ORDER BY started_utc DESC LIMIT 6")
        )
    ]
    gaps = [(a - b).days for a, b in itertools.pairwise(starts) if a > b]
    rhythm = int(statistics.median(gaps)) if gaps else DEFAULT_RHYTHM_DAYS
    candidate = (starts[0] if starts else today) + timedelta(days=rhythm)
    while candidate < today:
        candidate += timedelta(days=rhythm)
    return candidate


def _with_stories(connection: Connection, rows: list[Any]) -> list[ActionView]:
    ids = [str(row[0]) for row in rows]
    if not ids:
        # An empty IN list is NULL typed as an integer: PostgreSQL refuses it for text.
        return []
    wanted = set(ids)
    stories: dict[str, list[EvaluationView]] = defaultdict(list)
    into: dict[str, list[str]] = defaultdict(list)
    # A few ids: read theirs. Many (a long history's closed tab): read every evaluation
    # once and keep those wanted, rather than many IN lists (SQLite limits parameters).
    if len(ids) <= 900:
        chosen: dict[str, Any] = {"ids": ids}
        evaluations = text(_EVALUATIONS).bindparams(bindparam("ids", expanding=True))
        adapted = text(_ADAPTED).bindparams(bindparam("ids", expanding=True))
    else:
        chosen = {}
        evaluations = text(_EVALUATIONS.replace("WHERE e.trial_action IN :ids", ""))
        adapted = text(_ADAPTED.replace("WHERE adapted_from IN :ids", ""))
    for row in connection.execute(evaluations, chosen):
        if row.trial_action in wanted:
            evaluation = EVALUATIONS.item(row)
            when = datetime.fromisoformat(row.started_at)
            view = EvaluationView(evaluation, row.meeting_id, row.meeting_title, when)
            stories[row.trial_action].append(view)
    for row in connection.execute(adapted, chosen):
        if row[0] is not None and str(row[0]) in wanted:
            into[str(row[0])].append(str(row[1]))
    return _views(rows, stories, into)


def _views(
    rows: list[Any], stories: dict[str, list[EvaluationView]], into: dict[str, list[str]]
) -> list[ActionView]:
    return [
        ActionView(
            TRIAL_ACTIONS.item(
                row,
                meeting_id=row.meeting_id,
                meeting_started_at=datetime.fromisoformat(row.planned_at),
            ),
            planned_title=row.planned_title,
            status=ActionStatus.OPEN if row.closed_by is None else ActionStatus.CLOSED,
            adapted_into=tuple(into[row.id]),
            evaluations=tuple(stories[row.id]),
        )
        for row in rows
    ]
