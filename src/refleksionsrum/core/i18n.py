"""The language catalogues and how a user-facing string is looked up and formatted."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from refleksionsrum.core.tomltext import kept

# A catalogue per language, kept in a file per area (core, command line, screens, data,
# memory) in locale/: plain TOML a translator can edit without reading Python. The later
# area's entry wins, as when they were merged in this order before.
_AREAS = ("", "_cli", "_tui", "_data", "_memory")
_FOLDER = Path(__file__).parent / "locale"


class _Catalogues(Mapping[str, dict[str, str]]):
    """The catalogues by language, each read from its files the first time it is asked for."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self._languages = languages
        self._read: dict[str, dict[str, str]] = {}

    def __getitem__(self, language: str) -> dict[str, str]:
        found = self._read.get(language)
        if found is None:
            if language not in self._languages:
                raise KeyError(language)
            found = {}
            for area in _AREAS:
                path = _FOLDER / f"{language}{area}.toml"
                found.update(kept.parsed(path.read_text(encoding="utf-8"), _toml))
            self._read[language] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._languages)

    def __len__(self) -> int:
        return len(self._languages)


def _toml(text: str) -> dict[str, Any]:
    import tomllib  # only when a catalogue changed since it was last kept parsed

    return tomllib.loads(text)


LANGUAGES: Mapping[str, dict[str, str]] = _Catalogues(("da", "en"))
DEFAULT_LANGUAGE = "da"

_current = DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Choose the catalogue every later lookup uses."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _current = language


def language() -> str:
    return _current


def t(key: str, /, **params: Any) -> str:
    """The string for ``key`` in the current language, with ``params`` filled in."""
    catalog = LANGUAGES[_current]
    template = catalog.get(key)
    if template is None:
        # A missing key is a bug the catalogue test catches; show the key, never crash.
        template = LANGUAGES[DEFAULT_LANGUAGE].get(key, key)
    # Always formatted, so a literal brace is written {{ or }} in every catalogue entry.
    return template.format(**params)


def role_name(role: str) -> str:
    """A known role in the current language; a team's own role as written."""
    return LANGUAGES[_current].get(f"role.{role}", role)


def _name(key: str, index: int) -> str:
    # A catalogue entry of space-separated names: the week's days from Monday, the months.
    return t(key).split(" ")[index]


def long_date(value: date | datetime) -> str:
    """'mandag 7. december' / 'Monday 7 December'."""
    return t(
        "date.long",
        weekday=_name("date.weekdays", value.weekday()),
        day=value.day,
        month=_name("date.months", value.month - 1),
    )


def short_date(value: date | datetime) -> str:
    """'7. dec. 2026' / '7 Dec 2026'."""
    return t(
        "date.short",
        day=value.day,
        month=_name("date.months_short", value.month - 1),
        year=value.year,
    )


def clock_time(value: datetime) -> str:
    """'13.05' in Danish, '13:05' in English."""
    return t("date.clock", hour=f"{value.hour:02d}", minute=f"{value.minute:02d}")


def relative(value: date | datetime, today: date) -> str:
    """'om 2 uger' / 'in 2 weeks', counted in whole days from ``today``."""
    target = value.date() if isinstance(value, datetime) else value
    days = (target - today).days
    if days == 0:
        return t("date.today")
    if days == 1:
        return t("date.tomorrow")
    if days == -1:
        return t("date.yesterday")
    count, unit = abs(days), "days"
    if (count >= 14 and count % 7 == 0) or count >= 21:
        count, unit = round(count / 7), "weeks"
    key = f"date.in_{unit}" if days > 0 else f"date.ago_{unit}"
    return t(key, n=count)


def planned(minutes: int, added: int = 0) -> str:
    """A time box as planned, with the minutes added during the meeting: '7 min', '7 + 6 min'."""
    return f"{minutes} + {added} min" if added else f"{minutes} min"


def duration(ms: int) -> str:
    """Milliseconds as 'MM:SS', or 'H:MM:SS' from an hour up; never negative."""
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"
