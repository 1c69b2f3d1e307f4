"""The one error shape users see: a file, a position, what is wrong and what to do."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refleksionsrum.core.tomltext.positions import Position


@dataclass(frozen=True)
class Phrase:
    """A catalogue key used as a message parameter, looked up when the message is shown.

    Keeps a message in one language: 'skal være et helt tal', never 'skal være whole number'.
    """

    key: str


# C0, DEL and C1 controls, and the invisible format characters that reorder or hide text.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    """``text`` safe to print in a one-line message: control characters escaped.

    A value from a file may hold ESC sequences that would set the terminal's title or
    clear the screen; shown as ``\\x1b`` instead, the user sees what the file has.
    """
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable_params(params: dict[str, Any]) -> dict[str, Any]:
    return {name: printable(v) if isinstance(v, str) else v for name, v in params.items()}


class FileProblem(Exception):
    """A problem with a file the user can fix; rendered through the language catalogue."""

    def __init__(
        self,
        path: Path,
        message_key: str,
        /,
        *,
        position: Position | None = None,
        hint: str | None = None,
        **params: Any,
    ) -> None:
        self.path = path
        self.message_key = message_key
        self.position = position
        self.hint = hint
        self.params = params
        super().__init__(f"{path}: {message_key} {params}")

    def where(self) -> str:
        path = printable(str(self.path))
        if self.position is None:
            return path
        return f"{path}:{self.position.line}:{self.position.column}"

    def message(self) -> str:
        """What is wrong, in the current language, without the file and position."""
        from refleksionsrum.core.i18n import t

        params = {
            name: t(value.key) if isinstance(value, Phrase) else value
            for name, value in printable_params(self.params).items()
        }
        return t(self.message_key, **params)

    def render(self) -> str:
        """One message: 'file:line:col: what is wrong. What to do.'"""
        from refleksionsrum.core.i18n import t

        text = f"{self.where()}: {self.message()}"
        if self.hint:
            text += f" {t(self.hint, path=printable(str(self.path)))}"
        return text


_TYPE_KEYS = {
    "str": "type.text",
    "int": "type.whole_number",
    "float": "type.number",
    "bool": "type.bool",
    "list": "type.list",
    "dict": "type.table",
    "date": "type.date",
    "datetime": "type.datetime",
}


def expected_type(kinds: type | tuple[type, ...]) -> Phrase:
    """The name of what a value should have been, e.g. 'et helt tal' for int."""
    names = [k.__name__ for k in (kinds if isinstance(kinds, tuple) else (kinds,))]
    if set(names) == {"int", "float"}:
        return Phrase("type.number")
    return Phrase(_TYPE_KEYS.get(names[0], "type.text"))


class StoreError(Exception):
    """The database cannot be used; ``key`` names the catalogue message.

    Here, not beside the engine, so the screens can catch it without importing SQLAlchemy.
    """

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(f"{key} {params}")
