"""The forms: evaluate a trial action, plan one, edit a note, confirm a choice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Static

from refleksionsrum.core.dates import parse_date
from refleksionsrum.core.i18n import long_date, t
from refleksionsrum.core.models import CarriedOut, Evaluation, TrialAction, Verdict
from refleksionsrum.tui.choices import Choice, ChoiceList
from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.formbase import Form, FormField
from refleksionsrum.tui.keys import translate_bindings
from refleksionsrum.tui.text import literal


class TextForm(Form):
    """Edit the text (and for observations the source) of a note or decision."""

    def __init__(
        self, title_key: str, text: str, source: str | None = None, with_source: bool = False
    ) -> None:
        super().__init__()
        self.title_key, self.text, self.source, self.with_source = (
            title_key,
            text,
            source,
            with_source,
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(t(self.title_key), classes="form-title")
            yield Static("", classes="form-error")
            yield from self.field("form.text", self.text, id="text")
            if self.with_source:
                yield from self.field("field.source", self.source or "", id="source")
            yield from self.buttons()

    def collect(self) -> tuple[str, str | None] | None:
        text = self.value("text")
        if not text:
            self.complain("form.need_text", "text")
            return None
        return text, (self.value("source") or None) if self.with_source else None


class TrialActionForm(Form):
    """Plan (or change) a trial action: what, who, when, expectation, measure."""

    def __init__(self, action: TrialAction, people: list[str]) -> None:
        super().__init__()
        self.action = action
        self.people = people

    def compose(self) -> ComposeResult:
        a = self.action
        with VerticalScroll(classes="form"):
            title = (
                "form.adapt_title"
                if a.adapted_from
                else ("form.edit_action" if a.id else "form.new_action")
            )
            yield Label(t(title), classes="form-title")
            yield Static("", classes="form-error")
            yield from self.field("field.title", a.title, id="ta-title")
            yield from self.field("field.owner", a.owner, ", ".join(self.people), id="ta-owner")
            yield from self.field(
                "field.due",
                a.due.isoformat(),
                t("form.date_hint"),
                id="ta-due",
                # A new (or adapted) action's date is the form's proposal: typing replaces it.
                proposed=not a.id or a.adapted_from is not None,
            )
            self._due_long = long_date(a.due)
            yield Static(literal(self._due_long), id="ta-due-long", classes="hint")
            yield from self.field("field.prediction", a.prediction, id="ta-prediction")
            yield from self.field("field.measure", a.measure, id="ta-measure")
            yield from self.field(
                "field.development_point",
                a.development_point or "",
                t("form.optional"),
                id="ta-point",
            )
            # Where the word is first asked for, one line on what it means.
            yield Static(t("form.development_point_help"), classes="hint")
            yield from self.buttons()

    def load(self, action: TrialAction, people: list[str]) -> None:
        """The same form for another new trial action: its fields as a new form's."""
        self.cleared()
        self.action, self.people = action, people
        values = {
            "ta-title": action.title,
            "ta-owner": action.owner,
            "ta-due": action.due.isoformat(),
            "ta-prediction": action.prediction,
            "ta-measure": action.measure,
            "ta-point": action.development_point or "",
        }
        for field in self.query(FormField):
            field.value = values.get(field.id or "", "")
            field.cursor_position = len(field.value)
        due = self.query_one("#ta-due", FormField)
        due.proposal = due.value
        self.query_one("#ta-owner", FormField).placeholder = ", ".join(people)
        self.show_due_long(action.due)

    @on(Input.Changed, "#ta-due")
    def show_due(self, event: Input.Changed) -> None:
        self.show_due_long(parse_date(event.value, self.action.due))

    def show_due_long(self, due: date | None) -> None:
        """The date in words under its field; redrawn only when it changed (a layout)."""
        text = long_date(due) if due else t("form.bad_date")
        if text != self._due_long:
            self._due_long = text
            self.query_one("#ta-due-long", Static).update(literal(text))

    def collect(self) -> TrialAction | None:
        required = (
            ("ta-title", "form.need_title"),
            ("ta-owner", "form.need_owner"),
            ("ta-prediction", "form.need_prediction"),
            ("ta-measure", "form.need_measure"),
        )
        for field_id, message in required:
            if not self.value(field_id):
                self.complain(message, field_id)
                return None
        due = parse_date(self.value("ta-due"), self.action.due)
        if due is None:
            self.complain("form.bad_date", "ta-due")
            return None
        return replace(
            self.action,
            title=self.value("ta-title"),
            owner=self.value("ta-owner"),
            due=due,
            prediction=self.value("ta-prediction"),
            measure=self.value("ta-measure"),
            development_point=self.value("ta-point") or None,
        )


class EvaluationForm(Form):
    """Follow up one trial action: carried out, what happened, learning, verdict."""

    def __init__(self, action: TrialAction, existing: Evaluation | None) -> None:
        super().__init__()
        self.action = action
        self.existing = existing

    def compose(self) -> ComposeResult:
        a, e = self.action, self.existing
        with VerticalScroll(classes="form"):
            yield Label(t("form.evaluate"), classes="form-title")
            yield Static("", classes="form-error")
            yield Static(literal(a.title, "bold"))
            yield Static(
                literal(f"{t('field.owner')}: {a.owner} · {t('field.prediction')}: {a.prediction}"),
                classes="hint",
            )
            yield Label(t("field.carried_out"), classes="field-label")
            with ChoiceList(id="carried"):
                for choice in CarriedOut:
                    yield Choice(
                        t(f"carried.{choice.value}"), value=bool(e and e.carried_out is choice)
                    )
            yield Static("", id="carried-error", classes="field-error")
            yield from self.field(
                "field.what_happened", e.what_happened if e else "", id="ev-happened"
            )
            yield from self.field(
                "field.compared",
                (e.compared_to_prediction or "") if e else "",
                t("form.optional"),
                id="ev-compared",
            )
            yield from self.field("field.learning", e.learning if e else "", id="ev-learning")
            yield Label(t("field.verdict"), classes="field-label")
            with ChoiceList(id="verdict"):
                for verdict in Verdict:
                    yield Choice(
                        f"{t(f'verdict.{verdict.value}')} – {t(f'verdict.{verdict.value}.help')}",
                        value=bool(e and e.verdict is verdict),
                    )
            yield Static("", id="verdict-error", classes="field-error")
            yield from self.buttons()

    # Enter always moves on here: the verdict below still has to be chosen.
    save_on_last_field = False

    def collect(self) -> Evaluation | None:
        carried = self.query_one("#carried", RadioSet).pressed_index
        if carried < 0:
            self.complain("form.need_carried", "carried")
            return None
        if not self.value("ev-happened"):
            self.complain("form.need_happened", "ev-happened")
            return None
        if not self.value("ev-learning"):
            self.complain("form.need_learning", "ev-learning")
            return None
        verdict = self.query_one("#verdict", RadioSet).pressed_index
        if verdict < 0:
            self.complain("form.need_verdict", "verdict")
            return None
        return Evaluation(
            trial_action=self.action.id,
            carried_out=list(CarriedOut)[carried],
            what_happened=self.value("ev-happened"),
            learning=self.value("ev-learning"),
            verdict=list(Verdict)[verdict],
            compared_to_prediction=self.value("ev-compared") or None,
        )


class Confirm(ModalScreen[bool]):
    """A yes/no question; Enter on the focused button, Escape means no.

    A ``final`` question (ending the meeting, deleting) starts on No: an Enter meant for
    the entry line behind it, after a Ctrl+N too many, must not end the meeting.
    """

    BINDINGS = [Binding("escape", "no", "key.cancel")]

    def __init__(self, question: str, yes_key: str = "form.yes", *, final: bool = False) -> None:
        super().__init__()
        translate_bindings(self)
        self.question, self.yes_key, self.final = question, yes_key, final

    def compose(self) -> ComposeResult:
        with Vertical(classes="form confirm"):
            yield Static(literal(self.question), classes="form-title")
            with Horizontal(classes="form-buttons"):
                yield Button(t(self.yes_key), variant="primary", id="yes")
                yield Button(t("form.no"), id="no")
        # Its own keys: the meeting's footer behind it offered keys that do nothing here.
        yield RoomFooter()

    def on_mount(self) -> None:
        self.query_one("#no" if self.final else "#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    def yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)
