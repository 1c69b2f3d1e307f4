"""The meeting screen's way to the data review: charts mounted, flipped and noted, loaded lazily.

The charts' module (and the readers behind it) is imported only in a data phase of a
workspace whose config.toml names data sources: the first screen never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical

from refleksionsrum.core.kinds import Recording

if TYPE_CHECKING:
    from refleksionsrum.tui.meeting import MeetingScreen


async def sync(screen: MeetingScreen) -> None:
    """Charts in a data phase when config.toml names data sources; none elsewhere."""
    room = screen.room
    sources = screen.rr.workspace.config.data
    wanted = tuple(s for s in sources if s.shown_in(room.meeting.template))
    wanted = wanted if room.records is Recording.DATA else ()
    panel = screen.query_one("#phase-panel", Vertical)
    # Among the panel's children: a query from the screen walks every row of every list.
    present = [child for child in panel.children if child.id == "data-review"]
    panel.set_class(bool(wanted), "-data")
    if not wanted and not present:
        return
    await panel.remove_children(present)
    if wanted:
        from refleksionsrum.tui.datareview import DataReview

        await panel.mount(DataReview(room, wanted), before="#items")


def flip(screen: MeetingScreen) -> None:
    """F7: the next data source's chart."""
    from refleksionsrum.tui.datareview import review_of

    review = review_of(screen)
    if review is not None:
        review.flip()


def record(screen: MeetingScreen) -> None:
    """F8: the chart's reading recorded as an observation, with its source."""
    from refleksionsrum.tui.datareview import record_from_chart, review_of

    review = review_of(screen)
    if review is None:
        return
    item = screen.guarded(lambda: record_from_chart(screen.room, review))
    if item is not None:
        screen.refresh_items(select=item)
