"""A meeting room on a workspace's store, as the app opens one: the tests' one way to start."""

from __future__ import annotations

from collections.abc import Sequence

from refleksionsrum.core.clock import Clock, FakeClock
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.summary import Participant
from refleksionsrum.core.workspace import Workspace


def new_room(
    workspace: Workspace,
    store: Store,
    title: str = "Møde",
    clock: Clock | None = None,
    template: str | None = None,
    people: Sequence[Participant] = (),
) -> MeetingRoom:
    """A new meeting of ``template`` (the workspace's first when None), in its follow-up."""
    clock = clock if clock is not None else FakeClock()
    meeting = new_meeting(store, workspace.config.template(template), title, list(people), clock)
    return MeetingRoom(workspace, store, meeting, clock)
