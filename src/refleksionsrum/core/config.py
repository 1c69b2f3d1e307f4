"""Load and validate a workspace's config.toml into a Config, with precise error positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refleksionsrum.core.errors import FileProblem, Phrase
from refleksionsrum.core.kinds import Recording
from refleksionsrum.core.tomltext import kept
from refleksionsrum.core.tomltext.positions import PathPart, dotted, undecodable_position
from refleksionsrum.core.tomltext.reader import TomlReader

if TYPE_CHECKING:
    from refleksionsrum.core.data.sources import DataSource

CONFIG_NAME = "config.toml"
LANGUAGES = ("da", "en")
THEMES = ("standard", "high-contrast")
MAX_CONFIG_BYTES = 1_000_000
# Upper bounds far beyond any meeting; past them, times and dates stop being computable.
MAX_MINUTES = 100_000
MAX_RHYTHM_DAYS = 3_660
MAX_WARNING_MINUTES = 600


class ConfigError(FileProblem):
    """config.toml cannot be used; the message says where and what to do."""


@dataclass(frozen=True)
class PhaseTemplate:
    """One phase of a template: what it is called, how long it lasts, what it asks."""

    key: str
    title: str
    minutes: int
    purpose: str
    prompts: tuple[str, ...]

    @property
    def records(self) -> Recording:
        """What the phase records: a known phase's recording, or plain notes."""
        return Recording.of_phase(self.key)


@dataclass(frozen=True)
class Template:
    """A meeting level (borgerniveau, indsatsniveau, organisatorisk) and its agenda."""

    name: str
    title: str
    rhythm_days: int
    phases: tuple[PhaseTemplate, ...]
    minutes: int | None = None

    @property
    def planned_minutes(self) -> int:
        """The meeting's planned length: the stated one, else the sum of its phases."""
        return self.minutes if self.minutes is not None else self.phase_minutes

    @property
    def phase_minutes(self) -> int:
        return sum(phase.minutes for phase in self.phases)


@dataclass(frozen=True)
class Config:
    """Everything config.toml says, checked."""

    path: Path
    templates: dict[str, Template]
    language: str = "da"
    default_template: str = "borgerniveau"
    database_url: str | None = None
    warning_minutes: float = 2.0
    bell: bool = False
    theme: str = "standard"
    # The [[data]] entries: the team's own numbers, charted in the data review.
    data: tuple[DataSource, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def template(self, name: str | None = None) -> Template:
        return self.templates[name or self.default_template]

    def template_title(self, name: str) -> str:
        """A template's name as people read it ("Borgerniveau"); its key if no longer configured."""
        found = self.templates.get(name)
        return found.title if found is not None else name


class _Checker(TomlReader):
    """Walks the parsed TOML, raising ConfigError at the first problem with its position."""

    def __init__(self, path: Path, text: str) -> None:
        super().__init__(path, text, prefix="config", error=ConfigError, hint="config.hint")

    def positive_int(
        self,
        table: dict[str, Any],
        where: tuple[PathPart, ...],
        name: str,
        limit: int = MAX_MINUTES,
    ) -> int:
        value: int = self.get(table, where, name, int)
        if value <= 0:
            raise self.fail((*where, name), "config.not_positive", key=dotted((*where, name)))
        if value > limit:
            raise self.fail(
                (*where, name), "config.too_big", key=dotted((*where, name)), limit=limit
            )
        return value


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    """The TOML table of ``text``, or a ConfigError that says where it is broken."""
    import tomllib

    from refleksionsrum.core.tomltext.guard import shape_problem
    from refleksionsrum.core.tomltext.positions import decode_error_position

    shape = shape_problem(text)
    if shape is not None:
        raise ConfigError(
            path,
            f"config.{shape.kind}",
            position=shape.position,
            hint="config.hint",
            limit=shape.limit,
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason, position = decode_error_position(error)
        raise ConfigError(
            path, "config.syntax", position=position, hint="config.hint", reason=reason
        ) from None
    except RecursionError:
        raise ConfigError(path, "config.too_deep", hint="config.hint") from None


def load_config(path: Path) -> Config:
    """Read and check ``path``; raise ConfigError naming file, line and column."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(path, "config.not_found", hint="config.hint_init") from None
    except OSError as error:
        raise ConfigError(
            path, "config.unreadable", hint="config.hint", reason=error.strerror or str(error)
        ) from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(path, "config.too_large", hint="config.hint", limit=MAX_CONFIG_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(
            path,
            "config.not_utf8",
            position=undecodable_position(raw, error.start),
            hint="config.hint",
        ) from None
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> Config:
    """Check the TOML ``text`` of a config file; ``path`` is used in messages."""
    # Parsed once for this text, then read back (core/tomltext/kept.py); checked each time.
    data = kept.parsed(text, lambda text: _parse_toml(text, path))
    check = _Checker(path, text)

    language = check.get(data, (), "language", str, required=False, default="da")
    if language not in LANGUAGES:
        raise check.fail(("language",), "config.bad_language", value=language)
    theme = check.get(data, (), "theme", str, required=False, default="standard")
    if theme not in THEMES:
        raise check.fail(("theme",), "config.bad_theme", value=theme, allowed=", ".join(THEMES))
    bell = check.get(data, (), "bell", bool, required=False, default=False)
    warning = check.get(data, (), "warning_minutes", (int, float), required=False, default=2)
    if warning < 0:
        raise check.fail(("warning_minutes",), "config.negative", key="warning_minutes")
    # nan compares false with everything, so it fails here as well as inf does.
    if not warning <= MAX_WARNING_MINUTES:
        raise check.fail(
            ("warning_minutes",),
            "config.too_big",
            key="warning_minutes",
            limit=MAX_WARNING_MINUTES,
        )
    database_url = check.get(data, (), "database_url", str, required=False)
    if database_url is not None:
        from refleksionsrum.core.store.urls import url_problem

        problem = url_problem(database_url)
        if problem is not None:
            raise check.fail(("database_url",), problem, value=database_url)

    templates_table = check.get(data, (), "templates", dict)
    if not templates_table:
        raise check.fail(("templates",), "config.no_templates")
    templates = {
        name: _template(check, name, body, ("templates", name))
        for name, body in templates_table.items()
    }
    default_template = check.get(
        data, (), "default_template", str, required=False, default=next(iter(templates))
    )
    if default_template not in templates:
        raise check.fail(
            ("default_template",),
            "config.unknown_template",
            value=default_template,
            known=", ".join(templates),
        )
    known = {"language", "theme", "bell", "warning_minutes", "database_url", "templates"}
    known.add("default_template")
    known.add("data")
    data_sources: tuple[DataSource, ...] = ()
    if "data" in data:
        # Most teams chart nothing yet: the sources' module is loaded for those that do.
        from refleksionsrum.core.data.sources import parse_sources

        data_sources = parse_sources(check, data, set(templates))
    return Config(
        path=path,
        templates=templates,
        language=language,
        default_template=default_template,
        database_url=database_url,
        warning_minutes=float(warning),
        bell=bell,
        theme=theme,
        data=data_sources,
        extra={k: v for k, v in data.items() if k not in known},
    )


def _template(check: _Checker, name: str, body: Any, where: tuple[PathPart, ...]) -> Template:
    if not isinstance(body, dict):
        raise check.fail(
            where, "config.wrong_type", key=dotted(where), expected=Phrase("type.table")
        )
    title = check.get(body, where, "title", str, required=False, default=name)
    rhythm = check.positive_int(body, where, "rhythm_days", MAX_RHYTHM_DAYS)
    minutes = None
    if "minutes" in body:
        minutes = check.positive_int(body, where, "minutes")
    phases_raw = check.get(body, where, "phases", list)
    if not phases_raw:
        raise check.fail((*where, "phases"), "config.no_phases", template=name)
    phases: list[PhaseTemplate] = []
    seen: set[str] = set()
    for index, phase in enumerate(phases_raw):
        here = (*where, "phases", index)
        if not isinstance(phase, dict):
            raise check.fail(
                here, "config.wrong_type", key=dotted(here), expected=Phrase("type.table")
            )
        key = check.text_value(phase, here, "key")
        if key in seen:
            raise check.fail((*here, "key"), "config.duplicate_phase", key=key, template=name)
        seen.add(key)
        prompts = check.get(phase, here, "prompts", list, required=False, default=[])
        for number, prompt in enumerate(prompts):
            if not isinstance(prompt, str):
                raise check.fail(
                    (*here, "prompts"),
                    "config.wrong_type",
                    key=f"{dotted((*here, 'prompts'))}[{number}]",
                    expected=Phrase("type.text"),
                )
        phases.append(
            PhaseTemplate(
                key=key,
                title=check.text_value(phase, here, "title"),
                minutes=check.positive_int(phase, here, "minutes"),
                purpose=check.text_value(phase, here, "purpose", required=False),
                prompts=tuple(prompts),
            )
        )
    return Template(
        name=name, title=title, rhythm_days=rhythm, phases=tuple(phases), minutes=minutes
    )
