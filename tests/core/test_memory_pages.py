"""The memory screens read a page at a time: each page is that slice of the whole, in order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from memory_corpus import POINT, fill
from refleksionsrum.core.history.board import BoardView, read_actions, read_board_page
from refleksionsrum.core.history.learning import learning_points, read_learning, read_lessons
from refleksionsrum.core.history.meetings import MeetingFilter, list_meetings, meetings_page
from refleksionsrum.core.store.database import Store

TODAY = date(2026, 11, 23)


@pytest.fixture
def archive(url: str) -> Iterator[Store]:
    """The corpus on both backends (``url``, core/conftest.py)."""
    store = Store(url)
    try:
        fill(store)
        yield store
    finally:
        store.close()


@pytest.mark.parametrize("view", list(BoardView))
def test_board_pages_add_up_to_the_tab(archive: Store, view: BoardView) -> None:
    whole = read_actions(archive, view, today=TODAY)
    pages = [read_board_page(archive, view, TODAY, offset=n, limit=1) for n in range(5)]
    assert {page.count for page in pages} == {len(whole)}
    shown = [action for page in pages for action in page.rows]
    assert [a.id for a in shown] == [a.id for a in whole]
    # The table's column: the latest verdict, without reading each one's story.
    assert [a.latest_verdict for a in shown] == [a.latest_verdict for a in whole]
    assert all(a.evaluations == () for a in shown)


def test_the_closed_tab_shows_each_latest_verdict(archive: Store) -> None:
    page = read_board_page(archive, BoardView.CLOSED, TODAY)
    verdicts = {a.id: a.latest_verdict.value if a.latest_verdict else None for a in page.rows}
    assert verdicts == {"ta-ring": "adapt", "ta-bus": "abandon"}
    assert read_board_page(archive, BoardView.OPEN, TODAY, owner="jonas").count == 1


def test_history_pages_add_up_to_the_list(archive: Store) -> None:
    whole = list_meetings(archive)
    pages = [meetings_page(archive, offset=n, limit=2) for n in (0, 2, 4)]
    assert [page.count for page in pages] == [3, 3, 3]
    assert [line.id for page in pages for line in page.rows] == [line.id for line in whole]
    june = meetings_page(archive, MeetingFilter(text="juni"))
    assert (june.count, [line.id for line in june.rows]) == (1, ["2026-06-10-1300-familie"])


def test_learning_points_and_pages_are_the_log(archive: Store) -> None:
    log = read_learning(archive)
    points = learning_points(archive)
    assert [(p.development_point, p.lessons) for p in points] == [
        (group.development_point, len(group.lessons)) for group in log
    ]
    assert points[0].development_point == POINT
    for group in log:
        paged = [
            lesson
            for n in range(len(group.lessons) + 1)
            for lesson in read_lessons(archive, group.development_point, offset=n, limit=1)
        ]
        assert paged == list(group.lessons)
    assert read_lessons(archive, "No such point") == []


def test_the_history_filter_folds_danish_letters(archive: Store) -> None:
    from memory_corpus import _meeting

    archive.save_meeting(
        _meeting("2026-11-20-1300-aars", date(2026, 11, 20), "Årsmøde for ØSTHOLDET")
    )
    for typed in ("årsmøde", "ÅRSMØDE", "østholdet"):
        found = meetings_page(archive, MeetingFilter(text=typed))
        assert [line.id for line in found.rows] == ["2026-11-20-1300-aars"], typed
