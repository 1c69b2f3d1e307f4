"""The search box's little language: words ANDed, "phrases", -exclusions and field filters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from refleksionsrum.core.search.words import fold, words


class Field(StrEnum):
    """A filter a query can name, in either language."""

    OWNER = "owner"
    PHASE = "phase"
    FROM = "from"
    TO = "to"


# Danish and English names of each filter; both work whatever the language.
FIELD_NAMES: dict[str, Field] = {
    "ejer": Field.OWNER,
    "owner": Field.OWNER,
    "fase": Field.PHASE,
    "phase": Field.PHASE,
    "fra": Field.FROM,
    "from": Field.FROM,
    "til": Field.TO,
    "to": Field.TO,
}

# One piece of a query: an optional minus, an optional name:, then "quoted" or bare text.
_PIECE = re.compile(r'\s*(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))')
_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_DANISH = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")


class QueryError(ValueError):
    """A filter the user wrote that cannot be understood; ``key`` names the message."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass
class Query:
    """A parsed query: every term must match, no excluded term may."""

    # Each term is a run of folded words: one word, or the words of a phrase in order.
    terms: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    owner: str | None = None
    phase: str | None = None
    since: date | None = None
    until: date | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.terms)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.excluded or self.owner or self.phase) and (
            self.since is None and self.until is None
        )


def parse_query(text: str) -> Query:
    """Read a query; raises QueryError for a date that is not one."""
    query = Query()
    for match in _PIECE.finditer(text):
        minus, name, quoted, bare = match.groups()
        value = quoted if quoted is not None else (bare or "")
        chosen = FIELD_NAMES.get(fold(name)) if name else None
        if name and chosen is None:
            # "kl:13" or a URL: not a filter, just text.
            value = f"{name}:{value}"
        if chosen is not None and not minus:
            _set_field(query, chosen, value.strip())
            continue
        found = words(value)
        if not found:
            continue
        (query.excluded if minus else query.terms).append(found)
    return query


def _set_field(query: Query, chosen: Field, value: str) -> None:
    if not value:
        return
    if chosen is Field.OWNER:
        query.owner = value
    elif chosen is Field.PHASE:
        query.phase = value
    elif chosen is Field.FROM:
        query.since = parse_day(value, last=False)
    else:
        query.until = parse_day(value, last=True)


def parse_day(value: str, *, last: bool) -> date:
    """2026-11-22, 22-11-2026, 22.11.2026, 2026-11 or 2026; a month or year counts whole."""
    try:
        if found := _ISO.match(value):
            year, month = int(found[1]), int(found[2])
            if found[3]:
                return date(year, month, int(found[3]))
            return _month_end(year, month) if last else date(year, month, 1)
        if found := _DANISH.match(value):
            return date(int(found[3]), int(found[2]), int(found[1]))
        if found := _YEAR.match(value):
            return date(int(found[1]), 12, 31) if last else date(int(found[1]), 1, 1)
    except ValueError:
        pass
    raise QueryError("search.bad_date", value=value)


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)
