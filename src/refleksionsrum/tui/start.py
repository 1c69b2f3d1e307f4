"""The start screen: start a new meeting, resume a running one, open a recent one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from refleksionsrum.core.i18n import clock_time, short_date, t
from refleksionsrum.core.summary import format_participants
from refleksionsrum.tui.appof import OurApp
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.sizing import prepare
from refleksionsrum.tui.stylekeeping import StyleKeepingScreen
from refleksionsrum.tui.templatechooser import TemplateChooser
from refleksionsrum.tui.text import literal
from refleksionsrum.tui.titlebar import TitleBar

if TYPE_CHECKING:
    from refleksionsrum.core.files.sessionfile import SessionFileError
    from refleksionsrum.core.summary import MeetingSummary, Participant
    from refleksionsrum.tui.messages import MeetingsListed


class StartScreen(StyleKeepingScreen):
    """What the facilitator sees first."""

    # Straight to the title: the default ("*") would focus the scrolling panel first
    # and then move on, restyling the whole form twice before the first frame.
    AUTO_FOCUS = "#title"

    BINDINGS = [
        Binding("ctrl+f", "app.search", "key.search", priority=True),
        Binding("f7", "history", "key.history"),
        Binding("f8", "board", "key.board"),
        Binding("f9", "learning", "key.learning"),
    ]

    def __init__(self) -> None:
        super().__init__()
        prepare(self)
        # What the screen was composed with: the early look's lists, if it was done.
        self._composed_with: MeetingsListed | None = None

    rr = OurApp()

    def compose(self) -> ComposeResult:
        config = self.rr.workspace.config
        # A template's title is the team's text: "[/]" in it is shown, not read as markup.
        templates = [
            (literal(f"{tpl.title} · {tpl.planned_minutes} min"), name)
            for name, tpl in config.templates.items()
        ]
        # The quick look begun before Textual was imported is usually done by now: its
        # lists, the button and the people are composed as they are to be drawn, not
        # drawn empty and then filled (a second layout and restyle before the first frame).
        early = self.rr.early_listing()
        self._composed_with = early
        yield TitleBar()
        with Horizontal(id="start"):
            with VerticalScroll(id="new-meeting", classes="panel"):
                yield Label(t("start.new"), classes="panel-title")
                yield Label(t("start.template"), classes="field-label")
                yield TemplateChooser(templates, config.default_template, id="template")
                yield Label(t("start.title"), classes="field-label")
                yield Input(placeholder=t("start.title_placeholder"), id="title")
                yield Label(t("start.participants"), classes="field-label")
                yield Input(
                    format_participants(early.participants) if early else "",
                    placeholder=t("start.participants_placeholder"),
                    id="participants",
                )
                yield Button(
                    t("start.begin"), variant="primary", id="begin", disabled=early is None
                )
                yield Static(t("start.privacy"), classes="hint")
            with Vertical(id="meetings", classes="panel"):
                yield Label(t("start.running"), classes="panel-title", id="running-title")
                yield OptionList(*self._running_options(early), id="running")
                yield Label(t("start.recent"), classes="panel-title")
                recent = self._recent_options(early)
                empty = "" if _lists_a_meeting(recent) else "-empty"
                yield OptionList(*recent, id="recent", classes=empty)
                yield Static("" if early else t("start.loading"), id="start-status", classes="hint")
        yield RoomFooter()

    def on_mount(self) -> None:
        self.sub_title = str(self.rr.workspace.root)
        if self.rr.joining is not None:
            # `join` with several meetings running: the note-taker picks one to follow;
            # starting a meeting is the facilitator's, not offered here.
            self.query_one("#new-meeting").display = False
            self.query_one("#running-title", Label).update(t("start.join_choose"))
            self.query_one("#running", OptionList).focus()
        else:
            self.query_one("#title", Input).focus()
        store = self.rr.store
        found = self.rr.guarded(store.summaries) if store is not None else None
        if found is not None:
            self.show_meetings(*found, [])
        elif self._composed_with is not None:
            # The title has the focus by now (AUTO_FOCUS, set as the screen is composed).
            self._choose_waiting(self._composed_with.running)

    def show_meetings(
        self,
        running: list[MeetingSummary],
        recent: list[MeetingSummary],
        problems: list[SessionFileError],
    ) -> None:
        """Fill in the lists (from the quick look, and again once the store is open)."""
        _refill(
            self.query_one("#running", OptionList), self._options(running, "start.none_running")
        )
        _refill(self.query_one("#recent", OptionList), self._options(recent, "start.none_recent"))
        status = self.query_one("#start-status", Static)
        if problems:
            from refleksionsrum.core.files.reading import unused_line

            status.update(literal(unused_line(problems)))
            status.add_class("warning")
        else:
            status.update("")
        self.query_one("#begin", Button).disabled = False
        self._choose_waiting(running)

    def _choose_waiting(self, running: list[MeetingSummary]) -> None:
        """After a crash or a closed terminal the meeting is waiting: Enter resumes it.

        Only if nothing is typed yet: the lists may fill in after the first paint.
        """
        title = self.query_one("#title", Input)
        if running and (self.rr.joining is not None or (self.focused is title and not title.value)):
            running_list = self.query_one("#running", OptionList)
            running_list.highlighted = 0
            running_list.focus()

    def _running_options(self, early: MeetingsListed | None) -> list[Option]:
        return self._options(early.running, "start.none_running") if early else []

    def _recent_options(self, early: MeetingsListed | None) -> list[Option]:
        return self._options(early.recent, "start.none_recent") if early else []

    def _options(self, meetings: list[MeetingSummary], none_key: str) -> list[Option]:
        """A list's options; the catalogue's ``none_key`` is its one line when empty."""
        return [self._option(m) for m in meetings] or [Option(t(none_key), disabled=True)]

    def offer_participants(self, people: list[Participant]) -> None:
        """Fill in the latest meeting's participants, unless something is typed there."""
        field = self.query_one("#participants", Input)
        if people and not field.value:
            field.value = format_participants(people)
            if not field.has_focus:
                # Shown from its first name: the cursor was left at the end, and the field
                # kept the scroll of the people typed there for the last meeting.
                field.cursor_position = 0
                field.scroll_home(animate=False, force=True, immediate=True)

    def fresh_form(self, people: list[Participant]) -> None:
        """Back from a meeting: an empty title, focused, and the same people offered again."""
        title = self.query_one("#title", Input)
        title.value = ""
        # The next meeting begins with its title, not where the last one was started.
        # Set now, not deferred as title.focus() is: the screen, resumed, gives the focus
        # back to the field it had, and the people's field took it, with all its text
        # selected and scrolled to its end.
        self.set_focus(title)
        self.query_one("#participants", Input).value = ""
        self.offer_participants(people)

    def _option(self, meeting: MeetingSummary) -> Option:
        when = f"{short_date(meeting.started_at)} {clock_time(meeting.started_at)}"
        line = Text.assemble(literal(meeting.title, "bold"), "\n", when)
        if meeting.ended_at is None and meeting.current_phase_title:
            line.append(" · ")
            line.append_text(literal(meeting.current_phase_title))
        return Option(line, id=meeting.id)

    def action_history(self) -> None:
        self.rr.memory.show_history()

    def action_board(self) -> None:
        self.rr.memory.show_board()

    def action_learning(self) -> None:
        self.rr.memory.show_learning()

    def on_key(self) -> None:
        # Someone is at work here: load the store now, so it is there when needed.
        self.rr.load_store()

    @on(Button.Pressed, "#begin")
    @on(Input.Submitted, "#participants")
    def begin(self) -> None:
        chosen = self.query_one("#template", TemplateChooser).value or None
        title = self.query_one("#title", Input).value
        people = self.query_one("#participants", Input).value
        begin = self.query_one("#begin", Button)
        begin.disabled = True

        def start() -> None:
            if not self.rr.start_meeting(chosen, title, people):
                begin.disabled = False  # refused: the message says why; try again

        self.rr.load_store(start)

    @on(Input.Submitted, "#title")
    def next_field(self) -> None:
        self.query_one("#participants", Input).focus()

    @on(OptionList.OptionSelected, "#running")
    def resume(self, event: OptionList.OptionSelected) -> None:
        meeting_id = event.option.id
        if meeting_id:
            self.rr.load_store(lambda: self.rr.resume_meeting(meeting_id))

    @on(OptionList.OptionSelected, "#recent")
    def open_recent(self, event: OptionList.OptionSelected) -> None:
        from refleksionsrum.core.meeting.room import MeetingRoom

        meeting_id = event.option.id
        if not meeting_id:
            return

        def show() -> None:
            store = self.rr.store
            assert store is not None
            room = self.rr.guarded(
                lambda: MeetingRoom(
                    self.rr.workspace, store, store.load_meeting(meeting_id), self.rr.clock
                )
            )
            if room is not None:
                self.rr.show_summary(room)

        self.rr.load_store(show)


def _lists_a_meeting(options: list[Option]) -> bool:
    """Whether a list holds a meeting (not only the line that says there is none, or nothing)."""
    return any(option.id for option in options)


def _refill(options: OptionList, fresh: list[Option]) -> None:
    """Replace a list's options, keeping the highlight on the same meeting.

    The lists are filled twice (quick look, then store): a key pressed in between
    must still act on the meeting the facilitator chose.
    """
    current = options.highlighted_option
    options.set_class(not _lists_a_meeting(fresh), "-empty")
    if [o.id for o in fresh] == [
        options.get_option_at_index(i).id for i in range(options.option_count)
    ] and all(o.id for o in fresh):
        return
    options.clear_options()
    options.add_options(fresh)
    if current is not None and current.id is not None:
        for index, option in enumerate(fresh):
            if option.id == current.id:
                options.highlighted = index
