"""The [[data]] entries of config.toml: which files hold the numbers and how to chart them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refleksionsrum.core.errors import Phrase
from refleksionsrum.core.tomltext.positions import PathPart, dotted

if TYPE_CHECKING:
    from refleksionsrum.core.config import _Checker

# The file kinds a data source may name; anything else is a config error, not a read error.
SUFFIXES = (".csv", ".xlsx")
MAX_POINT = 1_000_000


class Better(StrEnum):
    """Which direction of a measure is an improvement."""

    UP = "up"
    DOWN = "down"


@dataclass(frozen=True)
class DataSource:
    """One data source: a file, the column to chart and how the centre line is found."""

    name: str
    file: str
    value: str
    date: str | None = None
    sheet: str | None = None
    freeze: int | None = None
    parts: tuple[int, ...] = ()
    better: Better | None = None
    # Templates whose data review shows it; empty means every template.
    templates: tuple[str, ...] = ()

    def path(self, root: Path) -> Path:
        """The file, relative to the workspace folder unless written as an absolute path."""
        named = Path(self.file).expanduser()
        return named if named.is_absolute() else root / named

    def shown_in(self, template: str) -> bool:
        return not self.templates or template in self.templates


def parse_sources(
    check: _Checker, data: dict[str, Any], templates: set[str]
) -> tuple[DataSource, ...]:
    """Check the [[data]] array of a parsed config; the checker raises with line and column."""
    entries = check.get(data, (), "data", list, required=False, default=[])
    sources: list[DataSource] = []
    names: set[str] = set()
    for index, entry in enumerate(entries):
        here: tuple[PathPart, ...] = ("data", index)
        if not isinstance(entry, dict):
            raise check.fail(
                here, "config.wrong_type", key=dotted(here), expected=Phrase("type.table")
            )
        source = _source(check, entry, here, templates)
        if source.name in names:
            raise check.fail((*here, "name"), "data.config_duplicate", name=source.name)
        names.add(source.name)
        sources.append(source)
    return tuple(sources)


def _source(
    check: _Checker, entry: dict[str, Any], here: tuple[PathPart, ...], templates: set[str]
) -> DataSource:
    name = check.text_value(entry, here, "name")
    file = check.text_value(entry, here, "file")
    if Path(file).suffix.lower() not in SUFFIXES:
        raise check.fail((*here, "file"), "data.config_suffix", file=file)
    value = check.text_value(entry, here, "value")
    date = check.text_value(entry, here, "date", required=False) or None
    sheet = check.text_value(entry, here, "sheet", required=False) or None
    freeze = None
    if "freeze" in entry:
        freeze = check.positive_int(entry, here, "freeze", MAX_POINT)
    raw_parts = check.get(entry, here, "parts", list, required=False, default=[])
    parts: list[int] = []
    for number, part in enumerate(raw_parts):
        key = f"{dotted((*here, 'parts'))}[{number}]"
        if isinstance(part, bool) or not isinstance(part, int):
            raise check.fail(
                (*here, "parts"), "config.wrong_type", key=key, expected=Phrase("type.whole_number")
            )
        if part <= 0:
            raise check.fail((*here, "parts"), "config.not_positive", key=key)
        parts.append(part)
    better = None
    raw_better = check.get(entry, here, "better", str, required=False)
    if raw_better is not None:
        if raw_better not in tuple(Better):
            raise check.fail((*here, "better"), "data.config_better", value=raw_better)
        better = Better(raw_better)
    names = check.get(entry, here, "templates", list, required=False, default=[])
    for number, template in enumerate(names):
        if not isinstance(template, str) or template not in templates:
            raise check.fail(
                (*here, "templates"),
                "data.config_template",
                key=f"{dotted((*here, 'templates'))}[{number}]",
                value=str(template),
                known=", ".join(sorted(templates)),
            )
    return DataSource(
        name=name,
        file=file,
        value=value,
        date=date,
        sheet=sheet,
        freeze=freeze,
        parts=tuple(sorted(set(parts))),
        better=better,
        templates=tuple(names),
    )
