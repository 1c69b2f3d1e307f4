"""An Input that acts on Enter and Tab in order with the keys typed after them."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from refleksionsrum.tui.internals import KeyFirstInput, QuietInput, deliver_key


class OrderedInput(KeyFirstInput, QuietInput):
    """Enter and Tab are acted on inside the input's own key handling.

    As bindings they would run only after the key had bubbled up to the screen,
    by which time keys typed behind them are already in this input: two notes
    typed in one burst would merge, and a source typed after Tab would land in
    the text. A key that reaches this input after the focus has moved on is
    passed to the input that has the focus now.
    """

    def on_enter(self) -> None:
        """What Enter does here; by default what Input does."""
        self.post_message(self.Submitted(self, self.value))

    async def handle_key_first(self, event: events.Key) -> bool:
        screen = self.screen
        focused = screen.focused
        steering = event.key in ("enter", "tab", "shift+tab")
        if focused is not self and (steering or event.is_printable):
            # Typed after an Enter or Tab that moved the focus on, but queued here:
            # it belongs to the input that has the focus now.
            if isinstance(focused, OrderedInput):
                await deliver_key(focused, event)
                return True
            if isinstance(focused, Input) and event.is_printable and event.character:
                event.stop()
                event.prevent_default()
                focused.insert_text_at_cursor(event.character)
                return True
            typed = getattr(focused, "typed", None)
            if callable(typed) and event.is_printable and event.character:
                # A choice list (tui/formbase.ChoiceList): shown there, choosing nothing.
                event.stop()
                event.prevent_default()
                typed(event.character)
                return True
        if steering:
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                self.on_enter()
            elif event.key == "tab":
                screen.focus_next()
            else:
                screen.focus_previous()
            return True
        return False
