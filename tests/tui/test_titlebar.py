"""The top line: the titles centred as Header centred them, and kept up to date."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from refleksionsrum.tui.start import StartScreen
from refleksionsrum.tui.titlebar import TitleBar
from support.pilot import AppFactory, run_app, wait_for_screen, wait_until


class Harness(App[None]):
    TITLE = "refleksionsrum"

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("krop")


def _line(bar: TitleBar) -> str:
    return bar.render().plain  # type: ignore[union-attr]


async def test_the_titles_are_centred_between_the_icon_and_the_clocks_room() -> None:
    app = Harness()
    async with app.run_test(size=(60, 6)) as pilot:
        app.sub_title = "/srv/team"
        await pilot.pause()
        line = _line(app.query_one(TitleBar))
        assert len(line) == 60
        assert line.startswith(" ⭘      ")
        assert line.endswith(" " * 10)
        middle = line[8:50]
        assert middle.strip() == "refleksionsrum — /srv/team"
        left, right = len(middle) - len(middle.lstrip()), len(middle) - len(middle.rstrip())
        assert abs(left - right) <= 1


async def test_a_long_title_ends_in_an_ellipsis_within_the_line() -> None:
    app = Harness()
    async with app.run_test(size=(40, 6)) as pilot:
        app.sub_title = "/meget/lang/sti/til/teamets/arbejdsmappe/på/drevet"
        await pilot.pause()
        line = _line(app.query_one(TitleBar))
        assert len(line) == 40
        assert "…" in line[8:30]


async def test_a_title_changed_while_the_bar_is_taken_down_ends_nothing() -> None:
    app = Harness()
    async with app.run_test(size=(60, 6)) as pilot:
        app.title = "Møde"
        await pilot.pause()
        bar = app.query_one(TitleBar)
        assert "Møde" in _line(bar)
        await bar.remove()
        app.title = "Slut"
        await pilot.pause()
        assert app.is_running


async def test_the_start_screen_names_the_workspace_in_its_top_line(make_app: AppFactory) -> None:
    app = make_app()
    async with run_app(app, (100, 30)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        bar = start.query_one(TitleBar)
        # The folder's start: a test's folder is longer than the line, and ends in "…".
        named = f"refleksionsrum — {str(app.workspace.root)[:30]}"
        await wait_until(pilot, lambda: named in _line(bar), "the workspace named")
