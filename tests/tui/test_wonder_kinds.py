"""Wonder before action: the footer says how to choose the kind (undring, forklaring, idé)."""

from __future__ import annotations

from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.internals import FooterKey, footer_ready
from refleksionsrum.tui.meeting import MeetingScreen
from support.pilot import (
    AppFactory,
    focused_id,
    next_phase,
    run_app,
    wait_for_entry,
    wait_for_screen,
    wait_until,
)


def offered(screen: MeetingScreen) -> dict[str, str]:
    footer = screen.query_one(RoomFooter)
    return {key.key: str(key.description) for key in footer.query(FooterKey)}


async def test_the_footer_offers_shift_tab_to_the_kinds_in_the_wonder_phase_only(
    make_app: AppFactory,
) -> None:
    app = make_app(new=True, title="Undring")
    async with run_app(app, (160, 45)) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        await wait_for_entry(pilot)
        await next_phase(pilot)  # the data review: no kinds to choose
        await wait_until(pilot, lambda: footer_ready(screen.query_one(RoomFooter)), "keys")
        assert "shift+tab" not in offered(screen)
        while screen.room.records != "wonder":
            await next_phase(pilot)
        await wait_until(pilot, lambda: "shift+tab" in offered(screen), "the kinds' key")
        assert offered(screen)["shift+tab"] == "Vælg slags"
        await pilot.press("shift+tab")
        assert focused_id(app) == "entry-kind"
