"""Follow-up: the next meeting evaluates earlier trial actions; continue carries, adopt closes."""

from __future__ import annotations

from datetime import date

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.models import CarriedOut, Participant, TrialAction, Verdict
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace

DAY = 24 * 60


def start(workspace: Workspace, store: Store, clock: FakeClock, title: str) -> MeetingRoom:
    template = workspace.config.template("borgerniveau")
    people = [Participant("Mette", "facilitator"), Participant("Jonas", "note-taker")]
    return MeetingRoom(workspace, store, new_meeting(store, template, title, people, clock), clock)


def plan(room: MeetingRoom, title: str) -> TrialAction:
    return room.save_trial_action(
        TrialAction(
            id="",
            title=title,
            owner="Jonas",
            due=room.default_due(),
            prediction="Flere møder op.",
            measure="Fremmøde pr. gang.",
        )
    )


def evaluate(room: MeetingRoom, action: TrialAction, verdict: Verdict) -> TrialAction | None:
    _, adaptation = room.evaluate(
        action, CarriedOut.YES, "Det skete.", "Vi lærte noget.", verdict, "Som ventet."
    )
    return adaptation


def adapted_next_time(
    workspace: Workspace, store: Store, clock: FakeClock
) -> tuple[MeetingRoom, TrialAction, TrialAction]:
    """A home visit planned in one meeting and adapted in the next: (second, visit, adaptation)."""
    first = start(workspace, store, clock, "Møde 1")
    plan(first, "Hjemmebesøg")
    first.end()
    clock.advance(minutes=DAY)
    second = start(workspace, store, clock, "Møde 2")
    (waiting,) = second.open_trial_actions()
    adaptation = evaluate(second, waiting, Verdict.ADAPT)
    assert adaptation is not None
    return second, waiting, adaptation


def titles(actions: list[TrialAction]) -> list[str]:
    return [a.title for a in actions]


def test_trial_actions_flow_from_meeting_to_meeting(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    first = start(workspace, store, clock, "Møde 1")
    ring = plan(first, "Ring dagen før")
    clock.advance(minutes=1)
    sms = plan(first, "Send sms")
    clock.advance(minutes=1)
    visit = plan(first, "Hjemmebesøg")
    assert ring.id and sms.id and visit.id and len({ring.id, sms.id, visit.id}) == 3
    assert ring.due == date(2026, 12, 7)  # the template's rhythm: 14 days after 23 November
    # A meeting does not follow up its own trial actions.
    assert first.open_trial_actions() == []
    first.end()

    clock.advance(minutes=14 * DAY)
    second = start(workspace, store, clock, "Møde 2")
    assert second.meeting.previous == first.meeting.id
    waiting = second.open_trial_actions()
    assert titles(waiting) == ["Ring dagen før", "Send sms", "Hjemmebesøg"]  # oldest first
    assert all(a.meeting_id == first.meeting.id for a in waiting)
    by_title = {a.title: a for a in waiting}

    assert evaluate(second, by_title["Ring dagen før"], Verdict.CONTINUE) is None
    assert evaluate(second, by_title["Send sms"], Verdict.ADOPT) is None
    adaptation = evaluate(second, by_title["Hjemmebesøg"], Verdict.ADAPT)
    assert adaptation is not None
    assert adaptation.adapted_from == visit.id
    assert adaptation.id not in {ring.id, sms.id, visit.id}
    assert adaptation.meeting_id == second.meeting.id
    assert adaptation in second.meeting.trial_actions
    # Evaluated here, so still listed here (the verdict can be changed until the end).
    assert titles(second.open_trial_actions()) == ["Ring dagen før", "Send sms", "Hjemmebesøg"]
    assert second.evaluation_of(sms.id) is not None
    second.end()

    clock.advance(minutes=14 * DAY)
    third = start(workspace, store, clock, "Møde 3")
    waiting = third.open_trial_actions()
    # Continued comes back; adopted and adapted are closed; the adaptation is new.
    assert [a.id for a in waiting] == [ring.id, adaptation.id]
    assert waiting[1].adapted_from == visit.id
    assert waiting[1].meeting_id == second.meeting.id

    # Closing the continued one here closes it for good.
    evaluate(third, waiting[0], Verdict.ABANDON)
    third.end()
    clock.advance(minutes=14 * DAY)
    fourth = start(workspace, store, clock, "Møde 4")
    assert [a.id for a in fourth.open_trial_actions()] == [adaptation.id]


def test_changing_adapt_to_adopt_removes_the_adaptation(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    second, visit, adaptation = adapted_next_time(workspace, store, clock)
    waiting = visit
    # Saying adapt again keeps the one adaptation.
    again = evaluate(second, waiting, Verdict.ADAPT)
    assert again is not None and again.id == adaptation.id
    assert len(second.meeting.trial_actions) == 1

    assert evaluate(second, waiting, Verdict.ADOPT) is None
    assert second.meeting.trial_actions == []
    assert store.trial_action(adaptation.id) is None
    assert [e.verdict for e in store.load_meeting(second.meeting.id).evaluations] == [Verdict.ADOPT]
    second.end()
    clock.advance(minutes=DAY)
    third = start(workspace, store, clock, "Møde 3")
    assert third.open_trial_actions() == []
    assert visit.id not in {a.id for a in third.open_trial_actions()}


def test_a_resumed_meeting_keeps_its_evaluations_and_adaptation(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    second, waiting, adaptation = adapted_next_time(workspace, store, clock)
    second.leave()

    resumed = MeetingRoom.resume(workspace, store, second.meeting.id, clock)
    evaluation = resumed.evaluation_of(waiting.id)
    assert evaluation is not None and evaluation.verdict is Verdict.ADAPT
    assert resumed.adaptation_of(waiting.id) == adaptation
    # Choosing adapt again after the restart does not make a second adaptation.
    evaluate(resumed, waiting, Verdict.ADAPT)
    assert [a.id for a in store.load_meeting(second.meeting.id).trial_actions] == [adaptation.id]


def test_an_earlier_meeting_does_not_follow_up_a_later_one(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    first = start(workspace, store, clock, "Møde 1")
    clock.advance(minutes=DAY)
    second = start(workspace, store, clock, "Møde 2")
    plan(second, "Senere idé")
    assert first.open_trial_actions() == []
    assert second.open_trial_actions() == []
