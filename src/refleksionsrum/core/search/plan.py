"""A parsed query as the backends need it: per term the stems to match as words or parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from refleksionsrum.core.search.query import Query
from refleksionsrum.core.search.words import MIN_PART, fold, stem
from refleksionsrum.core.store.conditions import Conditions


@dataclass(frozen=True)
class Term:
    """Words that must appear in order (one word, or a phrase), as typed and as stems."""

    words: tuple[str, ...]
    stems: tuple[str, ...]

    @cached_property
    def part(self) -> str | None:
        """What to look for inside compounds: one word's stem, or the word if its stem is short.

        "behandlingen" looks for "behandling"; "borger" (stem "borg", too short to look
        for inside other words) looks for "borger", so it finds "borgerrådgiver" but
        not "borgmester".
        """
        if len(self.stems) != 1:
            return None
        for candidate in (self.stems[0], self.words[0]):
            if len(candidate) >= MIN_PART:
                return candidate
        return None


@dataclass(frozen=True)
class Plan:
    terms: tuple[Term, ...]
    excluded: tuple[Term, ...]
    owner: str | None = None
    phase: str | None = None
    since: date | None = None
    until: date | None = None


def make_plan(query: Query) -> Plan:
    def term(found: list[str]) -> Term:
        return Term(tuple(found), tuple(stem(word) for word in found))

    return Plan(
        terms=tuple(term(found) for found in query.terms),
        excluded=tuple(term(found) for found in query.excluded),
        owner=fold(query.owner) if query.owner else None,
        phase=fold(query.phase) if query.phase else None,
        since=query.since,
        until=query.until,
    )


def filters(plan: Plan) -> tuple[list[str], dict[str, object]]:
    """SQL conditions on search_doc AS d (both backends) and their parameters."""
    found = Conditions()
    if plan.owner:
        found.add("d.owner = :owner", owner=plan.owner)
    if plan.phase:
        found.add("(LOWER(d.phase) = :phase OR LOWER(d.phase_title) = :phase)", phase=plan.phase)
    if plan.since:
        found.add("d.day >= :since", since=plan.since.isoformat())
    if plan.until:
        found.add("d.day <= :until", until=plan.until.isoformat())
    return found.where, found.params
