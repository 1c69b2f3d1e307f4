"""Search finds Danish as Danes write it: inflections, compounds, æ, ø, å, phrases, filters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from memory_corpus import at, fill
from refleksionsrum.core.models import Note, NoteKind
from refleksionsrum.core.search.find import Hit, marked, search
from refleksionsrum.core.search.indexer import update_index
from refleksionsrum.core.search.query import QueryError, parse_query
from refleksionsrum.core.store.database import Store


@pytest.fixture
def archive(url: str) -> Iterator[Store]:
    """The corpus, indexed, on both backends (``url``): the same assertions hold on each."""
    store = Store(url)
    try:
        fill(store)
        update_index(store)
        yield store
    finally:
        store.close()


def texts(store: Store, query: str) -> set[str]:
    return {hit.text.splitlines()[0] for hit in search(store, query)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # inflections find each other
        (
            "borger",
            {
                "Borgeren kom ikke til samtalen.",
                "Borgerne i gruppeforløbet manglede transport.",
                "Borgerrådgiveren deltager næste gang.",  # a compound; not Borgmesteren
            },
        ),
        (
            "borgerne",
            {"Borgeren kom ikke til samtalen.", "Borgerne i gruppeforløbet manglede transport."},
        ),
        ("afprøvning", {"Afprøvningen af den nye mødetid fortsætter."}),
        # compounds that contain the word; a word ends or starts them
        (
            "behandling",
            {
                "Familiebehandlingen tager længere tid end ventet.",
                "Hvorfor steg Sagsbehandlingstiden i marts?",
            },
        ),
        # æ, ø, å are letters, and case folds
        ("får", {"Vi får først svar fra forvaltningen i april."}),
        ("far", {"Min far kørte dem før i tiden."}),
        ("ÆBLE", {"Hvert barn fik et æble i pausen."}),
        ("ø", {"Vi holdt sommermødet på en ø."}),
        ("o", {"Kaffe, kage o.l. hjælper."}),
    ],
)
def test_danish_words(archive: Store, query: str, expected: set[str]) -> None:
    assert texts(archive, query) == expected


def test_a_word_finds_the_compounds_it_begins(archive: Store) -> None:
    assert "Familiebehandlingen tager længere tid end ventet." in texts(archive, "familie")
    assert "Borgmesteren kommer på besøg." not in texts(archive, "borger")


def test_words_are_anded_and_phrases_keep_their_order(archive: Store) -> None:
    assert texts(archive, "borgerne transport") == {"Borgerne i gruppeforløbet manglede transport."}
    assert texts(archive, '"kom ikke"') == {"Borgeren kom ikke til samtalen."}
    assert texts(archive, '"ikke kom"') == set()


def test_exclusion(archive: Store) -> None:
    everything = texts(archive, "transport")
    assert "Mødet blev aflyst på grund af transport." in everything
    assert texts(archive, "transport -aflyst") == everything - {
        "Mødet blev aflyst på grund af transport."
    }
    assert "Mødet blev aflyst på grund af transport." not in texts(archive, "-transport")


def test_owner_in_both_languages(archive: Store) -> None:
    danish = search(archive, "ejer:jonas familier")
    english = search(archive, "owner:Jonas familier")
    assert [h.text for h in danish] == [h.text for h in english]
    kinds = {h.kind.value for h in danish}
    assert kinds <= {"trial-action", "evaluation"} and "trial-action" in kinds
    assert all("Buskort" not in h.text for h in danish)


def test_dates_and_phase(archive: Store) -> None:
    assert texts(archive, "transport fra:2026-05-01") == {
        "Transporten til gruppeforløbet virker nu.",
        "Mødet blev aflyst på grund af transport.",
        "Kommunen kunne ikke udstede buskort.",  # its learning names transport
    }
    june_on = {h.meeting_id for h in search(archive, "transport from:01-05-2026")}
    assert june_on == {"2026-06-10-1300-familie"}
    before = {h.meeting_id for h in search(archive, "transport til:2026-04")}
    assert before == {"2026-03-05-1300-familie"}
    data_only = search(archive, "fase:data transport")
    assert {h.phase for h in data_only} == {"data"}
    by_title = search(archive, "phase:Datagennemgang transport")
    assert [h.text for h in by_title] == [h.text for h in data_only]


def test_a_bad_date_is_one_clear_error() -> None:
    with pytest.raises(QueryError) as raised:
        parse_query("fra:32-13-2026")
    assert raised.value.key == "search.bad_date"
    assert parse_query("til:2026-02").until == date(2026, 2, 28)


def test_hits_say_where_they_are_and_mark_the_words(archive: Store) -> None:
    [hit] = search(archive, "sagsbehandlingstid")
    assert hit.meeting_title == "Refleksionsmøde, marts"
    assert hit.kind.value == "wondering" and hit.phase == "wonder"
    assert hit.where == "notes[4]"
    assert marked(hit) == "Hvorfor steg «Sagsbehandlingstiden» i marts?"


def test_words_rank_before_compound_parts_newest_first(archive: Store) -> None:
    hits: list[Hit] = search(archive, "gruppe fase:data")
    # "gruppen" is the word itself (inflected); "gruppeforløbet" holds it as a part.
    assert [h.text.splitlines()[0] for h in hits] == [
        "Ikke alle kom til gruppen.",
        "Transporten til gruppeforløbet virker nu.",
        "Borgerne i gruppeforløbet manglede transport.",
    ]


def test_the_index_follows_every_edit(archive: Store) -> None:
    meeting_id = "2026-09-02-1300-skole"
    note = archive.items.add_note(
        meeting_id, Note("data", NoteKind.OBSERVATION, "Cykelturen gik godt.", at(date(2026, 9, 2)))
    )
    assert texts(archive, "cykeltur") == set()  # not until the indexer has run
    update_index(archive)
    assert texts(archive, "cykeltur") == {"Cykelturen gik godt."}
    archive.items.update_note(
        Note("data", NoteKind.OBSERVATION, "Gåturen gik godt.", note.created_at, id=note.id)
    )
    update_index(archive)
    assert texts(archive, "cykeltur") == set()
    assert texts(archive, "gåtur") == {"Gåturen gik godt."}
    archive.delete_meeting(meeting_id)
    update_index(archive)
    assert texts(archive, "gåtur") == set()
    assert texts(archive, "trivsel") == set()


def test_a_second_update_has_nothing_to_do(archive: Store) -> None:
    assert update_index(archive).done == 0


def test_an_empty_query_finds_nothing(archive: Store) -> None:
    assert search(archive, "") == []
    assert search(archive, '"" -') == []
