"""What the meeting screen tells the room in words: the notice above the items (a lost
database first), the header's titles, and a template that plans more than its meeting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.timer import Timer
from textual.widget import Widget

from refleksionsrum.core.i18n import t
from refleksionsrum.core.kinds import Recording
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.visible import plain
from refleksionsrum.tui.internals import withdraw_toasts


def notice_for(
    room: MeetingRoom, extra: str | None = None, news: str | None = None
) -> tuple[str, bool]:
    """The notice's text and whether it is a warning, the gravest first; ``news``: a
    passing word for the room (the meeting moved on), shown when nothing is wrong.

    It never asks the store itself: whether the database is gone is what the clock
    tick found (guarded), so a notice cannot fail.
    """
    gone = room.store.file if room.session_file.gone else None
    if gone is not None:
        return t("store.gone", path=str(gone.path)), True
    trouble = room.file_trouble
    if trouble is not None:
        return t("notice.file_trouble", path=trouble.path, reason=trouble.reason), True
    if extra:
        return extra, True
    if news:
        return news, False
    if room.is_facilitator and not room.timer.running:
        # A meeting opened again after a closed terminal starts paused: say how it goes on.
        return t("notice.paused"), False
    if not room.is_facilitator and not room.following:
        return t("join.looking"), False
    return "", False


def followup_word_left(app: App[Any], room: MeetingRoom) -> None:
    """The follow-up's word about typing there is taken back once another phase is shown:
    it sat over the new phase's entry line for its ten seconds."""
    if room.records is not Recording.FOLLOWUP:
        withdraw_toasts(app, t("followup.typed"))


def titles_for(room: MeetingRoom) -> tuple[str, str]:
    """The header's title and subtitle: the meeting, its level, and whose screen it is.

    Titles come from people and session files: escapes shown, never sent.
    """
    title = plain(room.meeting.title)
    template = room.template
    level = plain(template.title if template else room.meeting.template)
    # The level in the subtitle, unless the title says it already.
    sub_title = "" if level in title else level
    if not room.is_facilitator:
        sub_title = " · ".join(part for part in (sub_title, t("join.role")) if part)
    return title, sub_title


def template_too_long(room: MeetingRoom) -> str | None:
    """A warning when the template's phases take longer than the meeting it plans."""
    template = room.template
    if template is None or template.phase_minutes <= template.planned_minutes:
        return None
    return t(
        "time.template_too_long",
        phases=template.phase_minutes,
        planned=template.planned_minutes,
    )


# How long a passing word (the meeting moved on) stays above the items.
NEWS_S = 6.0


class PassingWord:
    """A word for the room above the items, for NEWS_S seconds; a later one replaces it.

    Not a toast: a toast sits over the entry line that the note-taker is typing in.
    """

    def __init__(self, owner: Widget, shown: Callable[[], object]) -> None:
        self._owner, self._shown = owner, shown
        self.text: str | None = None
        self._timer: Timer | None = None

    def say(self, text: str) -> None:
        self.text = text
        self._shown()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._owner.set_timer(NEWS_S, self._read)

    def _read(self) -> None:
        self.text, self._timer = None, None
        self._shown()
