"""The theme config.toml names is the one the first screen is drawn in, before any F6."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from refleksionsrum.tui.start import StartScreen
from refleksionsrum.tui.themes import HIGH_CONTRAST, STANDARD, THEMES
from support.pilot import AppFactory, run_app, wait_for_screen

COLOURS = {theme.name: theme for theme in THEMES}


@pytest.mark.parametrize(
    ("configured", "theme"), [("standard", STANDARD), ("high-contrast", HIGH_CONTRAST)]
)
async def test_the_start_screen_opens_in_the_configured_theme(
    make_app: AppFactory, workspace: Path, configured: str, theme: str
) -> None:
    config = workspace / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('theme = "standard"', f'theme = "{configured}"', 1), "utf-8")
    app = make_app()
    async with run_app(app, (100, 30)) as pilot:
        screen = await wait_for_screen(pilot, StartScreen)
        colours = COLOURS[theme]
        assert app.theme == theme
        # Drawn in its colours, not in Textual's default theme's (the variables of the CSS).
        assert screen.styles.background == Color.parse(colours.background or "")
        assert screen.query_one("#begin").styles.background == Color.parse(colours.primary)
