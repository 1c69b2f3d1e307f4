"""A screen's app as RefleksionsrumApp: one descriptor instead of a cast in every screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from refleksionsrum.tui.app import RefleksionsrumApp


class OurApp:
    """``rr = OurApp()`` in a screen: ``self.rr`` is ``self.app``, typed as ours.

    Textual types ``app`` as App[object]; unlike textual.getters.app this checks
    nothing at run time (tests mount the screens in the real app, and a cast costs nothing).
    """

    def __get__(self, node: DOMNode, owner: type[DOMNode] | None = None) -> RefleksionsrumApp:
        return cast("RefleksionsrumApp", node.app)
