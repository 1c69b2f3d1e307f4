"""Which database URLs the app can use, decided without loading SQLAlchemy."""

from __future__ import annotations

import re

SQLITE = "sqlite:///"
# postgresql:// or postgresql+driver:// and something after it (user@server/db).
_POSTGRES = re.compile(r"^postgresql(\+[a-z0-9_]+)?://\S+$")
_MEMORY = re.compile(r"(^|[?&])mode=memory($|&)")


def url_problem(url: str) -> str | None:
    """The catalogue key saying why ``url`` cannot be used, or None when it can.

    SQLite must name a file: an in-memory database (sqlite://, :memory:,
    mode=memory) is one per connection, so every save would go to a different,
    empty database and be lost. PostgreSQL URLs are checked by the server.
    """
    if url.startswith("sqlite"):
        if url in ("sqlite:", "sqlite://", SQLITE):
            return "config.database_in_memory"
        if not url.startswith(SQLITE):
            return "config.bad_sqlite_url"
        path, _, query = url[len(SQLITE) :].partition("?")
        if not path.strip() or path == ":memory:" or _MEMORY.search(query):
            return "config.database_in_memory"
        return None
    if _POSTGRES.match(url):
        return None
    return "config.bad_database_url"
