"""The application: opens the workspace, shows the start screen, hosts meetings."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from refleksionsrum.core.clock import Clock, SystemClock
from refleksionsrum.core.i18n import set_language, t
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.keys import translate_bindings
from refleksionsrum.tui.messages import MeetingsListed, WorkspaceFailed, WorkspaceLoaded
from refleksionsrum.tui.start import StartScreen
from refleksionsrum.tui.themes import HIGH_CONTRAST, STANDARD, THEMES, theme_for

if TYPE_CHECKING:
    from refleksionsrum.core.meeting.room import MeetingRoom
    from refleksionsrum.core.store.database import Store


class RefleksionsrumApp(App[int]):
    """The reflection room on the shared screen."""

    CSS_PATH = "app.tcss"
    TITLE = "refleksionsrum"
    ENABLE_COMMAND_PALETTE = False
    # Screens get -narrow below 120 columns and -tall from 40 rows: layouts adapt to
    # a laptop's terminal as well as to a projector's full screen.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", priority=True),
        Binding("f6", "toggle_contrast", "key.contrast"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        *,
        clock: Clock | None = None,
        new: bool = False,
        template: str | None = None,
        title: str | None = None,
    ) -> None:
        set_language(workspace.config.language)
        super().__init__()
        translate_bindings(self)
        self.workspace = workspace
        self.clock: Clock = clock or SystemClock()
        self.store: Store | None = None
        self.room: MeetingRoom | None = None
        self._start_new = new
        self._loading = False
        self._when_loaded: list[Callable[[], object]] = []
        self._new_template = template
        self._new_title = title
        for theme in THEMES:
            self.register_theme(theme)
        # Not self.theme = ...: that reparses every stylesheet (and empties the CSS
        # cache) before the first frame. Set quietly, the first parse uses it.
        self.set_reactive(App.theme, theme_for(workspace.config.theme))

    def on_mount(self) -> None:
        self.watch_signals()
        self.push_screen(StartScreen())
        # The start screen is drawn first. Then a quick look with sqlite3 fills in
        # the meetings; the store (SQLModel, about 300 ms) is loaded only when files
        # must be taken in or the facilitator starts working.
        self.call_after_refresh(self._look)

    def _look(self) -> None:
        if self._start_new:
            self.load_store()
        else:
            self.run_worker(self._quick_look, thread=True, group="look")

    def _quick_look(self) -> None:
        # Loaded here, off the UI thread, before the lists need it for their dates.
        import pendulum  # noqa: F401

        from refleksionsrum.core.store.quicklist import files_to_take_in, quick_look

        look = quick_look(self.workspace)
        if look is None:
            self.call_from_thread(self.load_store)
            return
        self.post_message(MeetingsListed(look.running, look.recent))
        changed, problems = files_to_take_in(self.workspace)
        if changed or look.files_pending:
            self.call_from_thread(self.load_store)
        elif problems:
            self.post_message(MeetingsListed(look.running, look.recent, problems))

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

    def on_meetings_listed(self, message: MeetingsListed) -> None:
        screen = self.screen
        if isinstance(screen, StartScreen) and self.store is None:
            screen.show_meetings(message.running, message.recent, message.problems)

    def watch_signals(self) -> None:
        """A closed window (SIGHUP), a stop (SIGTERM) or SIGINT saves everything and exits.

        The meeting itself goes on: it is offered for resuming on the next start.
        """
        loop = asyncio.get_running_loop()
        for number in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self.leave_on_signal, number)

    def leave_on_signal(self, number: int) -> None:
        self.save_and_leave()
        # Exiting through Textual restores the terminal (raw mode, alternate screen).
        self.exit(128 + number)

    def _load(self) -> None:
        from refleksionsrum.core.files.sync import ingest, open_store
        from refleksionsrum.core.store.database import StoreError

        try:
            store = open_store(self.workspace)
            report = ingest(self.workspace, store)
            running, recent = store.summaries()
        except StoreError as error:
            self.post_message(WorkspaceFailed(t(error.key, **error.params)))
            return
        self.post_message(WorkspaceLoaded(store, running, recent, report.problems))

    def on_workspace_loaded(self, message: WorkspaceLoaded) -> None:
        self.store = message.store
        self._loading = False
        waiting, self._when_loaded = self._when_loaded, []
        for action in waiting:
            action()
        if waiting:
            return
        if self._start_new:
            self._start_new = False
            self.start_meeting(self._new_template, self._new_title, "")
            return
        screen = self.screen
        if isinstance(screen, StartScreen):
            screen.show_meetings(message.running, message.recent, message.problems)

    def on_workspace_failed(self, message: WorkspaceFailed) -> None:
        self.exit(2, message=message.text)

    # -- meetings --------------------------------------------------------------------------

    def start_meeting(self, template: str | None, title: str | None, participants: str) -> None:
        from refleksionsrum.core.meeting.room import MeetingRoom
        from refleksionsrum.core.meeting.starting import new_meeting, parse_participants

        assert self.store is not None
        chosen = self.workspace.config.template(template)
        name = (title or "").strip() or t("start.default_title", template=chosen.title)
        meeting = new_meeting(
            self.store, chosen, name, parse_participants(participants), self.clock
        )
        room = MeetingRoom(self.workspace, self.store, meeting, self.clock)
        room.write_file()
        self.open_room(room)

    def resume_meeting(self, meeting_id: str) -> None:
        from refleksionsrum.core.meeting.room import MeetingRoom

        assert self.store is not None
        self.open_room(MeetingRoom.resume(self.workspace, self.store, meeting_id, self.clock))

    def open_room(self, room: MeetingRoom) -> None:
        from refleksionsrum.tui.meeting import MeetingScreen

        self.room = room
        self.push_screen(MeetingScreen(room))

    def show_summary(self, room: MeetingRoom) -> None:
        from refleksionsrum.tui.summary import SummaryScreen

        self.room = None
        self.switch_screen(SummaryScreen(room))

    def back_to_start(self) -> None:
        """Leave whatever is shown and show the start screen with fresh lists."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, StartScreen):
            self.switch_screen(StartScreen())
        if self.store is not None:
            running, recent = self.store.summaries()
            screen = self.screen
            if isinstance(screen, StartScreen):
                screen.show_meetings(running, recent, [])

    def save_and_leave(self) -> None:
        """Store everything of a running meeting, drafts too; the meeting itself goes on."""
        from refleksionsrum.tui.formbase import Form
        from refleksionsrum.tui.meeting import MeetingScreen

        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen):
                screen.flush_entry_draft()
            elif isinstance(screen, Form):
                screen.flush_draft()
        if self.room is not None and self.room.meeting.is_running:
            self.room.leave()

    def action_toggle_contrast(self) -> None:
        """Switch between the standard and the high-contrast theme (for this run)."""
        self.theme = STANDARD if self.theme == HIGH_CONTRAST else HIGH_CONTRAST

    async def action_quit(self) -> None:
        self.save_and_leave()
        self.exit(0)


def run(
    root: Path,
    *,
    new: bool = False,
    template: str | None = None,
    title: str | None = None,
    workspace: Workspace | None = None,
) -> int:
    """Start the app on the workspace at ``root`` (opened already: ``workspace``)."""
    opened = workspace if workspace is not None else Workspace.open(root)
    app = RefleksionsrumApp(opened, new=new, template=template, title=title)
    result = app.run()
    return result if isinstance(result, int) else 0
