"""Every use of Textual's private parts, in one place, each checked by tests/tui/test_internals.py.

Textual is pinned (pyproject.toml); when an upgrade renames or reshapes one of these,
that test fails and names it, instead of a key press or a label silently doing nothing.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, RadioButton
from textual.widgets._footer import FooterKey
from textual.widgets._select import SelectOverlay

from refleksionsrum.tui.keptstyles import KeptParses

__all__ = ["FooterKey", "SelectOverlay"]

# What the code below relies on, for the test to check by name.
RELIED_ON = (
    "Input._on_key: the coroutine that handles a key inside an Input",
    "DOMNode._bindings.key_to_bindings: a node's own dict of key to bindings",
    "RadioButton._button: the property that draws the button, from BUTTON_INNER",
    "textual.widgets._footer.FooterKey: one key hint of the Footer, with key_display, "
    "description and a compact reactive",
    "Footer._bindings_ready: False until the screen's bindings are known",
    "Input._watch_value: sets virtual_size (a reactive that lays out the screen) per change",
    "textual.widgets._select.SelectOverlay: a Select's drop-down list, whose Escape "
    "binding (action dismiss) the footer shows as 'Dismiss menu'",
    "Screen.screen_layout_refresh_signal: published once a layout's frame is handed to "
    "the driver (call_after_refresh can run before the widgets' refreshes reach the screen)",
    "Screen._screen_resized: what a Resize does to a screen and, relayed by the top "
    "screen, to each screen behind it: a full layout; Screen._compositor.size is the size "
    "of the last one",
    "App._register: registering a screen with the app starts it (compose, mount), as "
    "push_screen does first, without putting it on the screen stack",
    "Stylesheet._parse_cache: the app stylesheet's cache of parsed sources, read with [key] "
    "(KeyError when not there), written with [key] = rules, emptied by clear() once "
    "Stylesheet._variables has changed",
    "App._notifications: the toasts being shown, Notification objects with a message; "
    "App._unnotify(notification) takes one away before its time",
)


class KeyFirstInput(Input):
    """An Input that sees each key before Input's own key handling does.

    Bindings run only after a key has bubbled up to the screen; Input's
    ``_on_key`` is where a key is handled in order with the keys behind it.
    """

    async def handle_key_first(self, event: events.Key) -> bool:
        """Handle ``event`` before the Input does; True when it is dealt with."""
        return False

    async def _on_key(self, event: events.Key) -> None:
        if await self.handle_key_first(event):
            return
        await super()._on_key(event)


async def deliver_key(target: Input, event: events.Key) -> None:
    """Hand a key to ``target`` as if it had been typed there (its own key handling)."""
    await target._on_key(event)


class SizeKeepingScreen(Screen[Any]):
    """A screen not laid out again by a Resize to the size it was last laid out at.

    A screen's first layout sends it a Resize, and the top screen relays every Resize to
    the screens behind it: each form opened laid itself out twice and the meeting behind
    it once more, 6-14 ms of the first opening (tests/benchmarks/bench_keys.py).

    After the screen class it refines among the bases (``Form(ModalScreen, SizeKeepingScreen)``):
    Textual's CSS type names follow the first base only, and ModalScreen's styles (centred,
    the meeting dimmed behind) were lost with this one first.
    """

    def _screen_resized(self, size: Size) -> None:
        if size == self._compositor.size:
            return
        super()._screen_resized(size)


def start_unseen(app: App[Any], screen: Screen[Any]) -> None:
    """Compose and mount ``screen`` now, off the stack, so that pushing it later only shows it.

    push_screen registers a screen that is not running before it shows it; done here
    beforehand, its widgets are made and styled while nobody waits for them.
    """
    if not screen.is_running:
        app._register(app, screen)
        # Not laid out beforehand as well: measured, the first opening then took longer
        # (62 against 47 ms; the footer and the toasts lay it out again when it is shown).


def bindings_of(node: DOMNode) -> dict[str, list[Binding]]:
    """A node's own map of key to bindings (a copy per node, so it can be edited)."""
    return node._bindings.key_to_bindings


class ShapedRadioButton(RadioButton):
    """A radio button that draws its inner mark from ``inner()`` instead of a fixed glyph."""

    def inner(self) -> str:
        return self.BUTTON_INNER

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = self.inner()
        return super()._button


def footer_ready(footer: Footer) -> bool:
    """Whether the footer knows the screen's bindings (before that it draws no keys)."""
    return bool(footer._bindings_ready)


class QuietInput(Input):
    """An Input whose typing does not lay out the whole screen.

    Input sets ``virtual_size`` on every change of its value, a reactive with
    layout=True: each key laid out every widget on the screen, the more costly
    the more items are listed. An Input of a fixed width needs no layout for
    that (its own scrolling reads virtual_size directly), only a repaint.
    """

    def _watch_value(self, value: str) -> None:
        if not self.styles.auto_dimensions:
            # Set beforehand without its layout: the same assignment in Input._watch_value
            # then changes nothing. The rest of it (Input.Changed, which the drafts
            # listen to; the cursor; the selection) runs as Textual wrote it.
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)


# If no layout comes (nothing changed size or place), the work waits no longer than this.
FRAME_WAIT_S = 0.25
# Per screen, what waits for its next frame; the screen subscribes once (a signal's
# unsubscribe would drop every callback of the node, the screen's own too).
_WAITING: weakref.WeakKeyDictionary[Screen[Any], list[Callable[[], object]]] = (
    weakref.WeakKeyDictionary()
)


def after_frame(screen: Screen[Any], callback: Callable[[], object]) -> None:
    """Run ``callback`` once the screen's next frame with a new layout is drawn.

    ``call_after_refresh`` is no such promise: it runs when the screen is idle, which
    can come before the widgets' refresh requests have reached it, so store work
    queued that way ran before the frame it was to wait for (a phase change drew
    12-15 ms later). The layout signal is published once the frame is handed to
    the driver's writer thread; the callback runs at the loop's next turn.
    """
    waiting = _WAITING.get(screen)
    if waiting is None:
        waiting = _WAITING[screen] = []

        def drawn(_screen: object) -> None:
            if _WAITING.get(screen):
                screen.call_next(_run_waiting, screen)

        screen.screen_layout_refresh_signal.subscribe(screen, drawn, immediate=True)
    waiting.append(callback)
    # Nothing may change the layout (a repaint only): then it runs a moment later.
    screen.set_timer(FRAME_WAIT_S, lambda: _run_waiting(screen))


def _run_waiting(screen: Screen[Any]) -> None:
    waiting = _WAITING.get(screen)
    if not waiting:
        return
    callbacks = waiting[:]
    waiting.clear()
    for callback in callbacks:
        callback()


def keep_parsed_styles(app: App[Any], path: Path) -> KeptParses:
    """The app's stylesheet reads back what earlier runs parsed (tui/keptstyles.py)."""
    stylesheet = app.stylesheet
    kept = KeptParses(path, lambda: stylesheet._variables)
    stylesheet._parse_cache = kept  # type: ignore[assignment]
    return kept


def withdraw_toasts(app: App[Any], message: str) -> None:
    """Take away the toasts that say ``message`` before their time is up."""
    for notification in list(app._notifications):
        if notification.message == message:
            app._unnotify(notification)
