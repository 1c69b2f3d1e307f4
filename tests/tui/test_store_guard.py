"""Every store call from every screen goes through one guard: a refusal is a message.

Presentation mode, ending a meeting and starting or resuming one called the store without
the guard the meeting screen used, so a refused write there (a full disk, a lock, a
read-only file) was a traceback and exit 1. Here each method of the store, its item
writes, its file index and its drafts that the screen's keys call is made to refuse in
turn while those keys are pressed; the app must still be running, with the refusal said
on screen. A first round with nothing refused finds which methods the keys call: one
that is never called cannot refuse, and pressing every key for it proves nothing.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from textual.widgets import Input

from refleksionsrum.core.errors import StoreError
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.store.drafts import Drafts
from refleksionsrum.core.store.fileindex import FileIndex
from refleksionsrum.core.store.items import ItemWrites
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.meeting import MeetingScreen
from refleksionsrum.tui.start import StartScreen
from support.pilot import (
    AppFactory,
    RRPilot,
    run_app,
    toast_texts,
    wait_for_saves,
    wait_for_screen,
    wait_for_store,
    wait_until,
)

SIZE = (100, 30)
# Each screen's methods are refused in this many tests, so that xdist spreads them over
# the cores and no one test nears the per-test limit on a loaded machine.
SHARES = 3
REFUSED = StoreError("store.write_failed", reason="prøve")


def methods(cls: type) -> list[str]:
    return [
        name
        for name, value in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") and name != "close"
    ]


TARGETS = (
    [("store", name) for name in methods(Store)]
    + [("items", name) for name in methods(ItemWrites)]
    + [("files", name) for name in methods(FileIndex)]
    + [("drafts", name) for name in methods(Drafts)]
)


def _owner(app: RefleksionsrumApp, where: str) -> Any:
    assert app.store is not None
    store = app.store
    return {"store": store, "items": store.items, "files": store.files, "drafts": Drafts}[where]


@contextmanager
def replaced(
    app: RefleksionsrumApp, where: str, name: str, by: Callable[..., Any]
) -> Iterator[None]:
    """Put ``by`` in the place of one method until the block ends."""
    owner = _owner(app, where)
    original = owner.__dict__.get(name) if where == "drafts" else None
    setattr(owner, name, by)
    try:
        yield
    finally:
        if where == "drafts":
            setattr(owner, name, original)
        else:
            delattr(owner, name)


@contextmanager
def refusing(app: RefleksionsrumApp, where: str, name: str) -> Iterator[None]:
    """Make one method refuse (raise StoreError) until the block ends."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise REFUSED

    with replaced(app, where, name, refuse):
        yield


@contextmanager
def watching(app: RefleksionsrumApp, called: set[tuple[str, str]]) -> Iterator[None]:
    """Every target still works, and each one that is called is put in ``called``."""
    with contextlib.ExitStack() as stack:
        for where, name in TARGETS:
            original = getattr(_owner(app, where), name)

            def spy(
                *args: Any, _at: Any = (where, name), _do: Any = original, **kwargs: Any
            ) -> Any:
                called.add(_at)
                return _do(*args, **kwargs)

            if where == "drafts":
                # A function on the class: called as a method, with the Drafts first.
                def spy_method(
                    self: Any,
                    *args: Any,
                    _at: Any = (where, name),
                    _do: Any = original,
                    **kwargs: Any,
                ) -> Any:
                    called.add(_at)
                    return _do(self, *args, **kwargs)

                stack.enter_context(replaced(app, where, name, spy_method))
            else:
                stack.enter_context(replaced(app, where, name, spy))
        yield


async def still_running(pilot: RRPilot, what: str) -> None:
    for _ in range(3):
        await pilot.pause()
    app = pilot.app
    assert app.is_running and app.return_code is None, what


async def press_all(pilot: RRPilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        # A form's save waits in the store queue; a refused one reopens its form. A user
        # sees that before the next key: so does this test, or its keys land elsewhere.
        await wait_for_saves(pilot)


async def start_screen_keys(pilot: RRPilot) -> None:
    app = pilot.app
    assert isinstance(app, RefleksionsrumApp)
    app.back_to_start()
    await pilot.pause()
    app.screen.query_one("#title", Input).focus()
    await press_all(pilot, *"Møde", "enter", "enter")
    # Started after all (the refused method was not needed): leave it for the next round.
    await still_running(pilot, "starting")
    if isinstance(app.screen, MeetingScreen):
        app.save_and_leave()
        app.back_to_start()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, StartScreen)
    # Resume the first running meeting, open the first recent one.
    for list_id in ("#running", "#recent"):
        app.back_to_start()
        await pilot.pause()
        app.screen.query_one(list_id).focus()
        await press_all(pilot, "home", "enter")
        await still_running(pilot, list_id)
        if isinstance(app.screen, MeetingScreen):
            app.save_and_leave()
        app.back_to_start()
        await pilot.pause()


async def meeting_keys(pilot: RRPilot) -> None:
    """The last phase (decisions, a trial action form), pause, time, presentation mode,
    moving back and on, and the end with its summary."""
    app = pilot.app
    await press_all(pilot, *"tekst", "enter", "ctrl+t", "ctrl+t", "f2")
    await press_all(pilot, "ctrl+a", *"Ring", "ctrl+s", "escape")
    await press_all(pilot, "f5", "right", "ctrl+t", "ctrl+t", "f3", "ctrl+r", "ctrl+n", "escape")
    screen = app.screen
    if isinstance(screen, MeetingScreen):
        screen.retry_file()
    await press_all(pilot, "ctrl+r", "ctrl+n", "ctrl+n", "enter")
    await still_running(pilot, "ending")


def toasts(app: Any) -> str:
    return toast_texts(app)


async def each_refusal(
    pilot: RRPilot, keys: Callable[[RRPilot], Any], ready: Callable[[], Any], share: int
) -> None:
    """Refuse, in turn, every ``SHARES``-th method the keys call, starting at ``share``."""
    app = pilot.app
    assert isinstance(app, RefleksionsrumApp)
    called: set[tuple[str, str]] = set()
    await ready()
    with watching(app, called):
        await keys(pilot)
    await still_running(pilot, "nothing refused")
    # The keys reach the store through its items, files and drafts, not one door alone.
    assert {where for where, _ in called} >= {"store", "drafts"}, called
    said = False
    mine = [target for target in TARGETS if target in called][share::SHARES]
    assert mine, called
    for where, name in mine:
        await ready()
        with refusing(app, where, name):
            await keys(pilot)
        await still_running(pilot, f"{where}.{name}")
        said = said or "prøve" in toasts(app)
    assert said  # the refusals were said on screen


@pytest.mark.parametrize("share", range(SHARES))
@pytest.mark.parametrize("where", ["start screen", "meeting"])
async def test_every_store_method_refusing_from_every_screen_is_a_message(
    make_app: AppFactory, where: str, share: int
) -> None:
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        await wait_for_store(pilot)
        app.start_meeting(None, "Kører", "Mette")
        await wait_for_screen(pilot, MeetingScreen)
        app.save_and_leave()
        app.back_to_start()
        await wait_for_screen(pilot, StartScreen)

        if where == "start screen":

            async def ready() -> None:
                app.back_to_start()
                await pilot.pause()

            await each_refusal(pilot, start_screen_keys, ready, share)
        else:

            async def ready_meeting() -> None:
                app.back_to_start()
                await pilot.pause()
                assert app.start_meeting(None, "Møde", "Mette")
                await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen), "a meeting")
                await wait_until(
                    pilot, lambda: bool(app.screen.query("#phase-title")), "the meeting drawn"
                )
                screen = app.screen
                assert isinstance(screen, MeetingScreen)
                # Straight to the last phase, where every kind of item is recorded.
                screen.room.goto_phase(len(screen.room.meeting.phases) - 1)
                await screen.show_phase()
                await pilot.pause()

            await each_refusal(pilot, meeting_keys, ready_meeting, share)
