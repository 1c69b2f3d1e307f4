"""Textual's private parts that tui/internals.py relies on: a failure here names what changed."""

from __future__ import annotations

import inspect
from importlib.metadata import version

from textual import events
from textual.app import App, ComposeResult
from textual.dom import DOMNode
from textual.geometry import Size
from textual.widgets import Input, RadioButton, RadioSet, Static

from refleksionsrum.tui.choices import Choice
from refleksionsrum.tui.internals import (
    RELIED_ON,
    KeyFirstInput,
    QuietInput,
    SelectOverlay,
    SizeKeepingScreen,
    after_frame,
    bindings_of,
    start_unseen,
)
from refleksionsrum.tui.roomselect import RoomSelect
from support.pilot import wait_until


def test_the_list_of_what_is_relied_on_names_each_part_tested_here() -> None:
    assert [line.split(":")[0] for line in RELIED_ON] == [
        "Input._on_key",
        "DOMNode._bindings.key_to_bindings",
        "RadioButton._button",
        "textual.widgets._footer.FooterKey",
        "Footer._bindings_ready",
        "Input._watch_value",
        "textual.widgets._select.SelectOverlay",
        "Screen.screen_layout_refresh_signal",
        "Screen._screen_resized",
        "App._register",
        "Stylesheet._parse_cache",
        "App._notifications",
    ]


def test_input_handles_keys_in_a_coroutine_named_on_key() -> None:
    handler = Input.__dict__.get("_on_key")
    assert handler is not None, f"Textual {version('textual')}: Input._on_key is gone"
    assert inspect.iscoroutinefunction(handler), "Input._on_key is no longer a coroutine"
    assert list(inspect.signature(handler).parameters) == ["self", "event"], (
        f"Input._on_key takes {inspect.signature(handler)} now"
    )


def test_a_node_has_its_own_key_to_bindings_dict() -> None:
    node = DOMNode()
    found = bindings_of(node)
    assert isinstance(found, dict), "DOMNode._bindings.key_to_bindings is not a dict any more"
    assert found is not bindings_of(DOMNode()), "nodes share one bindings map: edits would leak"


def test_a_radio_button_draws_itself_from_button_inner() -> None:
    prop = RadioButton.__dict__.get("_button") or getattr(RadioButton, "_button", None)
    assert isinstance(prop, property), "RadioButton._button is no longer a property"
    assert hasattr(RadioButton, "BUTTON_INNER"), "RadioButton.BUTTON_INNER is gone"


async def test_keys_reach_the_input_through_its_own_handler_and_marks_are_drawn() -> None:
    seen: list[str] = []

    class Probe(KeyFirstInput):
        async def handle_key_first(self, event: object) -> bool:
            seen.append(getattr(event, "key", "?"))
            return False

    class Harness(App[None]):
        def compose(self) -> ComposeResult:
            yield Probe(id="probe")
            yield RadioSet(Choice("Ja", value=True), Choice("Nej"), id="radios")

    app = Harness()
    async with app.run_test() as pilot:
        app.query_one("#probe", Probe).focus()
        await pilot.press("h", "e", "j")
        await pilot.pause()
        assert app.query_one("#probe", Probe).value == "hej"
        assert seen == ["h", "e", "j"], "Input._on_key is not where keys arrive any more"
        marks = [str(button._button) for button in app.query(Choice)]
        assert "●" in marks[0] and "●" not in marks[1], "the radio mark is not drawn from inner()"


def test_footer_keys_carry_what_room_footer_measures() -> None:
    from refleksionsrum.tui.internals import FooterKey

    key = FooterKey("f6", "f6", "Kontrast", "toggle_contrast")
    assert (key.key_display, key.description) == ("f6", "Kontrast")
    assert "compact" in FooterKey._reactives, "FooterKey.compact is gone"


def test_footer_has_a_bindings_ready_flag() -> None:
    from textual.widgets import Footer

    assert "_bindings_ready" in Footer._reactives, "Footer._bindings_ready is gone"


def test_input_sets_its_virtual_size_in_watch_value() -> None:
    source = inspect.getsource(Input._watch_value)
    assert "self.virtual_size = " in source, "Input._watch_value no longer sets virtual_size"
    assert list(inspect.signature(Input._watch_value).parameters) == ["self", "value"]


async def test_a_quiet_input_still_tells_of_every_change_and_lays_out_nothing() -> None:
    """The entry line's drafts listen to Input.Changed: quieting the layout must keep it."""
    changes: list[str] = []

    class Harness(App[None]):
        def compose(self) -> ComposeResult:
            yield QuietInput(id="quiet")

        def on_input_changed(self, event: Input.Changed) -> None:
            changes.append(event.value)

    app = Harness()
    async with app.run_test(size=(60, 8)) as pilot:
        line = app.query_one("#quiet", QuietInput)
        line.focus()
        await pilot.pause()
        layouts = 0
        original = app.screen._refresh_layout

        def counted(*args: object, **kwargs: object) -> None:
            nonlocal layouts
            layouts += 1
            original(*args, **kwargs)  # type: ignore[arg-type]

        app.screen._refresh_layout = counted  # type: ignore[method-assign]
        await pilot.press("h", "e", "j")
        await pilot.pause()
        assert line.value == "hej"
        assert changes[-3:] == ["h", "he", "hej"]
        assert line.cursor_position == 3
        assert layouts == 0


def test_a_select_overlay_dismisses_on_escape() -> None:
    keys = [
        (b[0], b[1]) if isinstance(b, tuple) else (b.key, b.action) for b in SelectOverlay.BINDINGS
    ]
    assert ("escape", "dismiss") in keys, f"SelectOverlay.BINDINGS is {SelectOverlay.BINDINGS!r}"


async def test_a_room_select_names_its_escape_in_danish() -> None:
    class Harness(App[None]):
        def compose(self) -> ComposeResult:
            yield RoomSelect([("Borgerniveau", "borgerniveau")], id="choice")

    app = Harness()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        overlay = app.query_one(SelectOverlay)
        assert [b.description for b in bindings_of(overlay)["escape"]] == ["Luk listen"]


async def test_work_after_the_frame_runs_once_the_layout_is_drawn() -> None:
    class Harness(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("før", id="text")

    order: list[str] = []
    app = Harness()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert hasattr(screen, "screen_layout_refresh_signal"), (
            f"Textual {version('textual')}: Screen.screen_layout_refresh_signal is gone"
        )
        screen.screen_layout_refresh_signal.subscribe(
            screen, lambda _screen: order.append("layout"), immediate=True
        )
        app.query_one("#text", Static).update("efter en længere tekst\npå to linjer")
        after_frame(screen, lambda: order.append("work"))
        await wait_until(pilot, lambda: "work" in order, "the work done")
        assert order[0] == "layout", order
        assert order.count("work") == 1


async def test_work_after_the_frame_runs_when_no_layout_comes() -> None:
    ran: list[str] = []
    app = App[None]()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        after_frame(app.screen, lambda: ran.append("work"))
        await wait_until(pilot, lambda: ran == ["work"], "the work done without a layout")


class Panel(SizeKeepingScreen):
    """A screen that counts its layouts."""

    def __init__(self) -> None:
        super().__init__()
        self.layouts = 0

    def compose(self) -> ComposeResult:
        yield Static("et panel", id="panel-label")

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        self.layouts += 1
        super()._refresh_layout(size, scroll)


async def test_a_size_keeping_screen_is_laid_out_again_only_at_a_new_size() -> None:
    app = App[None]()
    async with app.run_test(size=(40, 10)) as pilot:
        panel = Panel()
        await app.push_screen(panel)
        await wait_until(pilot, lambda: panel._compositor.size == Size(40, 10), "laid out")
        for _ in range(3):
            await pilot.pause()  # what the mount itself brings (the label's layout)
        laid_out = panel.layouts
        # What a screen's own first layout sends it, and what the top screen relays.
        panel.post_message(events.Resize(Size(40, 10), Size(40, 10)))
        await pilot.pause()
        assert panel.layouts == laid_out, "laid out again at the size it has"
        await pilot.resize_terminal(60, 12)
        await wait_until(pilot, lambda: panel._compositor.size == Size(60, 12), "the new size")
        assert panel.query_one("#panel-label", Static).size.width == 60


async def test_a_screen_started_unseen_is_made_off_the_stack_and_shown_when_pushed() -> None:
    app = App[None]()
    async with app.run_test(size=(40, 10)) as pilot:
        panel = Panel()
        start_unseen(app, panel)
        await wait_until(pilot, lambda: panel.is_mounted, "the unseen screen is mounted")
        assert panel.query_one("#panel-label", Static).is_mounted
        assert panel not in app.screen_stack
        await app.push_screen(panel)
        await wait_until(pilot, lambda: app.screen is panel, "the screen is shown")
        await wait_until(pilot, lambda: panel._compositor.size == Size(40, 10), "laid out")
        assert "et panel" in "".join(strip.text for strip in panel._compositor.render_strips()), (
            "not drawn"
        )


def test_a_stylesheet_asks_its_parse_cache_by_key_and_empties_it_for_new_variables() -> None:
    from textual.css.stylesheet import Stylesheet

    class Recording:
        def __init__(self) -> None:
            self.asked: list[tuple[object, ...]] = []
            self.stored: dict[tuple[object, ...], object] = {}
            self.cleared_with: list[dict[str, str]] = []

        def __getitem__(self, key: tuple[object, ...]) -> object:
            self.asked.append(key)
            return self.stored[key]

        def __setitem__(self, key: tuple[object, ...], rules: object) -> None:
            self.stored[key] = rules

        def clear(self) -> None:
            self.cleared_with.append(dict(sheet._variables))

    sheet = Stylesheet(variables={"tone": "red"})
    cache = Recording()
    sheet._parse_cache = cache  # type: ignore[assignment]
    sheet.add_source("Static { color: $tone; }", read_from=("x.tcss", ""))
    sheet.parse()
    assert len(cache.asked) == 1 and len(cache.stored) == 1, f"Textual {version('textual')}"
    assert cache.asked[0][0] == "Static { color: $tone; }"
    sheet.parse()  # the second time from the cache: its rules as stored
    assert sheet.rules == next(iter(cache.stored.values()))
    sheet.set_variables({"tone": "blue"})
    assert cache.cleared_with == [{"tone": "blue"}], "clear() before the variables are set"


async def test_a_toast_is_taken_away_before_its_time_by_what_it_says() -> None:
    from textual.app import App

    from refleksionsrum.tui.internals import withdraw_toasts

    app: App[None] = App()
    async with app.run_test(notifications=True) as pilot:
        app.notify("Opfølgningen tager ingen noter", timeout=60)
        app.notify("Noget andet", timeout=60)
        await wait_until(pilot, lambda: len(app._notifications) == 2, "two toasts")
        withdraw_toasts(app, "Opfølgningen tager ingen noter")
        assert [n.message for n in app._notifications] == ["Noget andet"]
