"""A meeting screen kept in step with the store: watching, reloading, heartbeat, take-over."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.worker import get_current_worker

from refleksionsrum.core.i18n import t
from refleksionsrum.core.live.facilitation import HEARTBEAT_MS, facilitator_seen
from refleksionsrum.core.live.watch import Watcher, watch
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.models import Meeting
from refleksionsrum.core.store.database import StoreError
from refleksionsrum.tui.forms import Confirm
from refleksionsrum.tui.messages import MeetingChanged

if TYPE_CHECKING:
    from refleksionsrum.tui.meeting import MeetingScreen


class LiveRoom:
    """The meeting screen's link to the store: ``screen.live``.

    It keeps the room's read model in step (reloading it when the revision moves),
    beats the facilitator's heartbeat and takes over. What a reload brought is the
    screen's to show: it is told through ``after_reload`` and ``role_changed``.
    """

    def __init__(self, screen: MeetingScreen) -> None:
        self.screen = screen
        self._watcher: Watcher | None = None
        self._reload_queued = False
        self._reload_again = False
        # On a note-taker's screen: why no one facilitates (None while someone does).
        self.absent: str | None = None

    @property
    def room(self) -> MeetingRoom:
        return self.screen.room

    def start(self) -> None:
        self.screen.run_worker(self._watch, thread=True, exclusive=True, group="watch")
        self.screen.set_interval(HEARTBEAT_MS / 1000, self.beat)

    def stop(self) -> None:
        """The screen is taken down: its watcher stops waiting."""
        if self._watcher is not None:
            self._watcher.stop()

    # -- noticing and reloading -----------------------------------------------------------------

    def _watch(self) -> None:
        """In a thread: wait for the meeting's revision to move, then say so."""
        worker = get_current_worker()
        try:
            watcher = watch(self.room.store.url, self.room.meeting.id, self.room.revision)
        except Exception:
            return
        self._watcher = watcher
        try:
            while not worker.is_cancelled:
                change = watcher.wait(1.0)
                if change is not None:
                    self.screen.post_message(MeetingChanged(change.revision, change.reread))
        finally:
            watcher.close()

    def changed(self, message: MeetingChanged) -> None:
        """The watcher's message, as the screen got it."""
        if message.revision is None:
            return  # the meeting was deleted; nothing to show in step with
        if not message.reread and message.revision == self.room.revision:
            return  # our own write, already shown
        self.reload()

    def reload(self) -> None:
        """Read the meeting off the UI thread; changes seen meanwhile read it once more."""
        if self._reload_queued:
            self._reload_again = True
            return
        self._reload_queued = True
        self.screen.store_queue.put(self.room.fresh, self._reloaded, self._reload_failed)

    def _reloaded(self, result: tuple[Meeting, int | None]) -> None:
        self._reload_queued = False
        meeting, revision = result
        hold = self.screen.holds_phase()
        before = self.room.timer.current
        # Copies: the facilitator's own clock is the one in the room, changed in place.
        clock_before = (replace(self.room.meeting.clock), list(self.room.meeting.phases))
        moved = self.room.reload(meeting, revision, hold=hold)
        clock_moved = (self.room.meeting.clock, self.room.meeting.phases) != clock_before
        self.screen.after_reload(moved, self.room.timer.current != before, hold, clock_moved)
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _reload_failed(self, error: StoreError) -> None:
        self._reload_queued = False
        # The watcher tries again at the next change; the screen keeps what it shows.

    # -- who facilitates ------------------------------------------------------------------------

    def beat(self) -> None:
        room = self.room
        if room.is_facilitator:
            self.screen.store_queue.put(room.heartbeat, self._beaten, lambda _error: None)
        elif room.meeting.is_running:
            # The note-taker is told when the facilitator's app has gone quiet (closed,
            # crashed, a laptop asleep), and how to take over: the footer's Ctrl+O alone
            # was not seen, and at 80 columns it is not shown.
            self.screen.store_queue.put(
                lambda: room.store.facilitation.holder(room.meeting.id),
                self._seen,
                lambda _error: None,
            )

    def _seen(self, found: tuple[str | None, Any]) -> None:
        token, seen = found
        state = facilitator_seen(token, seen, self.room.clock.now())
        absent: str | None
        if self.room.is_facilitator or not state.gone:
            absent = None
        elif state.seconds_ago is None:
            absent = t("join.no_facilitator")
        else:
            absent = t("join.facilitator_silent", seconds=state.seconds_ago)
        if absent != self.absent:
            self.absent = absent
            self.screen.show_notice()

    def _beaten(self, still: bool) -> None:
        if not still:
            self.screen.notify(t("join.lost"), severity="warning", timeout=15)
            self.screen.role_changed()

    def take_over(self) -> None:
        """Ask first; the answer names how long the facilitator's app has been silent."""
        if self.room.is_facilitator:
            return
        room, screen = self.room, self.screen

        def asked(found: tuple[str | None, Any]) -> None:
            token, seen = found
            state = facilitator_seen(token, seen, room.clock.now())
            if state.seconds_ago is None:
                question = t("join.ask_take_over_never")
            elif state.gone:
                question = t("join.ask_take_over_gone", seconds=state.seconds_ago)
            else:
                question = t("join.ask_take_over_alive", seconds=state.seconds_ago)

            def answered(yes: bool | None) -> None:
                if yes:
                    screen.store_queue.put(room.take_over, self._taken_over, screen.store_failed)

            screen.app.push_screen(Confirm(question, "form.take_over"), answered)

        screen.store_queue.put(
            lambda: room.store.facilitation.holder(room.meeting.id), asked, screen.store_failed
        )

    def _taken_over(self, _result: object) -> None:
        self.absent = None
        self.screen.notify(t("join.took_over"), timeout=10)
        self.screen.role_changed()
