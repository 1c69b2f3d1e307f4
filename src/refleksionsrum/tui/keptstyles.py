"""The app's stylesheets, parsed, kept between runs: parsing was a fifth of the first frame.

Textual parses each widget class's CSS as the first widget of the class is mounted,
again for each depth it is inherited at: the start screen's 33 sources took 24-29 ms
of its first frame on each start, the same text every time. What a source parses to
depends only on its text, where it was read from, its place and the theme's variables,
so the parsed rules are kept in the user's cache folder under a digest of exactly
those, in a file per Textual and Python version, and read back in 3-4 ms.

A cache, never the truth: a file that is missing, not the user's own, writable by
others or unreadable in any way is passed over, and the CSS parsed as always.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import textual.css

from refleksionsrum.core.files.atomic import atomic_write_bytes

# Every screen's sources in both themes, with room for a few versions of the app.
_KEPT = 400
# The layout of the file itself; a change gives it a new name.
_LAYOUT = 1
_STALE_S = 7 * 24 * 3600


def cache_file() -> Path:
    """Where the parsed stylesheets are kept: the XDG cache folder, per Textual and Python.

    Textual is told apart by the files that make and hold parsed rules (asking for its
    version reads the package metadata: 10 ms); an upgrade rewrites them.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    css = Path(textual.css.__file__).parent
    made = [(css / name).stat().st_mtime_ns for name in ("model.py", "parse.py", "styles.py")]
    which = repr((str(css), made, sys.version_info[:2], _LAYOUT)).encode()
    return (
        Path(base)
        / "refleksionsrum"
        / f"styles-{hashlib.blake2b(which, digest_size=8).hexdigest()}.pickle"
    )


class KeptParses:
    """Stands in for a Stylesheet's parse cache: what it has not parsed in this run is read back.

    The keys Textual uses are (css, read_from, is_default_rules, tie_breaker, scope); the
    theme's variables are not among them, since Textual empties its cache when they
    change (``clear``): here they are part of each digest instead.
    """

    def __init__(self, path: Path, variables: Callable[[], dict[str, str]]) -> None:
        self.path = path
        self._kept = _read(path)
        self._variables_now = variables
        self._variables = _fingerprint(variables())
        self._used: dict[str, Any] = {}
        self._digests: dict[tuple[Any, ...], str] = {}
        self.changed = False

    def _digest(self, key: tuple[Any, ...]) -> str:
        # Asked for each source on every parse of the stylesheet (eight before the first
        # frame): the digest of a key is worked out once (a str keeps its own hash).
        digest = self._digests.get(key)
        if digest is None:
            text = repr((self._variables, key)).encode("utf-8", "surrogatepass")
            digest = self._digests[key] = hashlib.blake2b(text, digest_size=16).hexdigest()
        return digest

    def __getitem__(self, key: tuple[Any, ...]) -> Any:
        digest = self._digest(key)
        rules = self._used.get(digest)
        if rules is None:
            rules = self._kept[digest]  # KeyError: Textual parses it
            self._used[digest] = rules
        return rules

    def __setitem__(self, key: tuple[Any, ...], rules: Any) -> None:
        self._used[self._digest(key)] = rules
        self.changed = True

    def clear(self) -> None:
        # Textual's way of saying the variables changed (a theme): new digests from here on.
        self._variables = _fingerprint(self._variables_now())
        self._digests.clear()

    def save(self) -> None:
        """Write what this run parsed, and what was kept before, if anything is new."""
        if not self.changed:
            return
        self.changed = False
        kept = dict(self._used)
        for digest, rules in self._kept.items():
            if len(kept) >= _KEPT:
                break
            kept.setdefault(digest, rules)
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic_write_bytes(self.path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
            for earlier in self.path.parent.glob("styles-*.pickle"):
                # Another Textual's or Python's, unused for a week (two installs in
                # turn would otherwise undo each other's).
                if earlier != self.path and time.time() - earlier.stat().st_mtime > _STALE_S:
                    earlier.unlink()
        except (OSError, pickle.PicklingError):
            pass  # a cache: without it the next start parses, as it always did


def _fingerprint(variables: dict[str, str]) -> str:
    return hashlib.blake2b(repr(sorted(variables.items())).encode(), digest_size=16).hexdigest()


def _read(path: Path) -> dict[str, Any]:
    try:
        info = path.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            return {}  # only a file the user wrote and no one else can change is unpickled
        with path.open("rb") as handle:
            kept = pickle.load(handle)
    except Exception:
        return {}
    return kept if isinstance(kept, dict) else {}
