"""The application: opens the workspace, shows the start screen, hosts meetings."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from textual.app import App
from textual.binding import Binding

from refleksionsrum.core import collector
from refleksionsrum.core.clock import Clock, SystemClock
from refleksionsrum.core.errors import StoreError
from refleksionsrum.core.i18n import set_language, t
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.internals import keep_parsed_styles
from refleksionsrum.tui.keys import translate_bindings
from refleksionsrum.tui.memory import Memory
from refleksionsrum.tui.messages import (
    MeetingsListed,
    StoreWanted,
    WorkspaceFailed,
    WorkspaceLoaded,
)
from refleksionsrum.tui.signals import (
    leave_later,
    leave_now,
    leave_on_signals,
    terminal_gone,
)
from refleksionsrum.tui.start import StartScreen
from refleksionsrum.tui.themes import HIGH_CONTRAST, STANDARD, THEMES, theme_for

if TYPE_CHECKING:
    from refleksionsrum.core.meeting.room import MeetingRoom
    from refleksionsrum.core.store.database import Store
    from refleksionsrum.core.store.lookahead import LookAhead
    from refleksionsrum.core.summary import MeetingSummary, Participant


R = TypeVar("R")
# Allocations between two collections of the youngest generation, once the store is open.
GC_YOUNG = 10_000


@runtime_checkable
class KeepsTyping(Protocol):
    """A screen holding text not yet stored (the entry line, a form's fields)."""

    def save_before_leaving(self) -> None: ...


class RefleksionsrumApp(App[int]):
    """The reflection room on the shared screen."""

    CSS_PATH = ["app.tcss", "memory.tcss"]
    TITLE = "refleksionsrum"
    ENABLE_COMMAND_PALETTE = False
    # Screens get -narrow below 120 columns and -tall from 40 rows: layouts adapt to
    # a laptop's terminal as well as to a projector's full screen.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", priority=True),
        Binding("f6", "toggle_contrast", "key.contrast"),
        # From every screen, a meeting too: search, and the palette with the other screens.
        Binding("ctrl+f", "search", "key.search", show=False, priority=True),
        Binding("ctrl+p", "palette", "key.palette", show=False, priority=True),
    ]

    def __init__(
        self,
        workspace: Workspace,
        *,
        clock: Clock | None = None,
        new: bool = False,
        template: str | None = None,
        title: str | None = None,
        join: str | None = None,
        ahead: LookAhead | None = None,
        kept_styles: Path | None = None,
    ) -> None:
        set_language(workspace.config.language)
        super().__init__()
        # The parsed stylesheets of earlier runs (tui/keptstyles.py); None in tests.
        self.kept_styles = keep_parsed_styles(self, kept_styles) if kept_styles else None
        translate_bindings(self)
        self.workspace = workspace
        self.clock: Clock = clock or SystemClock()
        self.store: Store | None = None
        self.room: MeetingRoom | None = None
        self.memory = Memory(self)
        self._start_new = new
        self._loading = False
        self._when_loaded: list[Callable[[], object]] = []
        self._new_template = template
        self._new_title = title
        self._last_participants: list[Participant] = []
        # The signal that ended the run (SIGHUP, SIGTERM, SIGINT), if one did.
        self.left_on: int | None = None
        # `join`: the note-taker's app ("" = the one running meeting, or a choice).
        self.joining = join
        # The quick look begun before Textual was imported, if it was; its lists are
        # in the start screen's first frame if it was done by then.
        self._ahead = ahead
        self._listed_early = False
        for theme in THEMES:
            self.register_theme(theme)
        # Not self.theme = ...: that reparses every stylesheet (and empties the CSS
        # cache) before the first frame. Set quietly, with the variables after it.
        self.set_reactive(App.theme, theme_for(workspace.config.theme))
        # Textual took the stylesheet's variables from its own default theme in __init__;
        # nothing is parsed yet, so this only sets them (a high-contrast config.toml
        # started in the default theme's colours until F6 was pressed twice).
        self.stylesheet.set_variables(self.get_css_variables())

    def get_default_screen(self) -> StartScreen:
        # The start screen is the first on the stack, not pushed in on_mount: Textual
        # mounts the app in a batch and throws away the frames drawn in it, so a pushed
        # screen's first frame was drawn for nothing and the next one showed only what
        # changed since (the form's fields came with the terminal's second resize).
        return StartScreen()

    def on_mount(self) -> None:
        leave_on_signals(self.leave_on_signal)
        # The start screen is drawn first. Then a quick look with sqlite3 fills in
        # the meetings; the store (SQLModel, about 300 ms) is loaded only when files
        # must be taken in or the facilitator starts working.
        self.call_after_refresh(self._look)

    def _look(self) -> None:
        # The first frame is out: the collector is back (held since launch.py), and
        # what was parsed for it is kept for the next start.
        collector.loaded()
        self.keep_styles()
        if self._start_new or self.joining is not None:
            self.load_store()
        else:
            self.run_worker(self._quick_look, thread=True, group="look")

    def keep_styles(self) -> None:
        """Write what was parsed since the last time, in a thread (it is fsynced)."""
        kept = self.kept_styles
        if kept is not None and kept.changed:
            self.run_worker(kept.save, thread=True, group="styles")

    def _quick_look(self) -> None:
        from refleksionsrum.core.store.quicklist import files_to_take_in, quick_look

        # Never call_from_thread here: it waits for the event loop, and after a signal
        # the loop is gone, so the thread (and Python's exit, which joins it) would
        # wait for ever. A message is posted and forgotten.
        look = self._ahead.result() if self._ahead is not None else quick_look(self.workspace)
        if look is None:
            self.post_message(StoreWanted())
            return
        if not self._listed_early:
            self.post_message(
                MeetingsListed(look.running, look.recent, participants=look.last_participants)
            )
        changed, problems = files_to_take_in(self.workspace)
        if changed or look.files_pending:
            self.post_message(StoreWanted())
        elif problems:
            self.post_message(
                MeetingsListed(look.running, look.recent, problems, look.last_participants)
            )

    def load_store(self, then: Callable[[], object] | None = None) -> None:
        """Open the store in a worker (once); ``then`` runs when it is open."""
        if then is not None:
            if self.store is not None:
                then()
                return
            self._when_loaded.append(then)
        if self.store is None and not self._loading:
            self._loading = True
            self.run_worker(self._load, thread=True, exclusive=True, group="load")

    def early_listing(self) -> MeetingsListed | None:
        """The start screen's lists, if the look begun before Textual is done already."""
        if self._ahead is None or not self._ahead.ready or self._start_new:
            return None
        if self.store is not None:
            return None  # the store is open: its lists are the fresh ones
        look = self._ahead.result()
        if look is None or self.joining is not None:
            return None
        self._listed_early = True
        return MeetingsListed(look.running, look.recent, participants=look.last_participants)

    def on_store_wanted(self, _message: StoreWanted) -> None:
        self.load_store()

    def on_meetings_listed(self, message: MeetingsListed) -> None:
        screen = self.screen
        if isinstance(screen, StartScreen) and self.store is None:
            screen.show_meetings(message.running, message.recent, message.problems)
            screen.offer_participants(message.participants)

    def leave_on_signal(self, number: int) -> None:
        """Save everything and exit (tui/signals.py calls this for SIGHUP, SIGTERM, SIGINT)."""
        if self.left_on is not None:
            return  # a second signal while leaving: the first is being handled
        self.left_on = number
        self.save_and_leave()
        if terminal_gone():
            # The window is closed: there is nothing to restore on it, and Textual's
            # writer thread would wait for ever on a terminal that takes no more output.
            leave_now(128 + number)
        # Exiting through Textual restores the terminal (raw mode, alternate screen);
        # should that stall, the process goes all the same, everything being saved.
        leave_later(128 + number)
        self.exit(128 + number)

    def _load(self) -> None:
        from refleksionsrum.tui.opening import open_workspace

        self.post_message(open_workspace(self.workspace))

    def on_workspace_loaded(self, message: WorkspaceLoaded) -> None:
        self.store = message.store
        # What is loaded by now (Textual, SQLAlchemy, the meetings) lives as long as the
        # app: out of the collector's sight, a full collection while a screen opens
        # takes about 30 ms instead of 190-300 ms (measured with bench_search.py).
        gc.freeze()
        # A frame allocates some 20,000 objects: at Python's default (700) that was
        # eight young collections in each phase change; the cycles they find are few.
        gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
        self._loading = False
        self.memory.store_opened()
        waiting, self._when_loaded = self._when_loaded, []
        for action in waiting:
            action()
        if waiting:
            return
        if self._start_new:
            self._start_new = False
            self.start_meeting(self._new_template, self._new_title, "")
            return
        if self.joining is not None and self.join_running(message.running):
            return
        screen = self.screen
        if isinstance(screen, StartScreen):
            screen.show_meetings(message.running, message.recent, message.problems)

    def on_workspace_failed(self, message: WorkspaceFailed) -> None:
        self.exit(2, message=message.text)

    # -- the store's guard -------------------------------------------------------------------

    def guarded(self, action: Callable[[], R]) -> R | None:
        """Every store call from a screen goes through here.

        If the database refuses (a full disk, a lock, a read-only file), the
        screen says why and goes on; None tells the caller nothing was stored, so
        what was typed stays where it is to be saved again.
        """
        try:
            return action()
        except StoreError as error:
            self.notify(t(error.key, **error.params), severity="error", timeout=15, markup=False)
            return None

    # -- meetings --------------------------------------------------------------------------

    def start_meeting(self, template: str | None, title: str | None, participants: str) -> bool:
        """Open a new meeting; False (and a message) when the store refuses it."""
        from refleksionsrum.core.meeting.room import MeetingRoom
        from refleksionsrum.core.meeting.starting import new_meeting, parse_participants

        store = self.store
        assert store is not None
        chosen = self.workspace.config.template(template)
        name = (title or "").strip() or t("start.default_title", template=chosen.title)

        def begin() -> MeetingRoom:
            meeting = new_meeting(store, chosen, name, parse_participants(participants), self.clock)
            room = MeetingRoom(self.workspace, store, meeting, self.clock)
            room.write_file()
            return room

        room = self.guarded(begin)
        if room is not None:
            self.open_room(room)
        return room is not None

    def resume_meeting(self, meeting_id: str) -> bool:
        """Open a running meeting again; False (and a message) when the store refuses it."""
        from refleksionsrum.core.meeting.room import MeetingRoom

        store = self.store
        assert store is not None
        if self.joining is not None:
            self.join_meeting(meeting_id)
            return True
        room = self.guarded(
            lambda: MeetingRoom.resume(self.workspace, store, meeting_id, self.clock)
        )
        if room is not None:
            self.open_room(room)
        return room is not None

    def join_running(self, running: list[MeetingSummary]) -> bool:
        """Join the meeting asked for, or the one running; False leaves the choice to the list."""
        wanted = self.joining
        ids = [summary.id for summary in running]
        if wanted:
            if wanted not in ids:
                self.exit(1, message=t("join.not_running", id=wanted, known=", ".join(ids) or "-"))
                return True
            self.join_meeting(wanted)
            return True
        if not ids:
            self.exit(1, message=t("join.none_running"))
            return True
        if len(ids) == 1:
            self.join_meeting(ids[0])
            return True
        return False

    def join_meeting(self, meeting_id: str) -> None:
        from refleksionsrum.core.meeting.room import MeetingRoom

        assert self.store is not None
        self.open_room(MeetingRoom.join(self.workspace, self.store, meeting_id, self.clock))

    def open_room(self, room: MeetingRoom) -> None:
        from refleksionsrum.tui.meeting import MeetingScreen

        self.room = room
        self.push_screen(MeetingScreen(room))

    def show_summary(self, room: MeetingRoom) -> None:
        from refleksionsrum.tui.summary import SummaryScreen

        if self.room is room:
            self._last_participants = list(room.meeting.participants)
        self.room = None
        summary = SummaryScreen(room)
        if isinstance(self.screen, StartScreen):
            # Opened from the list of recent meetings: the start screen is the stack's
            # first and stays under it (switching it away left Textual nothing to pop).
            self.push_screen(summary)
        else:
            self.switch_screen(summary)  # the meeting just ended gives way to its summary

    def back_to_start(self) -> None:
        """Leave whatever is shown and show the start screen with fresh lists.

        A joined view (and so a served one) has no start screen to go to: it ends.
        """
        if self.joining is not None:
            self.exit(0)
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()  # down to the start screen, the app's first (get_default_screen)
        if isinstance(self.screen, StartScreen):
            # A new meeting: the last one's title is not offered, its people are.
            self.screen.fresh_form(self._last_participants)
        store = self.store
        found = self.guarded(store.summaries) if store is not None else None
        screen = self.screen
        if found is not None and isinstance(screen, StartScreen):
            screen.show_meetings(*found, [])

    def save_and_leave(self) -> None:
        """Store everything of a running meeting, drafts too; the meeting itself goes on.

        Imports nothing: what is not loaded holds nothing to save, and on a closed
        terminal every import is time the process is still there.
        """
        for screen in self.screen_stack:
            if isinstance(screen, KeepsTyping):
                screen.save_before_leaving()
        room = self.room
        if room is not None and room.meeting.is_running:
            self.guarded(room.leave)

    def action_search(self) -> None:
        self.memory.show_search()

    def action_palette(self) -> None:
        self.memory.show_palette()

    def action_toggle_contrast(self) -> None:
        """Switch between the standard and the high-contrast theme (for this run)."""
        self.theme = STANDARD if self.theme == HIGH_CONTRAST else HIGH_CONTRAST

    async def action_quit(self) -> None:
        self.save_and_leave()
        self.exit(0)
