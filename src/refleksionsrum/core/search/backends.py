"""The query in each database's own search: SQLite FTS5, PostgreSQL's danish configuration.

Both return the same rows in the same order. Best first means: records where every
term is found as a word (in any inflection) come before those where a term is found
only inside a compound; newest meeting first within each. Document ids grow towards
the past (indexer.py), so newest first is ascending order, which FTS5 reads lazily.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from refleksionsrum.core.search.plan import Plan, Term, filters
from refleksionsrum.core.search.schema import pg_config
from refleksionsrum.core.search.words import part_grams

_SELECT = (
    "SELECT d.id, d.meeting_id, d.kind, d.phase, d.phase_title, d.position, d.body,"
    " m.title, m.started_at FROM {source} JOIN meeting AS m ON m.id = d.meeting_id"
)


def find_rows(connection: Connection, plan: Plan, limit: int) -> list[Any]:
    """The matching records, best first, at most ``limit``."""
    if connection.dialect.name == "sqlite":
        return _sqlite(connection, plan, limit)
    return _postgres(connection, plan, limit)


# -- SQLite ------------------------------------------------------------------------------------


def _fts_term(term: Term, *, parts: bool) -> str:
    phrase = '"' + " ".join(term.stems) + '"'
    if parts and term.part is not None:
        return f'(stems : {phrase} OR parts : "{part_grams(term.part)}")'
    return f"(stems : {phrase})"


def _fts(terms: tuple[Term, ...], *, parts: bool) -> str:
    return " AND ".join(_fts_term(term, parts=parts) for term in terms)


def _sqlite(connection: Connection, plan: Plan, limit: int) -> list[Any]:
    where, params = filters(plan)
    excluded = " OR ".join(_fts_term(term, parts=True) for term in plan.excluded)
    if not plan.terms:
        if excluded:
            where.append("d.id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :x)")
            params["x"] = excluded
        sql = _SELECT.format(source="search_doc AS d")
        sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.id LIMIT :n"
        return list(connection.execute(text(sql), {**params, "n": limit}))
    sql = (
        _SELECT.format(source="search_fts AS f JOIN search_doc AS d ON d.id = f.rowid")
        + " WHERE search_fts MATCH :q"
    )
    sql += "".join(f" AND {condition}" for condition in where)
    sql += " ORDER BY f.rowid LIMIT :n"
    words = _fts(plan.terms, parts=False)
    tiers = [words]
    if any(term.part for term in plan.terms):
        # The same terms found as compound parts too, less those already found as words.
        tiers.append(f"({_fts(plan.terms, parts=True)}) NOT ({words})")
    found: list[Any] = []
    for match in tiers:
        if excluded:
            match = f"({match}) NOT ({excluded})"
        found += connection.execute(text(sql), {**params, "q": match, "n": limit - len(found)})
        if len(found) >= limit:
            break
    return found


# -- PostgreSQL -------------------------------------------------------------------------------


def _pg_term(term: Term, index: int, params: dict[str, object], config: str, *, parts: bool) -> str:
    # The words as typed go to PostgreSQL's own Danish stemmer; <-> keeps a phrase in order.
    params[f"w{index}"] = " <-> ".join(f"'{word}'" for word in term.words)
    words = f"d.words @@ to_tsquery('{config}', :w{index})"
    if parts and term.part is not None:
        params[f"p{index}"] = " <-> ".join(f"'{gram}'" for gram in part_grams(term.part).split())
        return f"({words} OR d.parts @@ to_tsquery('simple', :p{index}))"
    return f"({words})"


def _postgres(connection: Connection, plan: Plan, limit: int) -> list[Any]:
    where, params = filters(plan)
    config = pg_config(connection)
    for index, term in enumerate(plan.excluded):
        where.append("NOT " + _pg_term(term, 100 + index, params, config, parts=True))
    sql = _SELECT.format(source="search_doc AS d")
    if not plan.terms:
        sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.id LIMIT :n"
        return list(connection.execute(text(sql), {**params, "n": limit}))
    words = " AND ".join(
        _pg_term(t, i, params, config, parts=False) for i, t in enumerate(plan.terms)
    )
    tiers = [words]
    if any(term.part for term in plan.terms):
        full = " AND ".join(
            _pg_term(t, i, params, config, parts=True) for i, t in enumerate(plan.terms)
        )
        tiers.append(f"({full}) AND NOT ({words})")
    found: list[Any] = []
    for match in tiers:
        conditions = " AND ".join([match, *where])
        query = f"{sql} WHERE {conditions} ORDER BY d.id LIMIT :n"
        found += connection.execute(text(query), {**params, "n": limit - len(found)})
        if len(found) >= limit:
            break
    return found
