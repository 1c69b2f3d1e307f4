"""Hypothesis strategies for meetings with any text, times with offsets, and unknown keys."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import strategies as st

from refleksionsrum.core import models as m
from refleksionsrum.core.files import sessionwrite

# Any text at all: markup, escape sequences, quotes, newlines, any script.
texts = st.one_of(
    st.text(),
    st.sampled_from(
        [
            "[bold]fed[/bold]",
            "\x1b[2J\x1b[H",
            "citat \"her\" og 'der'",
            "linje 1\nlinje 2\r\nlinje 3",
            '"""',
            "'''",
            "tab\there",
            "\\n er ikke en ny linje",
            "æøå ÆØÅ ẞ 🙂",
            "",
            " ",
            "# ikke en kommentar",
            "x = 1",
        ]
    ),
)
optional_texts = st.none() | texts
offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
times = st.builds(
    lambda naive, tz: naive.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)),
    offsets,
).map(lambda value: value.replace(microsecond=0))
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
safe_ids = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,40}\Z")
counts = st.integers(min_value=0, max_value=10_000)


extra_keys = st.from_regex(r"\A[a-z][a-z0-9_-]{0,11}\Z").filter(
    lambda key: key not in sessionwrite.KNOWN_TOP
)
extra_values = st.one_of(
    texts,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    dates,
    times,
    st.lists(texts, max_size=3),
    st.dictionaries(extra_keys, texts, max_size=3),
)


@st.composite
def meetings(draw: st.DrawFn) -> m.Meeting:
    meeting_id = draw(safe_ids)
    started = draw(times)
    phase_keys = draw(st.lists(texts, min_size=1, max_size=6, unique=True))
    action_ids = draw(st.lists(texts, max_size=4, unique=True))
    return m.Meeting(
        id=meeting_id,
        title=draw(texts),
        template=draw(texts),
        started_at=started,
        ended_at=draw(st.none() | times),
        previous=draw(st.none() | safe_ids),
        participants=draw(st.lists(st.builds(m.Participant, name=texts, role=texts), max_size=4)),
        phases=[
            m.PhaseRecord(
                key=key,
                title=draw(texts),
                planned_minutes=draw(counts),
                # The file keeps whole seconds.
                elapsed_ms=draw(counts) * 1000,
                # F2 and F3 add whole minutes.
                added_ms=draw(counts) * 60_000,
            )
            for key in phase_keys
        ],
        notes=draw(
            st.lists(
                st.builds(
                    m.Note,
                    phase=st.sampled_from(phase_keys) | texts,
                    kind=st.sampled_from(m.NoteKind),
                    text=texts,
                    created_at=times,
                    source=optional_texts,
                ),
                max_size=6,
            )
        ),
        decisions=draw(st.lists(st.builds(m.Decision, text=texts, created_at=times), max_size=4)),
        trial_actions=[
            m.TrialAction(
                id=action_id,
                title=draw(texts),
                owner=draw(texts),
                due=draw(dates),
                prediction=draw(texts),
                measure=draw(texts),
                development_point=draw(optional_texts),
                adapted_from=draw(optional_texts),
                # Set by the reader from the meeting that holds the file.
                meeting_id=meeting_id,
                meeting_started_at=started,
            )
            for action_id in action_ids
        ],
        evaluations=draw(
            st.lists(
                st.builds(
                    m.Evaluation,
                    trial_action=texts,
                    carried_out=st.sampled_from(m.CarriedOut),
                    what_happened=texts,
                    learning=texts,
                    verdict=st.sampled_from(m.Verdict),
                    compared_to_prediction=optional_texts,
                    title=optional_texts,
                ),
                max_size=4,
                # One evaluation per trial action per meeting (the reader refuses two).
                unique_by=lambda evaluation: evaluation.trial_action,
            )
        ),
        # Keys another tool wrote; kept and written back.
        extra=draw(st.dictionaries(extra_keys, extra_values, max_size=3)),
    )
