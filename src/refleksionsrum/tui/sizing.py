"""A screen made ready before it is first styled: breakpoint classes (-narrow, ...), key labels."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from refleksionsrum.tui.keys import translate_bindings


def prepare(screen: Screen[Any]) -> None:
    """What a full screen needs before its first frame: its breakpoint classes, and its
    keys' labels in the workspace's language."""
    preset_breakpoints(screen)
    translate_bindings(screen)


def preset_breakpoints(screen: Screen[Any]) -> None:
    """Give ``screen`` the classes Textual would give it at its first resize.

    Set after the first resize, they restyle every widget on the screen once more
    (most of the start screen's style work); set now, that resize changes nothing.
    """
    app = screen.app
    width, height = app.size
    for size, breakpoints in (
        (width, screen.HORIZONTAL_BREAKPOINTS or app.HORIZONTAL_BREAKPOINTS),
        (height, screen.VERTICAL_BREAKPOINTS or app.VERTICAL_BREAKPOINTS),
    ):
        chosen = next(
            (name for edge, name in sorted(breakpoints or [], reverse=True) if size >= edge), None
        )
        for _, name in breakpoints or []:
            screen.set_class(name == chosen, name, update=False)
