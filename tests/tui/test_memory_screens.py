"""Search, history, the trial-action board and the learning log, driven as a user would."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Static, Tabs

from memory_corpus import write_archive
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.board import BoardScreen, StoryScreen
from refleksionsrum.tui.history import HistoryScreen, RecordScreen
from refleksionsrum.tui.learning import LearningScreen
from refleksionsrum.tui.search import SearchScreen
from support.pilot import (
    AppFactory,
    RRPilot,
    rr,
    run_app,
    type_text,
    wait_for_screen,
    wait_for_store,
    wait_until,
)

S = TypeVar("S", bound=Screen[Any])


@pytest.fixture
def archive(workspace: Path) -> Path:
    write_archive(Workspace.open(workspace))
    return workspace


def rows(table: DataTable[object]) -> list[str]:
    return [str(key.value) for key in table.rows]


async def opened(pilot: RRPilot, key: str, kind: type[S]) -> S:
    """The screen that ``key`` opens on the start screen, once the store is open."""
    await wait_for_store(pilot)
    await pilot.press(key)
    return await wait_for_screen(pilot, kind)


async def test_search_finds_compounds_and_opens_the_meeting_at_the_hit(
    archive: Path, make_app: AppFactory
) -> None:
    async with run_app(make_app(), (80, 24)) as pilot:
        screen = await opened(pilot, "ctrl+f", SearchScreen)
        await type_text(pilot, "behandling")
        await wait_until(pilot, lambda: len(screen.hits) == 2, "two hits")
        status = str(screen.query_one("#search-status", Static).render())
        assert "2 fund" in status
        await pilot.press("enter", "enter")
        record = await wait_for_screen(pilot, RecordScreen)
        items = record.query_one("#record-items", OptionList)
        assert items.highlighted_option is not None
        assert items.highlighted_option.id == screen.hits[0].where == "notes[3]"
        await pilot.press("escape")
        await wait_for_screen(pilot, SearchScreen)


async def test_search_takes_typing_before_the_store_is_open(
    archive: Path, make_app: AppFactory
) -> None:
    async with run_app(make_app(), (80, 24)) as pilot:
        await pilot.press("ctrl+f", *"transport -aflyst")
        screen = await wait_for_screen(pilot, SearchScreen)
        assert screen.query_one("#query", Input).value == "transport -aflyst"
        await wait_until(pilot, lambda: len(screen.hits) == 3, "three hits")
        assert all("aflyst" not in hit.text for hit in screen.hits)


async def test_a_bad_date_in_the_query_is_said_plainly(archive: Path, make_app: AppFactory) -> None:
    async with run_app(make_app(), (80, 24)) as pilot:
        screen = await opened(pilot, "ctrl+f", SearchScreen)
        await type_text(pilot, "fra:32-01-2026")
        status = screen.query_one("#search-status", Static)
        await wait_until(pilot, lambda: status.has_class("warning"), "a warning")
        assert "'32-01-2026' er ikke en dato" in str(status.render())


async def test_history_lists_newest_first_and_filters(archive: Path, make_app: AppFactory) -> None:
    async with run_app(make_app(), (160, 45)) as pilot:
        screen = await opened(pilot, "f7", HistoryScreen)
        table = screen.query_one("#meetings", DataTable)
        assert rows(table) == [
            "2026-09-02-1300-skole",
            "2026-06-10-1300-familie",
            "2026-03-05-1300-familie",
        ]
        # The template as config.toml names it, not its key ("borgerniveau").
        assert str(table.get_cell("2026-09-02-1300-skole", "template")) == "Borgerniveau"
        screen.query_one("#h-from", Input).value = "2026-06"
        await wait_until(pilot, lambda: len(rows(table)) == 2, "two meetings from June")
        screen.query_one("#h-text", Input).value = "juni"
        await wait_until(pilot, lambda: rows(table) == ["2026-06-10-1300-familie"], "june")
        table.focus()
        await pilot.press("enter")
        record = await wait_for_screen(pilot, RecordScreen)
        assert record.meeting_id == "2026-06-10-1300-familie"
        await pilot.press("ctrl+s")
        saved = archive / "referater" / "2026-06-10-1300-familie.md"
        await wait_until(pilot, saved.exists, "the referat is saved")
        assert "Indsatsniveau" in saved.read_text(encoding="utf-8")
        assert "indsatsniveau" not in saved.read_text(encoding="utf-8")


async def test_board_tabs_and_the_story_with_its_chain(archive: Path, make_app: AppFactory) -> None:
    async with run_app(make_app(), (160, 45)) as pilot:
        screen = await opened(pilot, "f8", BoardScreen)
        table = screen.query_one("#actions", DataTable)
        await wait_until(pilot, lambda: rows(table) == ["ta-sms", "ta-trivsel"], "open ones")
        # The clock says 23 November 2026: both are overdue, the sms by 152 days.
        assert str(table.get_cell("ta-sms", "overdue")) == "152"
        screen.query_one(Tabs).active = "closed"
        await wait_until(pilot, lambda: set(rows(table)) == {"ta-ring", "ta-bus"}, "closed")
        screen.query_one(Tabs).active = "open"
        await wait_until(pilot, lambda: rows(table) == ["ta-sms", "ta-trivsel"], "open again")
        table.focus()
        await pilot.press("enter")
        story = await wait_for_screen(pilot, StoryScreen)
        text = str(story.query_one("#story-text", Static).render())
        assert "Evalueret i Skolemøde" in text
        assert "Justeringskæden" in text
        assert text.index("Ring dagen før til familier der udeblev") < text.index("▶ Send sms")
        assert "Justeret fra: ta-ring" in text


async def test_learning_log_and_its_export(archive: Path, make_app: AppFactory) -> None:
    async with run_app(make_app(), (80, 24)) as pilot:
        screen = await opened(pilot, "f9", LearningScreen)
        lessons = screen.query_one("#lessons", Static)
        await wait_until(pilot, lambda: "Sms'en er nok." in str(lessons.render()), "lessons")
        text = str(lessons.render())
        assert text.index("Sms'en er nok.") < text.index("Droppet; det lærte vi")
        await pilot.press("ctrl+s")
        saved = archive / "referater" / "læringslog.md"
        await wait_until(pilot, saved.exists, "the log is saved")
        assert "## Fastholdelse i gruppeforløb" in saved.read_text(encoding="utf-8")


async def test_the_palette_opens_the_screens(archive: Path, make_app: AppFactory) -> None:
    async with run_app(make_app(), (80, 24)) as pilot:
        await wait_for_store(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(rr(pilot).screen, CommandPalette), "palette")
        await type_text(pilot, "Lærings")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_screen(pilot, LearningScreen)


async def test_the_lists_fill_a_page_at_a_time_in_order(
    archive: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page of one row: every row still comes, once each, in order, as on a long history."""
    from refleksionsrum.tui import board, history, learning

    monkeypatch.setattr(board, "PAGE", 1)
    monkeypatch.setattr(history, "PAGE", 1)
    monkeypatch.setattr(learning, "PAGE", 1)
    monkeypatch.setattr(learning, "FIRST_PAGE", 1)
    async with run_app(make_app(), (80, 24)) as pilot:
        screen = await opened(pilot, "f7", HistoryScreen)
        table = screen.query_one("#meetings", DataTable)
        await wait_until(pilot, lambda: table.row_count == 3, "all three meetings")
        assert rows(table)[0] == "2026-09-02-1300-skole"
        await pilot.press("escape")
        await pilot.press("f8")
        board_screen = await wait_for_screen(pilot, BoardScreen)
        table = board_screen.query_one("#actions", DataTable)
        board_screen.query_one(Tabs).active = "all"
        await wait_until(pilot, lambda: table.row_count == 4, "all four trial actions")
        assert rows(table) == ["ta-ring", "ta-bus", "ta-sms", "ta-trivsel"]  # soonest due first
        await pilot.press("escape")
        await pilot.press("f9")
        log = await wait_for_screen(pilot, LearningScreen)
        await wait_until(pilot, lambda: len(log.lessons) == 3, "the point's three lessons")
        text = "".join(str(page.render()) for page in log.query("#lesson-pages Static"))
        assert text.index("Sms'en er nok.") < text.index("En sms virker lige så godt")
