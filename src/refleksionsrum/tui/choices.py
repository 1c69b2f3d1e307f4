"""A choice list for the forms: chosen with the arrow keys and Enter, never by typing."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import RadioSet

from refleksionsrum.tui.internals import ShapedRadioButton, deliver_key
from refleksionsrum.tui.ordered import OrderedInput


class Choice(ShapedRadioButton):
    """A radio button whose state shows by shape (●/blank), not by colour alone."""

    def inner(self) -> str:
        return "●" if self.value else " "


class ChoiceList(RadioSet):
    """A radio list chosen with the arrow keys and Enter (or a click), never by typing.

    Textual's RadioSet chooses on Space: answers typed into it by someone who took
    it for a text field chose a verdict they never meant. Typed keys are collected
    and announced (``Typed``) so the screen can show them.
    """

    # Its keys are handled in on_key, in order with the keys behind them: as bindings
    # they ran after the key had bubbled up, when a Tab queued behind had already
    # moved the focus, so a Down and Enter meant for one list chose in the next.
    inherit_bindings = False
    BINDINGS: ClassVar[list[BindingType]] = []
    MOVES = {"down": 1, "right": 1, "up": -1, "left": -1}

    class Typed(Message):
        """Keys were typed into the list; ``text`` is all typed since it got the focus."""

        def __init__(self, choices: ChoiceList, text: str, character: str) -> None:
            super().__init__()
            self.choices, self.text, self.character = choices, text, character

    typed_text = ""

    def typed(self, character: str) -> None:
        self.typed_text += character
        self.post_message(self.Typed(self, self.typed_text, character))

    async def on_key(self, event: events.Key) -> None:
        # Like OrderedInput: Tab is acted on here, in order with the keys behind it,
        # and a key queued here after the focus moved on goes where the focus is now.
        focused = self.screen.focused
        steering = event.key in ("tab", "shift+tab", "enter", *self.MOVES)
        if focused is not self and (steering or event.is_printable):
            if isinstance(focused, OrderedInput):
                event.stop()
                event.prevent_default()
                await deliver_key(focused, event)
                return
            if isinstance(focused, ChoiceList):
                await focused.on_key(event)
                return
        if steering:
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.screen.focus_next()
            elif event.key == "shift+tab":
                self.screen.focus_previous()
            elif event.key == "enter":
                self.action_toggle_button()
            elif self.MOVES[event.key] > 0:
                self.action_next_button()
            else:
                self.action_previous_button()
        elif event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.typed(event.character)

    def on_blur(self) -> None:
        self.typed_text = ""
