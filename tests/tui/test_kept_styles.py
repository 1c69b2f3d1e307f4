"""Stylesheets parsed in one run are read back in the next, and draw the same screen."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.css import stylesheet as textual_stylesheet

from refleksionsrum.tui.start import StartScreen
from support.pilot import AppFactory, run_app, steady_cursors, wait_for_screen, wait_until

SIZE = (100, 30)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Where each source Textual really parses (not found in a cache) was read from."""
    done: list[str] = []
    real = textual_stylesheet.parse

    def counting(scope: str, css: str, read_from: Any, *args: Any, **kwargs: Any) -> Any:
        done.append(str(read_from))
        return real(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counting)
    yield done


async def _start_screen(make_app: AppFactory, kept: Path | None) -> str:
    """The start screen as drawn (SVG), with the styles kept in ``kept``."""
    app = make_app(kept_styles=kept)
    async with run_app(app, SIZE) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await wait_until(pilot, lambda: not app.workers, "the styles written")
        await steady_cursors(pilot)  # the title's cursor must not blink between pictures
        picture = app.export_screenshot()
    if app.kept_styles is not None:
        app.kept_styles.save()
    return picture


def _use_theme(workspace: Path, theme: str) -> None:
    config = workspace / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('theme = "standard"', f'theme = "{theme}"', 1), "utf-8")


async def test_the_second_start_parses_nothing_and_looks_the_same(
    make_app: AppFactory, tmp_path: Path, parses: list[str]
) -> None:
    kept = tmp_path / "cache" / "styles.pickle"
    without = await _start_screen(make_app, None)
    parses.clear()
    first = await _start_screen(make_app, kept)
    assert parses, "the first start parses its sources"
    assert kept.exists() and kept.stat().st_mode & 0o777 == 0o600
    parses.clear()
    second = await _start_screen(make_app, kept)
    assert parses == []
    assert first == without and second == without


async def test_rules_parsed_for_one_theme_are_not_used_for_another(
    make_app: AppFactory, workspace: Path, tmp_path: Path, parses: list[str]
) -> None:
    kept = tmp_path / "styles.pickle"
    await _start_screen(make_app, kept)
    _use_theme(workspace, "high-contrast")
    without = await _start_screen(make_app, None)
    parses.clear()
    # The contrast theme's variables: its sources parsed with them, none read back.
    with_kept = await _start_screen(make_app, kept)
    assert parses
    assert with_kept == without
    parses.clear()
    await _start_screen(make_app, kept)  # both themes are kept now
    assert parses == []


@pytest.mark.parametrize("damage", ["garbage", "others_may_write"])
async def test_a_damaged_or_foreign_file_is_passed_over(
    make_app: AppFactory, tmp_path: Path, parses: list[str], damage: str
) -> None:
    kept = tmp_path / "styles.pickle"
    await _start_screen(make_app, kept)
    if damage == "garbage":
        kept.write_bytes(b"\x80\x05not a pickle at all")
    else:
        os.chmod(kept, 0o666)  # anyone could have put code in it: never unpickled
    without = await _start_screen(make_app, None)
    parses.clear()
    assert await _start_screen(make_app, kept) == without
    assert parses, "parsed as if there were no file"


async def test_a_damaged_source_is_parsed_again_and_the_rest_read_back(
    make_app: AppFactory, tmp_path: Path, parses: list[str]
) -> None:
    kept = tmp_path / "styles.pickle"
    without = await _start_screen(make_app, None)
    await _start_screen(make_app, kept)
    made_by, themes = pickle.loads(kept.read_bytes())
    (sources,) = themes.values()
    damaged = next(key for key in sources if "app.tcss" in str(key[1]))
    sources[damaged] = b"\x80\x05not a pickle"
    kept.write_bytes(pickle.dumps((made_by, themes)))
    parses.clear()
    assert await _start_screen(make_app, kept) == without
    assert len(parses) == 1 and "app.tcss" in parses[0]
