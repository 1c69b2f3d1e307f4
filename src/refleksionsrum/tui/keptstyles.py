"""The app's stylesheets, parsed, kept between runs: parsing was a fifth of the first frame.

Textual parses each widget class's CSS as the first widget of the class is mounted,
again for each depth it is inherited at: the start screen's 33 sources took 24-29 ms
of its first frame on each start, the same text every time. What a source parses to
depends only on its text, where it was read from, its place and the theme's variables,
so the parsed rules are kept in the user's cache folder by exactly those, and read
back in 3-4 ms.

A cache, never the truth: a file that is missing, not the user's own, writable by
others, made by another Textual or Python, or unreadable in any way is passed over,
and the CSS parsed as always.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import textual.css

from refleksionsrum.core.files.atomic import atomic_write_bytes

# Sources kept a theme: every screen's, with room for a few versions of the app.
_KEPT = 400
# The layout of the file itself.
_LAYOUT = 2

# A theme's variables, as a key: (name, value) pairs, sorted.
Variables = tuple[tuple[str, str], ...]
# Textual's key of a source: (css, read_from, is_default_rules, tie_breaker, scope).
Source = tuple[Any, ...]


def cache_file() -> Path:
    """Where the parsed stylesheets are kept: the XDG cache folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "refleksionsrum" / "styles.pickle"


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
    """

    def __init__(self, path: Path, variables: Callable[[], dict[str, str]]) -> None:
        self.path = path
        self._variables_now = variables
        self._made_by = _made_by()
        self._themes: dict[Variables, dict[Source, Any]] = _read(path, self._made_by)
        self._used: set[tuple[Variables, Source]] = set()
        self.changed = False
        self.clear()

    def __getitem__(self, key: Source) -> Any:
        rules = self._current[key]  # KeyError: Textual parses it
        self._used.add((self._variables, key))
        return rules

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
        themes = {
            variables: _newest(variables, sources, self._used)
            for variables, sources in self._themes.items()
            if sources
        }
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            data = pickle.dumps((self._made_by, themes), protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write_bytes(self.path, data)
        except (OSError, pickle.PicklingError):
            pass  # a cache: without it the next start parses, as it always did


def _newest(
    variables: Variables, sources: dict[Source, Any], used: set[tuple[Variables, Source]]
) -> dict[Source, Any]:
    """At most _KEPT of a theme's sources, those of this run first (old CSS falls away)."""
    ordered = sorted(sources, key=lambda key: (variables, key) not in used)
    return {key: sources[key] for key in ordered[:_KEPT]}


def _read(path: Path, made_by: tuple[Any, ...]) -> dict[Variables, dict[Source, Any]]:
    try:
        info = path.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            return {}  # only a file the user wrote and no one else can change is unpickled
        with path.open("rb") as handle:
            kept_by, themes = pickle.load(handle)
    except Exception:  # a damaged pickle can raise anything: parse instead
        return {}
    return themes if kept_by == made_by and isinstance(themes, dict) else {}
