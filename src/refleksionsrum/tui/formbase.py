"""The parts every form shares: drafts, complaints beside the field, Enter in order."""

from __future__ import annotations

from collections.abc import Callable
from typing import Self, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from refleksionsrum.core.i18n import t
from refleksionsrum.core.privacy import looks_like_cpr
from refleksionsrum.core.store.drafts import Drafts
from refleksionsrum.tui.choices import ChoiceList
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.internals import SizeKeepingScreen
from refleksionsrum.tui.keys import translate_bindings
from refleksionsrum.tui.ordered import OrderedInput
from refleksionsrum.tui.sizing import preset_breakpoints
from refleksionsrum.tui.stylekeeping import StyleKeepingScreen
from refleksionsrum.tui.text import literal

R = TypeVar("R")
DRAFT_DELAY_S = 0.4
# A draft's field saying whether the form was open (reopen after a crash) or cancelled.
OPEN_MARK = "open"


class Form(ModalScreen[object], SizeKeepingScreen, StyleKeepingScreen):
    """A modal with fields, Save and Cancel; Escape cancels, Ctrl+S saves.

    What is typed is kept as a draft within a second (``drafts``/``draft_key``),
    so a crash or a closed terminal does not take a half-written form with it.
    """

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        # Not a priority binding: that ran before the keys typed ahead of it reached
        # their field, and saved the form without its last characters. In a text
        # field Ctrl+S is taken in order with those keys (FormField); elsewhere (a
        # choice list, a button) it comes up to the form as any key does.
        Binding("ctrl+s", "save", "key.save"),
    ]
    # The first field, as on_mount focuses it: Textual's default ("*") focuses the
    # scrolling container first, and each focus change there restyles every field.
    AUTO_FOCUS = "Input, RadioSet"

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        preset_breakpoints(self)
        self.drafts: Drafts | None = None
        self.draft_key = ""
        self._draft_timer: Timer | None = None
        self._privacy_warned = False
        self._as_opened: dict[str, str] = {}
        # The value each field had when it was complained about.
        self._complained: dict[str, str] = {}

    def guarded(self, action: Callable[[], R]) -> R | None:
        """The app's one guard for store calls (tui/app.py): a refusal is a message."""
        guard = getattr(self.app, "guarded", None)
        return guard(action) if guard is not None else action()  # type: ignore[no-any-return]

    def keep_drafts(self, drafts: Drafts, key: str) -> Self:
        self.drafts, self.draft_key = drafts, key
        return self

    def on_mount(self) -> None:
        # The modal's own keys (Ctrl+S, Escape) in a footer of its own.
        self.mount(RoomFooter())
        self.opened()

    def opened(self) -> None:
        """Each time the form is opened: its draft back, the focus in its first field."""
        # What the form holds before anything is typed: a draft is what differs from it.
        self._as_opened = self.snapshot()
        drafts = self.drafts
        if drafts is not None:
            kept = self.guarded(lambda: drafts.get(self.draft_key)) or {}
            self.restore(kept)
            if self.snapshot() != self._as_opened:
                # Escape keeps what was typed (it is easily pressed by mistake); say so, or
                # the text back in the fields looks like a cancel that did not work. Not
                # for the proposed date alone: nobody typed that.
                for line in self.query(".form-error").results(Static):
                    line.update(t("form.restored"))
                    line.add_class("restored")
        first = self.first_field()
        if first is not None:
            # At once, not with Widget.focus() (deferred): keys typed right after the
            # key that opened the form are already queued and must find their field.
            self.set_focus(first)
        # A form taller than the screen opened scrolled to its first field, its title and
        # the first field's label above the top: it opens at its top.
        for scroller in self.query(VerticalScroll):
            scroller.call_after_refresh(scroller.scroll_home, animate=False)

    def cleared(self) -> None:
        """Before the form is opened again: no complaint, no warning, no draft timer left."""
        self._privacy_warned = False
        self._complained = {}
        for line in self.query(".form-error").results(Static):
            _show(line, "")
            line.remove_class("restored")
        for hint in self.query(".field-error").results(Static):
            _say(hint, "")

    def first_field(self) -> Input | RadioSet | None:
        """The form's first field in reading order (a text field or a choice list)."""
        fields = self.query("Input, RadioSet")
        return fields.first() if fields else None  # type: ignore[return-value]

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        super().set_focus(widget, scroll_visible, from_app_focus)
        if isinstance(widget, FormField) and widget.is_proposal:
            # A value the form proposes (the default date) is selected as the focus
            # arrives, not when the Focus event is handled: keys queued behind the
            # Enter that moved here then replace it instead of being added to it.
            widget.select_all()

    def snapshot(self) -> dict[str, str]:
        fields = {f"input:{i.id}": i.value for i in self.query(Input) if i.id}
        for radios in self.query(RadioSet):
            if radios.id and radios.pressed_index >= 0:
                fields[f"radio:{radios.id}"] = str(radios.pressed_index)
        return fields

    def restore(self, fields: dict[str, str]) -> None:
        fields = {k: v for k, v in fields.items() if k != OPEN_MARK}
        for name, value in fields.items():
            kind, _, widget_id = name.partition(":")
            if kind == "input":
                for found in self.query(f"#{widget_id}").results(Input):
                    found.value = value
                    # Typing goes on where the restored text ends.
                    found.cursor_position = len(value)
            elif kind == "radio":
                for radios in self.query(f"#{widget_id}").results(RadioSet):
                    buttons = list(radios.query(RadioButton))
                    if value.isdigit() and int(value) < len(buttons):
                        buttons[int(value)].value = True

    @on(Input.Changed)
    @on(RadioSet.Changed)
    def changed(self, event: Input.Changed | RadioSet.Changed) -> None:
        control = event.control
        complained = self._complained.get(control.id or "")
        # A change handled after the complaint but made before it (a key typed fast)
        # leaves the complaint: it is about the value the field still has.
        if not (isinstance(control, Input) and complained == control.value):
            for hint in self.query(f"#{control.id}-error").results(Static):
                _say(hint, "")
        # Only while the form is open: a kept form (tui/editing.py) lives on after it is
        # closed, and the changes of keys typed right before a Ctrl+S, handled after it,
        # stored the saved fields as a draft to bring back (a duplicate after a crash).
        # Nor for a form made unseen: restoring a cancelled draft must not mark it open.
        if self.drafts is not None and self._draft_timer is None and self in self.app.screen_stack:
            self._draft_timer = self.set_timer(DRAFT_DELAY_S, self.flush_draft)

    def flush_draft(self, still_open: bool = True) -> None:
        """Store the fields; ``open`` says whether to bring the form back after a crash."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = None
        if self.drafts is not None:
            fields = self.snapshot()
            if fields == self._as_opened:
                fields = {}  # nothing typed: nothing to keep (Drafts.save drops it)
            else:
                fields[OPEN_MARK] = "1" if still_open else "0"
            drafts = self.drafts
            self.guarded(lambda: drafts.save(self.draft_key, fields))

    def save_before_leaving(self) -> None:
        """The app is quitting or got a signal: store the fields, to reopen the form."""
        self.flush_draft()

    def dismiss(self, result: object = None) -> AwaitComplete:  # type: ignore[override]
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self.drafts is not None and result is None:
            # Escape is easily pressed by mistake: keep what was typed for the
            # next time this form is opened, but do not reopen it by itself.
            self.flush_draft(still_open=False)
        # Saved: the draft stays until what it holds is stored; the form's owner drops it
        # then, off the UI thread (tui/editing.py), so a refused save loses nothing.
        return super().dismiss(result)

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="form-buttons"):
            yield Button(t("form.save"), variant="primary", id="save")
            yield Button(t("form.cancel"), id="cancel")

    def field(
        self,
        key: str,
        value: str = "",
        placeholder: str = "",
        id: str = "",
        proposed: bool = False,
    ) -> ComposeResult:
        """A labelled text field; ``proposed``: the value is the form's suggestion."""
        yield Label(t(key), classes="field-label")
        # No select-on-focus in general: a restored draft would go with the first key
        # typed. A proposed value is selected, by set_focus above, while it is unchanged.
        field = FormField(value=value, placeholder=placeholder, id=id, select_on_focus=False)
        field.proposal = value if proposed else None
        yield field
        yield Static("", id=f"{id}-error", classes="field-error")

    def value(self, id: str) -> str:
        return self.query_one(f"#{id}", Input).value.strip()

    def complain(self, key: str, focus: str | None = None) -> None:
        """Say what is missing at the top of the form and beside the field.

        The focus moves to that field only when it is not in a text field: keys typed
        behind the Enter that tried to save are queued for the field the typist is
        in, and moved on they would land in the field complained about, wiping its
        complaint (the text then seemed lost, and no error was shown).
        """
        error = self.query_one(".form-error", Static)
        error.update(t(key))
        error.remove_class("restored")
        for hint in self.query(".field-error").results(Static):
            _say(hint, "")
        self._complained = {}
        if focus:
            widget = self.query_one(f"#{focus}")
            if isinstance(widget, Input):
                self._complained[focus] = widget.value
            if not isinstance(self.focused, Input):
                self.set_focus(widget)
            widget.scroll_visible()
            for hint in self.query(f"#{focus}-error").results(Static):
                _say(hint, t(key))
                # Once it is laid out: shown now, the line under the field was still
                # below the fold at 80x24, and Ctrl+S seemed to do nothing.
                hint.call_after_refresh(hint.scroll_visible, animate=False)

    @on(ChoiceList.Typed)
    def typed_in_choices(self, event: ChoiceList.Typed) -> None:
        """Text typed into a choice list chooses nothing; it is shown, not lost."""
        for hint in self.query(f"#{event.choices.id}-error").results(Static):
            hint.update(literal(t("form.choose_with_keys", typed=event.text)))
            hint.display = True

    def privacy_ok(self) -> bool:
        """The first save with a CPR-like text is stopped with a warning; the second goes."""
        if self._privacy_warned:
            return True
        for field in self.query(Input):
            if looks_like_cpr(field.value):
                self._privacy_warned = True
                self.complain("privacy.cpr_form", field.id)
                return False
        return True

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        result = self.collect()
        if result is not None and self.privacy_ok():
            self.dismiss(result)

    def collect(self) -> object | None:
        raise NotImplementedError

    # Enter on the last field saves. A subclass turns this off rather than adding its
    # own Input.Submitted handler: Textual runs the decorated handlers of every class
    # in the MRO, so an override would move the focus twice.
    save_on_last_field = True

    def enter_in(self, field: Input) -> None:
        """Enter moves to the next field; on the last field it saves."""
        inputs = list(self.query(Input))
        if self.save_on_last_field and field is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def on_key(self, event: events.Key) -> None:
        """Keys typed before the first field has the focus go into it, not nowhere."""
        if self.focused is None and event.is_printable and event.character:
            first = self.first_field()
            if isinstance(first, ChoiceList):
                self.set_focus(first)
                first.typed(event.character)
                event.stop()
            elif isinstance(first, Input):
                self.set_focus(first)
                first.insert_text_at_cursor(event.character)
                event.stop()


class FormField(OrderedInput):
    """A form's text field: Enter moves to the next field, or saves on the last."""

    # The value the form proposes (None: nothing proposed); selected on focus while kept.
    proposal: str | None = None

    @property
    def is_proposal(self) -> bool:
        return self.proposal is not None and self.value == self.proposal

    def on_enter(self) -> None:
        form = self.screen
        if isinstance(form, Form):
            form.enter_in(self)

    async def handle_key_first(self, event: events.Key) -> bool:
        form = self.screen
        if event.key == "ctrl+s" and isinstance(form, Form):
            # Here, in order: the keys typed before it are in this field, those after
            # it go where the focus is once the form is saved and gone.
            event.stop()
            event.prevent_default()
            form.action_save()
            return True
        return await super().handle_key_first(event)


def _say(hint: Static, text: str) -> None:
    """Show a field's complaint, or hide the line when there is none."""
    _show(hint, text)
    if hint.display != bool(text):
        hint.display = bool(text)


def _show(line: Static, text: str) -> None:
    """Give ``line`` this text, if it has another: each update lays out the whole form."""
    if line.content != text:
        line.update(text)
