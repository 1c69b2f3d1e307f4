"""Refuse TOML shaped to exhaust tomllib (deep nesting, huge dotted keys) before it is parsed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from refleksionsrum.core.tomltext.positions import Position

# tomllib recurses once per level of nesting, and its work on a dotted key grows
# with the square of its parts (100,000 parts take hours; the nested tables they
# make then exhaust every recursive writer). People write a handful of each.
MAX_NESTING = 32
MAX_KEY_PARTS = 32

# Everything that can open or close nesting, a string, a comment or a key.
_SPECIAL = re.compile(r"[\[\]{}\"'#.=,\n]")
_BASIC_END = re.compile(r'\\.|"|\n', re.DOTALL)
_BASIC_ML_END = re.compile(r'\\.|"""', re.DOTALL)
_LITERAL_END = re.compile(r"['\n]")


@dataclass(frozen=True)
class ShapeProblem:
    """Why a text is refused: ``kind`` is "too_deep" or "key_too_long"; where it tipped over."""

    kind: str
    limit: int
    position: Position


def shape_problem(text: str) -> ShapeProblem | None:
    """The first place where ``text`` nests too deep or a key has too many parts, if any.

    A small lexer: brackets, braces and dots inside strings (one-line and multi-line,
    basic and literal) and comments do not count. Linear in the length of the text.
    """
    if _plainly_safe(text):
        return None
    depth = 0
    dots = 0
    index = 0
    while True:
        found = _SPECIAL.search(text, index)
        if found is None:
            return None
        index = found.start()
        char = text[index]
        if char == "#":
            newline = text.find("\n", index)
            if newline < 0:
                return None
            index = newline
        elif char in "\"'":
            index = _string_end(text, index)
        elif char == ".":
            # Dots in one key (a.b.c), in a header or an inline table alike; a value
            # such as 1.5 or a time has one, and "," "=" or a bracket start afresh.
            dots += 1
            if dots >= MAX_KEY_PARTS:
                return ShapeProblem("key_too_long", MAX_KEY_PARTS, _position(text, index))
            index += 1
        elif char in "[{":
            depth += 1
            dots = 0
            if depth > MAX_NESTING:
                return ShapeProblem("too_deep", MAX_NESTING, _position(text, index))
            index += 1
        elif char in "]}":
            depth = max(0, depth - 1)
            dots = 0
            index += 1
        else:  # "=", "," or a newline
            dots = 0
            index += 1


# A table header alone on its line, as every session file has dozens of: it opens and
# closes its brackets on that line, so it adds at most 2 to the depth around it.
_HEADER_LINE = re.compile(r"^[ \t]*\[\[?[A-Za-z0-9_.-]+\]\]?[ \t]*$", re.MULTILINE)

_MANY_DOTS = re.compile(rf"^(?:[^.\n]*\.){{{MAX_KEY_PARTS}}}", re.MULTILINE)


def _plainly_safe(text: str) -> bool:
    """Whether counting alone shows the text cannot nest too deep or have a long key.

    Sound, and cheap (the lexer below costs more than parsing): the depth never
    exceeds the brackets outside header lines, plus 2; the dots of one key are all
    on one line. Only a text that fails this is lexed.
    """
    rest = _HEADER_LINE.sub("", text)
    if rest.count("[") + rest.count("{") + 2 > MAX_NESTING:
        return False
    # Anchored at line starts, and [^.\n] cannot match a dot: linear, no backtracking.
    return _MANY_DOTS.search(text) is None


def _string_end(text: str, start: int) -> int:
    """The index just after the string that opens at ``start``.

    An unterminated string ends at the end of its line (or of the text): tomllib
    reports it with its position; the guard only has to keep counting sensibly.
    """
    quote = text[start]
    if text.startswith(quote * 3, start):
        if quote == '"':
            found = _unescaped(text, start + 3, _BASIC_ML_END)
            return len(text) if found is None else _closing_quotes(text, found.end(), quote)
        closing = text.find("'''", start + 3)
        return len(text) if closing < 0 else _closing_quotes(text, closing + 3, quote)
    if quote == '"':
        found = _unescaped(text, start + 1, _BASIC_END)
    else:
        found = _LITERAL_END.search(text, start + 1)
    if found is None:
        return len(text)
    # The closing quote ends the string after it; a newline, before it.
    return found.end() if found.group() == quote else found.start()


def _unescaped(text: str, index: int, ends: re.Pattern[str]) -> re.Match[str] | None:
    """The first match of ``ends`` from ``index`` that is not an escape (a basic string's)."""
    while True:
        found = ends.search(text, index)
        if found is None or not found.group().startswith("\\"):
            return found
        index = found.end()


def _closing_quotes(text: str, end: int, quote: str) -> int:
    # Up to two quotes right before the closing three belong to the string: """a"""" is 'a"'.
    extra = 0
    while extra < 2 and end < len(text) and text[end] == quote:
        end += 1
        extra += 1
    return end


def _position(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)
