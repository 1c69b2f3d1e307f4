"""Every use of Textual's private parts, in one place, each checked by tests/tui/test_internals.py.

Textual is pinned (pyproject.toml); when an upgrade renames or reshapes one of these,
that test fails and names it, instead of a key press or a label silently doing nothing.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.widgets import Input, RadioButton

# What the code below relies on, for the test to check by name.
RELIED_ON = (
    "Input._on_key: the coroutine that handles a key inside an Input",
    "DOMNode._bindings.key_to_bindings: a node's own dict of key to bindings",
    "RadioButton._button: the property that draws the button, from BUTTON_INNER",
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
