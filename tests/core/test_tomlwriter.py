"""The one TOML writer: whatever tomllib can read back, it writes so tomllib reads the same."""

from __future__ import annotations

import math
import tomllib
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from refleksionsrum.core.tomltext.writer import fields, value

_offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
_scalars = st.one_of(
    st.text(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(timezones=st.none() | _offsets),
    st.times(),
)
_keys = st.text(min_size=1, max_size=12)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(_keys, _values, max_size=6))
def test_a_table_written_reads_back_the_same(table: dict[str, Any]) -> None:
    assert tomllib.loads(fields(table)) == table


@given(st.dictionaries(_keys, st.lists(st.text(), max_size=4), max_size=4))
def test_lists_spread_over_lines_read_back_the_same(table: dict[str, Any]) -> None:
    assert tomllib.loads(fields(table, spread_lists=True)) == table


def test_date_times_are_written_with_the_t_the_contract_shows() -> None:
    started = datetime(2026, 11, 22, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    assert value(started) == "2026-11-22T13:00:00+01:00"
    assert value(datetime(2026, 11, 22, 12, 0, tzinfo=UTC)) == "2026-11-22T12:00:00+00:00"
    assert value(date(2026, 12, 6)) == "2026-12-06"
    assert value(time(9, 30)) == "09:30:00"


def test_text_that_needs_escaping_is_escaped_and_keys_quoted_where_they_must_be() -> None:
    written = fields({"tekst": 'Et "citat"\n\x1b[2J\x7f', "med mellemrum": 1, "æble": 2})
    assert tomllib.loads(written) == {
        "tekst": 'Et "citat"\n\x1b[2J\x7f',
        "med mellemrum": 1,
        "æble": 2,
    }
    assert '"med mellemrum" = 1' in written


def test_special_floats_are_toml_words() -> None:
    assert value(math.inf) == "inf"
    assert value(-math.inf) == "-inf"
    assert math.isnan(tomllib.loads(f"x = {value(math.nan)}")["x"])
