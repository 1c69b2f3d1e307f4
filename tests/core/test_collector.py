"""The cycle collector's pauses: nested, shared by threads, and the program's loading held once."""

from __future__ import annotations

import gc

import pytest

from refleksionsrum.core import collector


@pytest.fixture(autouse=True)
def collector_on(fresh_collector: None) -> None:
    """Each test begins and ends with the collector on, nothing paused or frozen."""


def test_nested_pauses_keep_it_off_until_the_last_ends() -> None:
    with collector.collection_paused():
        assert not gc.isenabled()
        with collector.collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause is still open
    assert gc.isenabled()


def test_a_collector_the_program_turned_off_stays_off() -> None:
    gc.disable()
    with collector.collection_paused():
        pass
    assert not gc.isenabled()


def test_loading_held_is_resumed_once_and_what_was_made_is_frozen() -> None:
    collector.hold_while_loading()
    assert not gc.isenabled()
    made_while_loading = [object() for _ in range(10)]
    collector.loaded()
    assert gc.isenabled()
    # Kept out of later collections: moved to the generation the collector never walks.
    assert gc.get_freeze_count() >= len(made_while_loading)
    with collector.collection_paused():
        collector.loaded()  # a second call (another screen's first frame) changes nothing
        assert not gc.isenabled()
    assert gc.isenabled()


def test_loaded_without_a_hold_leaves_the_collector_as_it_is() -> None:
    collector.loaded()  # tests run the app without launch.py: nothing is held
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_an_ingest_paused_during_loading_does_not_turn_it_on_early() -> None:
    collector.hold_while_loading()
    with collector.collection_paused():
        pass
    assert not gc.isenabled()  # still loading
    collector.loaded()
    assert gc.isenabled()
