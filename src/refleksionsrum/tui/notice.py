"""The line above the items that says what the room must know now: a lost database first."""

from __future__ import annotations

from refleksionsrum.core.i18n import t
from refleksionsrum.core.meeting.room import MeetingRoom


def notice_for(room: MeetingRoom, extra: str | None = None) -> tuple[str, bool]:
    """The notice's text and whether it is a warning, the gravest first.

    It never asks the store itself: whether the database is gone is what the clock
    tick found (guarded), so a notice cannot fail.
    """
    gone = room.store.file if room.gone else None
    if gone is not None:
        return t("store.gone", path=str(gone.path)), True
    trouble = room.file_trouble
    if trouble is not None:
        return t("notice.file_trouble", path=trouble.path, reason=trouble.reason), True
    if extra:
        return extra, True
    if not room.is_facilitator and not room.following:
        return t("join.looking"), False
    return "", False
