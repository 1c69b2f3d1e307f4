"""Keep the index in step with the store, a few meetings per short transaction.

Run off the first paint (a worker in the app, before a search on the command line):
each batch holds the write lock only briefly, so a facilitator typing in a running
meeting never waits long for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from refleksionsrum.core.search.documents import Document, read_documents, started_seconds
from refleksionsrum.core.search.schema import make_index, pg_config
from refleksionsrum.core.search.words import fold, parts_of, stems_of, words
from refleksionsrum.core.store.database import Store

BATCH = 50
_SIMPLE_PARTS = "to_tsvector('simple', :parts)"
# Documents of one meeting get ids from its start: (EPOCH_END - seconds) * SLOTS, so
# ascending ids are newest meeting first, the order in which FTS5 reads a term's list
# lazily: a search for a common word stops after the first LIMIT rows.
SLOTS = 1_000_000
EPOCH_END = 2**32


@dataclass
class Progress:
    """How far the indexer is: meetings done, and meetings that were waiting."""

    done: int = 0
    waiting: int = 0


def update_index(
    store: Store, progress: Callable[[Progress], None] | None = None, pause: float = 0.0
) -> Progress:
    """Take in every meeting that changed since the last update; returns what was done.

    ``pause`` seconds between batches let a screen's thread run while a first build of
    a large archive goes on in a worker (Python runs one thread at a time).
    """
    with store.writing() as session:
        make_index(session.connection())
    with store.engine.connect() as connection:
        waiting = connection.execute(text("SELECT COUNT(*) FROM search_dirty")).scalar() or 0
        connection.rollback()
    state = Progress(waiting=int(waiting))
    while True:
        with store.writing() as session:
            connection = session.connection()
            ids = [
                str(row[0])
                for row in connection.execute(
                    text("SELECT meeting_id FROM search_dirty ORDER BY meeting_id LIMIT :n"),
                    {"n": BATCH},
                )
            ]
            if not ids:
                break
            _reindex(connection, ids)
            connection.execute(
                text("DELETE FROM search_dirty WHERE meeting_id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": ids},
            )
        state.done += len(ids)
        if progress is not None:
            progress(state)
        if pause:
            time.sleep(pause)
    return state


def _reindex(connection: Connection, meeting_ids: list[str]) -> None:
    sqlite = connection.dialect.name == "sqlite"
    chosen = {"ids": meeting_ids}
    old = connection.execute(
        text("SELECT id, body FROM search_doc WHERE meeting_id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        ),
        chosen,
    ).all()
    if sqlite and old:
        # A contentless FTS5 table forgets a row only when told the terms it had.
        connection.execute(
            text(
                "INSERT INTO search_fts (search_fts, rowid, stems, parts)"
                " VALUES ('delete', :id, :stems, :parts)"
            ),
            [{"id": row[0], "stems": stems_of(row[1]), "parts": parts_of(row[1])} for row in old],
        )
    connection.execute(
        text("DELETE FROM search_doc WHERE meeting_id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        ),
        chosen,
    )
    documents = read_documents(connection, meeting_ids)
    if not documents:
        return
    rows = _numbered(connection, documents)
    # PostgreSQL reads the words as this program splits them (its parser would take
    # "o.l." for a host name): the same words on both backends, its own stemmer.
    config = "" if sqlite else pg_config(connection)
    if not sqlite:
        for row in rows:
            row["plain"] = " ".join(words(row["body"]))
    connection.execute(
        text(
            "INSERT INTO search_doc (id, meeting_id, kind, phase, phase_title, position, owner,"
            " day, body"
            + (") VALUES (" if sqlite else ", words, parts) VALUES (")
            + ":id, :meeting_id, :kind, :phase, :phase_title, :position, :owner, :day, :body"
            + (")" if sqlite else f", to_tsvector('{config}', :plain), {_SIMPLE_PARTS})")
        ),
        rows,
    )
    if sqlite:
        connection.execute(
            text("INSERT INTO search_fts (rowid, stems, parts) VALUES (:id, :stems, :parts)"),
            rows,
        )


def _numbered(connection: Connection, documents: list[Document]) -> list[dict[str, Any]]:
    """Rows to insert, each with an id that orders meetings newest first."""
    rows = []
    # Two meetings that started in the same second share a range of ids: the second
    # starts after whatever the first took, in the database or in this batch.
    free: dict[int, int] = {}
    for document in sorted(documents, key=lambda d: d.meeting_id):
        base = (EPOCH_END - started_seconds(document.started_utc)) * SLOTS
        if base not in free:
            taken = connection.execute(
                text("SELECT MAX(id) FROM search_doc WHERE id >= :low AND id < :high"),
                {"low": base, "high": base + SLOTS},
            ).scalar()
            free[base] = base if taken is None else int(taken) + 1
        number = free[base]
        free[base] = number + 1
        rows.append(
            {
                "id": number,
                "meeting_id": document.meeting_id,
                "kind": document.kind.value,
                "phase": document.phase,
                "phase_title": document.phase_title,
                "position": document.position,
                "owner": fold(document.owner) if document.owner else None,
                "day": document.day,
                "body": document.text,
                "stems": stems_of(document.text),
                "parts": parts_of(document.text),
            }
        )
    return rows
