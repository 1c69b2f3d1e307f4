"""A draft brought back after a crash survives the first key typed after it.

Found by test_kill.py: the restored entry line was shown, then the first keystroke replaced
it, because Textual's Input selects all its text when it gets the focus. The same held for
a restored form. Here on the Pilot, quickly, for the entry line and a trial action form.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files.sync import open_store
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.formbase import OPEN_MARK
from refleksionsrum.tui.forms import TrialActionForm
from refleksionsrum.tui.meeting import MeetingScreen
from support.pilot import RRPilot, plain, wait_until
from support.rooms import new_room


def crashed_meeting(root: Path, drafts: dict[str, dict[str, str]]) -> None:
    """A running meeting in the data phase, left with ``drafts`` as a crash leaves it."""
    workspace = Workspace.open(root)
    store = open_store(workspace)
    clock = FakeClock()
    room = new_room(workspace, store, "Møde", clock)
    room.next_phase()
    for key, fields in drafts.items():
        room.drafts.save(key, fields)
    store.close()


async def resumed(pilot: RRPilot, app: RefleksionsrumApp) -> MeetingScreen:
    await wait_until(
        pilot,
        lambda: not app.screen.query("#begin") or not app.screen.query_one("#begin").disabled,
        "the start screen is filled in",
    )
    await pilot.press("enter")
    await wait_until(
        pilot, lambda: isinstance(app.screen, MeetingScreen | TrialActionForm), "the meeting"
    )
    await pilot.pause()
    screen = app.screen_stack[-1] if isinstance(app.screen, MeetingScreen) else app.screen_stack[-2]
    assert isinstance(screen, MeetingScreen)
    return screen


async def test_typing_after_a_restored_entry_line_adds_to_it(workspace: Path) -> None:
    crashed_meeting(
        workspace, {"entry:data": {"entry-text": "Halvt skrevet", "entry-source": "Tal"}}
    )
    app = RefleksionsrumApp(Workspace.open(workspace), clock=FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await resumed(pilot, app)
        entry = screen.query_one("#entry-text", Input)
        assert entry.value == "Halvt skrevet"
        assert app.focused is entry
        await pilot.press("space", "o", "g")
        assert entry.value == "Halvt skrevet og"
        await pilot.press("tab", "x")
        assert screen.query_one("#entry-source", Input).value == "Talx"
        await pilot.press("ctrl+q")


async def test_typing_in_a_restored_form_adds_to_it(workspace: Path) -> None:
    crashed_meeting(workspace, {"form:new-action": {"input:ta-title": "Ring dagen før"}})
    app = RefleksionsrumApp(Workspace.open(workspace), clock=FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await resumed(pilot, app)
        await wait_until(pilot, lambda: isinstance(app.screen, TrialActionForm), "the form")
        form = app.screen
        assert isinstance(form, TrialActionForm)
        await pilot.pause()
        title = form.query_one("#ta-title", Input)
        assert title.value == "Ring dagen før"
        assert app.focused is title
        await pilot.press("space", "k", "l")
        assert title.value == "Ring dagen før kl"
        await pilot.press("ctrl+q")


async def test_a_cancelled_form_stays_cancelled_when_its_form_is_made_ahead(
    workspace: Path,
) -> None:
    """The next steps make the trial action form unseen; its cancelled draft is not reopened.

    Restored into the unseen form, the draft's changes once stored it again as open, and
    a crash after that brought back by itself a form the facilitator had closed.
    """
    store = open_store(Workspace.open(workspace))
    room = new_room(Workspace.open(workspace), store, "Møde", FakeClock())
    for _ in range(4):
        room.next_phase()  # the next steps, where the form is made ahead
    room.drafts.save("form:new-action", {"input:ta-title": "Halv idé", OPEN_MARK: "0"})
    store.close()
    app = RefleksionsrumApp(Workspace.open(workspace), clock=FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await resumed(pilot, app)
        assert isinstance(app.screen, MeetingScreen), "a cancelled form opened by itself"
        await wait_until(
            pilot,
            lambda: screen.editor._blank is not None and screen.editor._blank.is_mounted,
            "the form made ahead",
        )
        for _ in range(3):
            await pilot.pause()
        kept = screen.editor._blank
        assert kept is not None
        assert kept._draft_timer is None
        assert room.drafts.get("form:new-action")[OPEN_MARK] == "0"
        await pilot.press("ctrl+q")


async def test_the_agenda_behind_a_restored_form_is_drawn_for_its_width(workspace: Path) -> None:
    """The form reopened after a crash covers a meeting whose agenda is whole behind it."""
    crashed_meeting(workspace, {"form:new-action": {"input:ta-title": "Ring dagen før"}})
    app = RefleksionsrumApp(Workspace.open(workspace), clock=FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await resumed(pilot, app)
        await wait_until(pilot, lambda: isinstance(app.screen, TrialActionForm), "the form")
        phases = screen.query_one("#agenda-phases", Static)
        # Drawn before the layout gave the agenda its width, it was a column of letters.
        await wait_until(
            pilot, lambda: "Opfølgning" in plain(phases.content), "the phases drawn whole"
        )
        await pilot.press("ctrl+q")
