"""The parts every form shares: drafts, complaints beside the field, Enter in order."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from refleksionsrum.core.i18n import t
from refleksionsrum.core.privacy import looks_like_cpr
from refleksionsrum.core.store.drafts import Drafts
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.internals import ShapedRadioButton
from refleksionsrum.tui.keys import translate_bindings
from refleksionsrum.tui.ordered import OrderedInput

DRAFT_DELAY_S = 0.4
# A draft's field saying whether the form was open (reopen after a crash) or cancelled.
OPEN_MARK = "open"


class Choice(ShapedRadioButton):
    """A radio button whose state shows by shape (●/blank), not by colour alone."""

    def inner(self) -> str:
        return "●" if self.value else " "


class Form(ModalScreen[object]):
    """A modal with fields, Save and Cancel; Escape cancels, Ctrl+S saves.

    What is typed is kept as a draft within a second (``drafts``/``draft_key``),
    so a crash or a closed terminal does not take a half-written form with it.
    """

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.drafts: Drafts | None = None
        self.draft_key = ""
        self._draft_timer: Timer | None = None
        self._privacy_warned = False

    def keep_drafts(self, drafts: Drafts, key: str) -> Form:
        self.drafts, self.draft_key = drafts, key
        return self

    def on_mount(self) -> None:
        # The modal's own keys (Ctrl+S, Escape) in a footer of its own.
        self.mount(RoomFooter())
        if self.drafts is not None:
            self.restore(self.drafts.get(self.draft_key))
        first = self.query(Input).first() if self.query(Input) else None
        if first is not None:
            first.focus()

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
            elif kind == "radio":
                for radios in self.query(f"#{widget_id}").results(RadioSet):
                    buttons = list(radios.query(RadioButton))
                    if value.isdigit() and int(value) < len(buttons):
                        buttons[int(value)].value = True

    @on(Input.Changed)
    @on(RadioSet.Changed)
    def changed(self, event: Input.Changed | RadioSet.Changed) -> None:
        for hint in self.query(f"#{event.control.id}-error").results(Static):
            _say(hint, "")
        if self.drafts is not None and self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY_S, self.flush_draft)

    def flush_draft(self, still_open: bool = True) -> None:
        """Store the fields; ``open`` says whether to bring the form back after a crash."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = None
        if self.drafts is not None:
            fields = self.snapshot()
            if any(value.strip() for value in fields.values()):
                fields[OPEN_MARK] = "1" if still_open else "0"
            self.drafts.save(self.draft_key, fields)

    def dismiss(self, result: object = None) -> AwaitComplete:  # type: ignore[override]
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self.drafts is not None:
            if result is None:
                # Escape is easily pressed by mistake: keep what was typed for the
                # next time this form is opened, but do not reopen it by itself.
                self.flush_draft(still_open=False)
            else:
                self.drafts.drop(self.draft_key)
        return super().dismiss(result)

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="form-buttons"):
            yield Button(t("form.save"), variant="primary", id="save")
            yield Button(t("form.cancel"), id="cancel")

    def field(
        self, key: str, value: str = "", placeholder: str = "", id: str = ""
    ) -> ComposeResult:
        yield Label(t(key), classes="field-label")
        # No select-on-focus: a restored draft would go with the first key typed.
        yield FormField(value=value, placeholder=placeholder, id=id, select_on_focus=False)
        yield Static("", id=f"{id}-error", classes="field-error")

    def value(self, id: str) -> str:
        return self.query_one(f"#{id}", Input).value.strip()

    def complain(self, key: str, focus: str | None = None) -> None:
        """Say what is missing at the top of the form and beside the field."""
        self.query_one(".form-error", Static).update(t(key))
        for hint in self.query(".field-error").results(Static):
            _say(hint, "")
        if focus:
            widget = self.query_one(f"#{focus}")
            widget.focus()
            widget.scroll_visible()
            for hint in self.query(f"#{focus}-error").results(Static):
                _say(hint, t(key))

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
            first = self.query(Input).first() if self.query(Input) else None
            if first is not None:
                first.focus()
                first.insert_text_at_cursor(event.character)
                event.stop()


class FormField(OrderedInput):
    """A form's text field: Enter moves to the next field, or saves on the last."""

    def on_enter(self) -> None:
        form = self.screen
        if isinstance(form, Form):
            form.enter_in(self)


def _say(hint: Static, text: str) -> None:
    """Show a field's complaint, or hide the line when there is none."""
    hint.update(text)
    hint.display = bool(text)
