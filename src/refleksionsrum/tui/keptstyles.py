"""The app's stylesheets, parsed, kept between runs: parsing was a fifth of the first frame.

Textual parses each widget class's CSS as the first widget of the class is mounted,
again for each depth it is inherited at: the start screen's 33 sources took 24-29 ms
of its first frame on each start, the same text every time. What a source parses to
depends only on its text, where it was read from, its place and the theme's variables,
so the parsed rules are kept in the user's cache folder by exactly those, and read
back in 5-6 ms, each source when it is first asked for.

A cache, never the truth: a file that is missing, not the user's own, writable by
others, made by another Textual or Python, or unreadable in any way is passed over,
and the CSS parsed as always.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import textual.css

from refleksionsrum.core.files.cachefolder import cache_folder, read_private, write_private

# Sources kept a theme: every screen's, with room for a few versions of the app.
_KEPT = 400
# The layout of the file itself: 3, each source pickled on its own.
_LAYOUT = 3

# A theme's variables, as a key: (name, value) pairs, sorted.
Variables = tuple[tuple[str, str], ...]
# Textual's key of a source: (css, read_from, is_default_rules, tie_breaker, scope).
Source = tuple[Any, ...]


def cache_file() -> Path:
    """Where the parsed stylesheets are kept: the XDG cache folder."""
    return cache_folder() / "styles.pickle"


def _made_by() -> tuple[Any, ...]:
    """What made the rules: Textual, told apart by the files that make and hold them (its
    version is in the package metadata, 10 ms to read; an upgrade rewrites them), and Python."""
    css = Path(textual.css.__file__).parent
    made = [(css / name).stat().st_mtime_ns for name in ("model.py", "parse.py", "styles.py")]
    return (_LAYOUT, str(css), *made, *sys.version_info[:2])


class KeptParses:
    """Stands in for a Stylesheet's parse cache: what it has not parsed in this run is read back.

    Textual empties its cache when the theme's variables change (``clear``); here each
    theme has its own, so that the one a workspace starts in is kept beside the other.
    Each source is kept pickled on its own and unpickled when Textual asks for it: the
    file holds every screen's sources (a meeting's too), the start screen needs a third.
    """

    def __init__(self, path: Path, variables: Callable[[], dict[str, str]]) -> None:
        self.path = path
        self._variables_now = variables
        self._made_by = _made_by()
        # What the file holds, still pickled, and what this run has in hand.
        self._pickled: dict[Variables, dict[Source, bytes]] = _read(path, self._made_by)
        self._themes: dict[Variables, dict[Source, Any]] = {}
        self._used: set[tuple[Variables, Source]] = set()
        self.changed = False
        self.clear()

    def __getitem__(self, key: Source) -> Any:
        rules = self._current.get(key)
        if rules is None:
            rules = self._unpickle(key)  # KeyError: Textual parses it
            self._current[key] = rules
        self._used.add((self._variables, key))
        return rules

    def _unpickle(self, key: Source) -> Any:
        kept = self._pickled.get(self._variables, {}).get(key)
        if kept is None:
            raise KeyError(key)
        try:
            return pickle.loads(kept)
        except Exception:  # a damaged entry: parsed again, and written anew
            raise KeyError(key) from None

    def __setitem__(self, key: Source, rules: Any) -> None:
        self._current[key] = rules
        self._used.add((self._variables, key))
        self.changed = True

    def clear(self) -> None:
        """The theme's variables changed (Textual's way of saying so): its own sources now."""
        self._variables: Variables = tuple(sorted(self._variables_now().items()))
        self._current = self._themes.setdefault(self._variables, {})

    def save(self) -> None:
        """Write what this run parsed, and what was kept before, if anything is new."""
        if not self.changed:
            return
        self.changed = False
        themes: dict[Variables, dict[Source, bytes]] = {}
        try:
            for variables in {*self._pickled, *self._themes}:
                sources = dict(self._pickled.get(variables, {}))
                for key, rules in list(self._themes.get(variables, {}).items()):
                    if key not in sources:
                        sources[key] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
                if sources:
                    themes[variables] = _newest(variables, sources, self._used)
            data = pickle.dumps((self._made_by, themes), protocol=pickle.HIGHEST_PROTOCOL)
        except pickle.PicklingError:
            return  # a cache: without it the next start parses, as it always did
        self._pickled = themes
        write_private(self.path, data)


def _newest(
    variables: Variables, sources: dict[Source, bytes], used: set[tuple[Variables, Source]]
) -> dict[Source, bytes]:
    """At most _KEPT of a theme's sources, those of this run first (old CSS falls away)."""
    ordered = sorted(sources, key=lambda key: (variables, key) not in used)
    return {key: sources[key] for key in ordered[:_KEPT]}


def _read(path: Path, made_by: tuple[Any, ...]) -> dict[Variables, dict[Source, bytes]]:
    data = read_private(path)  # only a file the user wrote and no one else can change
    if data is None:
        return {}
    try:
        kept_by, themes = pickle.loads(data)
    except Exception:  # a damaged pickle can raise anything: parse instead
        return {}
    return themes if kept_by == made_by and isinstance(themes, dict) else {}
