"""An entry line's placeholder reads whole at 80 columns: its hint in parentheses goes first."""

from __future__ import annotations

from textual.widgets import Input

from refleksionsrum.core.i18n import t
from refleksionsrum.tui.fitting import fitted
from support.pilot import AppFactory, run_app, to_next_steps, wait_until


def test_a_placeholder_too_wide_loses_its_hint_not_its_words() -> None:
    assert fitted("Ny beslutning (Enter gemmer)", 28) == "Ny beslutning (Enter gemmer)"
    assert fitted("Ny beslutning (Enter gemmer)", 21) == "Ny beslutning"
    assert fitted("Kilde", 3) == "Kilde"  # nothing to leave out: as it is


async def test_the_decision_line_says_its_hint_where_there_is_room(make_app: AppFactory) -> None:
    app = make_app(new=True, title="Smal skærm")
    async with run_app(app, (80, 24)) as pilot:
        await to_next_steps(pilot)
        line = app.screen.query_one("#entry-text", Input)
        whole = t("entry.decision")
        await wait_until(pilot, lambda: line.placeholder == "Ny beslutning", "the short one")
        assert whole.startswith(line.placeholder) and whole != line.placeholder
        await pilot.resize_terminal(160, 45)
        await wait_until(pilot, lambda: line.placeholder == whole, "the whole placeholder again")
