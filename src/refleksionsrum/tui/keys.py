"""Key bindings whose footer labels come from the language catalogue."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from refleksionsrum.core.i18n import t
from refleksionsrum.tui.internals import bindings_of


def translate_bindings(node: DOMNode) -> None:
    """Replace catalogue keys used as binding descriptions by their text.

    BINDINGS are class attributes, fixed before the language is known; the
    node's own copy of the map is translated when it is created instead.
    """
    bindings = bindings_of(node)
    for key, items in bindings.items():
        bindings[key] = [
            replace(b, description=t(b.description)) if b.description.startswith("key.") else b
            for b in items
        ]


def relabel(node: DOMNode, action: str, description: str) -> None:
    """Show ``description`` in the footer for the bindings of ``action`` (e.g. Pause, Fortsæt).

    The footer must tell the truth: the key that pauses resumes once paused.
    """
    bindings = bindings_of(node)
    changed = False
    for key, items in bindings.items():
        fresh = [
            replace(b, description=description)
            if b.action == action and b.description != description
            else b
            for b in items
        ]
        if fresh != items:
            bindings[key] = fresh
            changed = True
    if changed:
        node.refresh_bindings()


def relabel_room_keys(node: DOMNode, running: bool, leads: bool) -> None:
    """The meeting's footer as it is now: Pause or Fortsæt; a note-taker's Ctrl+N and
    Ctrl+R look at a phase (Se næste fase), they do not move the meeting."""
    relabel(node, "toggle_pause", t("key.pause" if running else "key.resume"))
    relabel(node, "next_phase", t("key.next_phase" if leads else "key.look_next"))
    relabel(node, "previous_phase", t("key.previous_phase" if leads else "key.look_previous"))
