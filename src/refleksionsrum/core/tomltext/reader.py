"""One typed reader of parsed TOML: each value checked for its type, each failure positioned."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from refleksionsrum.core.errors import FileProblem, Phrase, expected_type
from refleksionsrum.core.tomltext.positions import PathPart, dotted, locate

E = TypeVar("E", bound=Enum)
# What a table gives for a key it does not have (None is a value a caller may pass).
_ABSENT = object()


@dataclass(eq=False)
class TomlReader:
    """Reads values out of a parsed TOML text and fails with the position of the first problem.

    ``prefix`` picks the catalogue's messages (``config.missing``, ``session.missing``...);
    ``error`` is the FileProblem subclass the file's callers catch.
    """

    path: Path
    text: str
    _: KW_ONLY
    prefix: str
    error: type[FileProblem]
    hint: str | None = None

    def fail(self, where: tuple[PathPart, ...], message_key: str, /, **params: Any) -> FileProblem:
        """The error to raise for ``where``, with the catalogue's ``message_key``."""
        position = locate(self.text, where) if where else None
        return self.error(self.path, message_key, position=position, hint=self.hint, **params)

    def _fail(self, where: tuple[PathPart, ...], problem: str, /, **params: Any) -> FileProblem:
        """A problem every TOML file shares, in this kind of file's words."""
        return self.fail(where, f"{self.prefix}.{problem}", **params)

    def get(
        self,
        table: dict[str, Any],
        where: tuple[PathPart, ...],
        name: str,
        kind: type | tuple[type, ...],
        *,
        required: bool = True,
        default: Any = None,
    ) -> Any:
        """``table[name]`` if it has the type ``kind``; ``default`` when absent and optional."""
        value = table.get(name, _ABSENT)
        if value.__class__ is kind:
            # The common case, first and cheap: exactly the type asked for (a bool is
            # not exactly an int, nor a date-time exactly a date; those are judged below).
            return value
        here = (*where, name)
        if value is _ABSENT:
            if required:
                raise self._fail(where, "missing", key=dotted(here))
            return default
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # bool is an int in Python, and a TOML date-time is a date: keep each apart.
        wrong = isinstance(value, bool) and bool not in kinds
        if date in kinds and datetime not in kinds and isinstance(value, datetime):
            wrong = True
        if wrong or not isinstance(value, kinds):
            raise self._fail(here, "wrong_type", key=dotted(here), expected=expected_type(kinds))
        return value

    def text_value(
        self, table: dict[str, Any], where: tuple[PathPart, ...], name: str, required: bool = True
    ) -> str:
        """A string that, when required, holds more than white space."""
        value: str = self.get(table, where, name, str, required=required, default="")
        if required and not value.strip():
            raise self._fail((*where, name), "empty", key=dotted((*where, name)))
        return value

    def choice(
        self,
        table: dict[str, Any],
        where: tuple[PathPart, ...],
        name: str,
        enum: type[E],
    ) -> E:
        """A string that names a member of ``enum``; the message lists the allowed values."""
        value = self.get(table, where, name, str)
        try:
            return enum(value)
        except ValueError:
            allowed = " | ".join(str(member.value) for member in enum)
            raise self._fail(
                (*where, name),
                "bad_choice",
                key=dotted((*where, name)),
                value=value,
                allowed=allowed,
            ) from None

    def tables(
        self, data: dict[str, Any], name: str
    ) -> list[tuple[tuple[PathPart, ...], dict[str, Any]]]:
        """The tables of an array of tables, each with its path for messages."""
        items = self.get(data, (), name, list, required=False) or []
        out: list[tuple[tuple[PathPart, ...], dict[str, Any]]] = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise self._fail(
                    (name,), "wrong_type", key=f"{name}[{index}]", expected=Phrase("type.table")
                )
            out.append(((name, index), item))
        return out
