"""One search function over either database: a query in, hits with marked snippets out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from refleksionsrum.core.search.backends import find_rows
from refleksionsrum.core.search.documents import DocKind
from refleksionsrum.core.search.plan import Plan, make_plan
from refleksionsrum.core.search.query import Query, parse_query
from refleksionsrum.core.search.words import COMPOUND, WORD, fold, stem
from refleksionsrum.core.store.database import Store

DEFAULT_LIMIT = 50
SNIPPET = 90  # characters around the first hit


@dataclass(frozen=True)
class Hit:
    """A record that matched, where it is, and a short piece of it with the hits marked."""

    meeting_id: str
    meeting_title: str
    started_at: datetime
    kind: DocKind
    phase: str | None
    phase_title: str | None
    position: int
    text: str
    snippet: str
    # (start, end) of each hit in ``snippet``.
    marks: tuple[tuple[int, int], ...]

    @property
    def where(self) -> str:
        """The record's place in its session file, e.g. notes[3]."""
        return f"{self.kind.field_list}[{self.position}]"


def search(store: Store, query: str | Query, limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """Every record of the workspace that the query finds, best first (QueryError if bad)."""
    parsed = parse_query(query) if isinstance(query, str) else query
    if parsed.is_empty:
        return []
    plan = make_plan(parsed)
    with store.engine.connect() as connection:
        rows = find_rows(connection, plan, limit)
        connection.rollback()
    hits = []
    for row in rows:
        body = str(row[6])
        snippet, marks = make_snippet(body, plan)
        hits.append(
            Hit(
                meeting_id=str(row[1]),
                meeting_title=str(row[7]),
                started_at=datetime.fromisoformat(str(row[8])),
                kind=DocKind(row[2]),
                phase=row[3],
                phase_title=row[4],
                position=int(row[5]),
                text=body,
                snippet=snippet,
                marks=marks,
            )
        )
    return hits


def _matcher(plan: Plan) -> Callable[[str], bool]:
    """Whether a word of the text is one the query looked for (as a word or a part)."""
    stems = {stemmed for term in plan.terms for stemmed in term.stems}
    parts = [term.part for term in plan.terms if term.part is not None]

    def hits(word: str) -> bool:
        folded = fold(word)
        if stem(folded) in stems:
            return True
        return len(folded) >= COMPOUND and any(part in folded for part in parts)

    return hits


def make_snippet(body: str, plan: Plan) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Up to SNIPPET characters of ``body`` around its first hit, on one line."""
    flat = " ".join(body.split())
    hits = _matcher(plan)
    found = [m.span() for m in WORD.finditer(flat) if hits(m.group())]
    start = 0
    if found and len(flat) > SNIPPET:
        start = max(0, found[0][0] - SNIPPET // 3)
        # Begin at a word, not in the middle of one.
        while 0 < start < len(flat) and flat[start - 1] != " ":
            start += 1
    end = min(len(flat), start + SNIPPET)
    while end < len(flat) and flat[end] != " " and end - start < SNIPPET + 20:
        end += 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix) - start
    marks = tuple((a + shift, b + shift) for a, b in found if a >= start and b <= end)
    return prefix + flat[start:end] + suffix, marks


def marked(hit: Hit, before: str = "«", after: str = "»") -> str:
    """The snippet with each hit between ``before`` and ``after`` (text and JSON output)."""
    out, last = [], 0
    for start, end in hit.marks:
        out += [hit.snippet[last:start], before, hit.snippet[start:end], after]
        last = end
    out.append(hit.snippet[last:])
    return "".join(out)
