"""Key bindings: the meeting's, when each is offered, and footer labels from the catalogue."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from refleksionsrum.core.i18n import t
from refleksionsrum.core.kinds import Recording
from refleksionsrum.tui.internals import bindings_of

if TYPE_CHECKING:
    # The room brings the store (SQLModel, 0.25 s): not before the first screen.
    from refleksionsrum.core.meeting.room import MeetingRoom

# In the footer's order: what a facilitator needs most comes first, so that
# at 80 columns the keys to move on, to pause and to leave are always seen.
MEETING_BINDINGS: list[BindingType] = [
    Binding("ctrl+n", "next_phase", "key.next_phase", priority=True),
    Binding("ctrl+t", "toggle_pause", "key.pause", priority=True),
    Binding("ctrl+q", "app.quit", "key.quit", priority=True),
    Binding("ctrl+a", "new_trial_action", "key.new_action", priority=True),
    Binding("f5", "present", "key.present"),
    Binding("ctrl+r", "previous_phase", "key.previous_phase", priority=True),
    Binding("f2", "add_time(1)", "key.add1"),
    Binding("f3", "add_time(5)", "key.add5"),
    Binding("f7", "data_next", "key.data_next", priority=True),
    Binding("f8", "data_note", "key.data_note", priority=True),
    Binding("ctrl+o", "take_over", "key.take_over", priority=True),
    Binding("delete", "delete_item", "key.delete", show=False),
]


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


def room_key_offered(room: MeetingRoom, data_configured: bool, action: str) -> bool:
    """Whether the meeting screen offers ``action`` now: its phase and role decide."""
    offered = {
        "new_trial_action": room.records is Recording.NEXT,
        "data_next": room.records is Recording.DATA and data_configured,
        # The phase, the pause and the added minutes belong to the facilitator.
        "toggle_pause": room.is_facilitator,
        "add_time": room.is_facilitator,
        "take_over": not room.is_facilitator,
    }
    offered["data_note"] = offered["data_next"]
    return offered.get(action, True)
