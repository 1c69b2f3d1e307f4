"""What the room reads on the shared screen: the newest item in view, a footer that is true."""

from __future__ import annotations

import pytest

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.tui.footer import fitting, hint_width
from refleksionsrum.tui.internals import FooterKey
from refleksionsrum.tui.items import shown_rows
from refleksionsrum.tui.meeting import MeetingScreen
from support.pilot import (
    AppFactory,
    items_of,
    next_phase,
    paste_text,
    run_app,
    wait_for_screen,
    wait_until,
)


def footer_hints(screen: object) -> list[str]:
    from textual.screen import Screen

    assert isinstance(screen, Screen)
    return [f"{k.key_display} {k.description}" for k in screen.query(FooterKey)]


def test_hints_that_do_not_fit_whole_are_left_out() -> None:
    assert fitting([10, 10, 10], 25) == [True, True, False]
    # A short one further on still gets the room a long one left.
    assert fitting([10, 20, 5], 20) == [True, False, True]
    assert hint_width("^t", "Fortsæt") == 12


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_newest_item_is_in_view_after_many_notes(
    size: tuple[int, int], make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(new=True, title="Mange noter")
    async with run_app(app, size) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        await next_phase(pilot)
        items = items_of(screen)
        for n in range(30):
            await paste_text(pilot, f"Observation nummer {n + 1}")
            await pilot.press("enter")
            await wait_until(pilot, lambda n=n: len(shown_rows(items)) == n + 1, "recorded")
        newest = shown_rows(items)[-1]

        def in_view() -> bool:
            shown = items.content_region
            return shown.contains_region(newest.region) and newest.region.height > 0

        await wait_until(pilot, in_view, "the newest note is in view")


async def test_the_cursor_stops_at_the_newest_item_not_at_the_spare_row(
    make_app: AppFactory, clock: FakeClock
) -> None:
    """Each list keeps a hidden spare row at its end for the next item: never highlighted."""
    app = make_app(new=True, title="Markøren")
    async with run_app(app, (100, 30)) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        await next_phase(pilot)
        items = items_of(screen)
        for text in ("Første observation", "Anden observation"):
            await paste_text(pilot, text)
            await pilot.press("enter")
            await wait_until(pilot, lambda: not screen.saving, "stored")
        await wait_until(
            pilot,
            lambda: any(child.spare for child in items.children if hasattr(child, "spare")),
            "a spare row waits at the end",
        )
        items.focus()
        for _ in range(5):
            await pilot.press("down")
        await pilot.pause()
        highlighted = items.highlighted_child
        assert highlighted is shown_rows(items)[-1]
        assert "Anden observation" in str(shown_rows(items)[-1].row.content)
        assert len(shown_rows(items)) == 2


@pytest.mark.parametrize("width", [80, 120])
async def test_footer_hints_fit_whole_and_pause_says_resume(
    width: int, make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(new=True, title="Fod")
    async with run_app(app, (width, 24)) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        for _ in range(4):
            await next_phase(pilot)
        await wait_until(pilot, lambda: screen.query(FooterKey), "the footer is drawn")
        keys = list(screen.query(FooterKey))
        assert all(k.region.right <= width for k in keys)
        assert all(k.region.width == hint_width(k.key_display, k.description) for k in keys)
        assert "^t Pause" in footer_hints(screen)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: "^t Fortsæt" in footer_hints(screen), "Fortsæt shown")
        assert "^t Pause" not in footer_hints(screen)
        for button in screen.query("Button"):
            assert button.region.right <= width
            assert button.content_region.width >= len(str(button.label))
