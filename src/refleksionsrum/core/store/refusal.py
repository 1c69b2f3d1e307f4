"""Why the database refused a write, in the user's words: a lock is not a full disk."""

from __future__ import annotations

from refleksionsrum.core.errors import StoreError

# SQLite's messages (sqlite3.OperationalError) and PostgreSQL's SQLSTATEs for a lock
# that was not let go within the wait, and for a database that cannot be written at all.
_LOCKED = ("database is locked", "database table is locked", "database schema is locked")
_LOCKED_STATES = ("55P03", "40P01", "57014")  # lock not available, deadlock, timeout
_READ_ONLY = ("readonly database", "read-only", "attempt to write a readonly")


def refusal(original: BaseException, busy_timeout_s: float) -> StoreError:
    """The StoreError to show for a driver's error raised while writing."""
    reason = str(original)
    lowered = reason.lower()
    if any(text in lowered for text in _LOCKED) or (
        getattr(original, "sqlstate", None) in _LOCKED_STATES
    ):
        return StoreError("store.locked", seconds=round(busy_timeout_s))
    if any(text in lowered for text in _READ_ONLY):
        return StoreError("store.read_only", reason=reason)
    return StoreError("store.write_failed", reason=reason)
