"""trial_action.closed_by stays in step with the evaluations, and older databases get it."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

from refleksionsrum.core.clock import zone
from refleksionsrum.core.models import (
    CarriedOut,
    Evaluation,
    Meeting,
    PhaseRecord,
    TrialAction,
    Verdict,
)
from refleksionsrum.core.store.database import Store

START = datetime(2026, 11, 2, 13, tzinfo=zone())


def meeting(number: int) -> Meeting:
    return Meeting(
        id=f"m{number}",
        title=f"Møde {number}",
        template="borgerniveau",
        started_at=START + timedelta(days=14 * number),
        phases=[PhaseRecord("followup", "Opfølgning", 5)],
    )


def action(action_id: str) -> TrialAction:
    return TrialAction(action_id, "Ring", "Jonas", date(2026, 12, 1), "4 af 6", "Fremmøde")


def evaluation(action_id: str, verdict: Verdict) -> Evaluation:
    return Evaluation(action_id, CarriedOut.YES, "Skete", "Lærte", verdict)


def open_ids(store: Store, meeting_id: str) -> list[str]:
    return [a.id for a in store.open_trial_actions(meeting_id)]


def test_verdicts_open_and_close_as_they_change(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    first = meeting(1)
    first.trial_actions = [action("ta-a"), action("ta-b")]
    store.save_meeting(first)
    store.save_meeting(meeting(2))
    store.save_meeting(meeting(3))
    store.items.save_evaluation("m2", evaluation("ta-a", Verdict.ADOPT))
    # Closed by meeting 2: meeting 2 still shows it (to change it), meeting 3 does not.
    assert open_ids(store, "m2") == ["ta-a", "ta-b"]
    assert open_ids(store, "m3") == ["ta-b"]
    store.items.save_evaluation("m2", evaluation("ta-a", Verdict.CONTINUE))
    assert open_ids(store, "m3") == ["ta-a", "ta-b"]
    store.items.save_evaluation("m2", evaluation("ta-a", Verdict.ABANDON))
    store.items.delete_evaluation("m2", "ta-a")
    assert open_ids(store, "m3") == ["ta-a", "ta-b"]
    store.close()


def test_a_meeting_taken_in_before_the_one_it_follows_up_still_closes_it(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    second = meeting(2)
    second.evaluations = [evaluation("ta-a", Verdict.ADAPT)]
    store.save_meeting(second)  # its evaluation names a trial action not yet known
    first = meeting(1)
    first.trial_actions = [action("ta-a")]
    store.save_meeting(first)
    store.save_meeting(meeting(3))
    assert open_ids(store, "m3") == []
    store.delete_meeting("m2")
    assert open_ids(store, "m3") == ["ta-a"]
    store.close()


def test_a_version_2_database_is_given_closed_by(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    store = Store(f"sqlite:///{path}")
    first = meeting(1)
    first.trial_actions = [action("ta-a"), action("ta-b")]
    store.save_meeting(first)
    second = meeting(2)
    second.evaluations = [evaluation("ta-a", Verdict.ADOPT)]
    store.save_meeting(second)
    store.save_meeting(meeting(3))
    store.close()
    # As version 2 left it: no closed_by column at all.
    with sqlite3.connect(path) as raw:
        raw.execute("DROP INDEX ix_trial_action_closed_by")
        raw.execute("ALTER TABLE trial_action DROP COLUMN closed_by")
        raw.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    raw.close()
    reopened = Store(f"sqlite:///{path}")
    assert open_ids(reopened, "m3") == ["ta-b"]
    reopened.close()
