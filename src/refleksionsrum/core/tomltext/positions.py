"""Find where a key stands in a TOML text, so errors can name a line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tomllib

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")
_DECODE_POS = re.compile(r"\(at line (\d+), column (\d+)\)")

PathPart = str | int


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a text file."""

    line: int
    column: int


def _norm(dotted: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in dotted.split("."))


def dotted(path: tuple[PathPart, ...]) -> str:
    """A key path as a person reads it: templates.borgerniveau.phases[2].minutes."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def decode_error_position(error: tomllib.TOMLDecodeError) -> tuple[str, Position | None]:
    """Split tomllib's message into its reason and the position it names."""
    message = str(error)
    lineno = getattr(error, "lineno", None)
    colno = getattr(error, "colno", None)
    reason = getattr(error, "msg", None)
    if lineno and colno and reason:
        return explain(str(reason)), Position(int(lineno), int(colno))
    found = _DECODE_POS.search(message)
    if not found:
        return explain(message.replace("(at end of document)", "").strip()), None
    position = Position(int(found.group(1)), int(found.group(2)))
    return explain(message[: found.start()].strip()), position


# tomllib's reasons, in words a team leader editing config.toml understands: compiled
# when a text is first found broken, not at every start.
_REASONS = (
    (r"^Illegal character '\\n'", "toml.unclosed_string"),
    (r"^(Unterminated string|Expected \"'\")", "toml.unclosed_string"),
    (r"^Illegal character", "toml.illegal_character"),
    (r"^Invalid value", "toml.invalid_value"),
    (r"^Cannot (overwrite a value|declare)", "toml.twice"),
    (r"^Unclosed array", "toml.unclosed_array"),
    (r"^Unclosed inline table", "toml.unclosed_table"),
    (r"^Expected ']' at the end of a table", "toml.unclosed_header"),
    (r"^Expected '=' after a key", "toml.no_equals"),
    (r"^Expected newline or end of document", "toml.trailing"),
    (r"^Invalid statement", "toml.invalid_statement"),
)


def explain(reason: str) -> str:
    """tomllib's English reason as a sentence in the user's language, where one is known."""
    from refleksionsrum.core.i18n import t

    for pattern, key in _REASONS:
        if re.search(pattern, reason):
            return t(key)
    return reason


def locate(text: str, path: tuple[PathPart, ...]) -> Position | None:
    """Where the value at ``path`` (keys and array indexes) is written, if it can be found.

    Handles the plain layout people write by hand: ``[table]`` and
    ``[[array.of.tables]]`` headers with ``key = value`` lines under them.
    """
    lines = text.splitlines()
    # Split the path into the table part (up to the last array index) and the key.
    table_parts: list[str] = []
    index_of_array: int | None = None
    key_parts = [str(p) for p in path]
    last_int = max((i for i, p in enumerate(path) if isinstance(p, int)), default=None)
    if last_int is not None:
        table_parts = [str(p) for p in path[:last_int] if not isinstance(p, int)]
        index_of_array = int(path[last_int])
        key_parts = [str(p) for p in path[last_int + 1 :]]
    table = ".".join(table_parts)

    def scan(want_table: str, occurrence: int | None, keys: list[str]) -> Position | None:
        current = ""
        seen = -1
        header_pos: Position | None = None
        active = want_table == "" and occurrence is None
        for number, line in enumerate(lines, start=1):
            header = _HEADER.match(line)
            if header:
                current = _norm(header.group(2))
                is_array = header.group(1) == "[["
                if occurrence is not None:
                    if is_array and current == want_table:
                        seen += 1
                        active = seen == occurrence
                        if active:
                            header_pos = Position(number, line.index("[") + 1)
                    else:
                        # A sub-table of the array element keeps it active.
                        active = active and current.startswith(want_table + ".")
                else:
                    if current == ".".join(keys):
                        return Position(number, line.index("[") + 1)
                    active = False
                    for cut in range(len(keys), -1, -1):
                        candidate = ".".join([want_table, *keys[:cut]]).strip(".")
                        if current == candidate and cut < len(keys):
                            active = True
                            header_pos = Position(number, line.index("[") + 1)
                continue
            if not active:
                continue
            match = _KEY.match(line)
            if not match:
                continue
            written = _norm(match.group(1))
            inside = not want_table or current == want_table or current.startswith(want_table + ".")
            prefix = current[len(want_table) :].strip(".") if inside else ""
            full = ".".join(p for p in (prefix, written) if p)
            if full == ".".join(keys):
                return Position(number, match.end() + 1 + _skip_space(line, match.end()))
        return header_pos

    if index_of_array is None:
        found = scan("", None, key_parts)
        if found is None and len(key_parts) > 1:
            return scan("", None, key_parts[:-1])
        return found
    found = scan(table, index_of_array, key_parts)
    if found is None:
        # Not written as [[array]] headers (an inline array of tables, say): point
        # at the array itself.
        return locate(text, path[:last_int])
    return found


def undecodable_position(raw: bytes, offset: int) -> Position:
    """The line and column (in characters) of the first byte that is not UTF-8."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    before = raw[line_start:offset].decode("utf-8", errors="replace")
    return Position(raw.count(b"\n", 0, offset) + 1, len(before) + 1)


def _skip_space(line: str, start: int) -> int:
    rest = line[start:]
    return len(rest) - len(rest.lstrip())
