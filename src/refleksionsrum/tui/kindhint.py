"""The wonder phase's entry line tells, in the footer, that Shift+Tab chooses the kind."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from refleksionsrum.tui.keys import translate_bindings

KINDS = "#entry-kind"


class KindHint(Input):
    """An entry line with the wonder phase's kinds (undring, forklaring, idé) above it.

    Shift+Tab goes to them, as it goes back from any field (the line acts on it in
    order with the keys behind it); the footer now says so, where only trying the keys
    found the row before.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("shift+tab", "choose_kind", "key.choose_kind")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose_kind":
            return bool(self.screen.query(KINDS))  # the wonder phase only
        return super().check_action(action, parameters)

    def action_choose_kind(self) -> None:
        for kinds in self.screen.query(KINDS):
            kinds.focus()
