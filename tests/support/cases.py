"""Broken files for the robustness tests: a good file with one edit, and what it must give."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    """A broken file: its bytes, the message key it must give, and the line it must name."""

    name: str
    content: bytes
    key: str
    line: int | None = None


def edited(good: str, name: str, old: str, new: str, key: str, line: int | None = None) -> Case:
    """``good`` with its first ``old`` replaced by ``new`` (which must be there)."""
    assert old in good, old
    return Case(name, good.replace(old, new, 1).encode("utf-8"), key, line)


def raw(name: str, text: str, key: str, line: int | None = None) -> Case:
    """A file that is not an edit of a good one."""
    return Case(name, text.encode("utf-8"), key, line)
