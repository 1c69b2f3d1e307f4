"""The one error shape users see: a file, a position, what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from refleksionsrum.core.tomlpos import Position


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
        if self.position is None:
            return str(self.path)
        return f"{self.path}:{self.position.line}:{self.position.column}"

    def render(self) -> str:
        """One message: 'file:line:col: what is wrong. What to do.'"""
        from refleksionsrum.core.i18n import t

        text = f"{self.where()}: {t(self.message_key, **self.params)}"
        if self.hint:
            text += f" {t(self.hint, path=self.path)}"
        return text
