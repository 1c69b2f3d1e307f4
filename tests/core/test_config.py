"""config.toml: the shipped files load, and every broken file gets one positioned message."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from refleksionsrum.core import i18n
from refleksionsrum.core.config import ConfigError, load_config, parse_config
from refleksionsrum.core.defaults import config_text

REPO_CONFIG = Path(__file__).resolve().parents[2] / "config.toml"
NAME = Path("config.toml")


def test_repository_config_has_the_three_levels() -> None:
    config = load_config(REPO_CONFIG)
    assert config.language == "da"
    assert config.default_template == "borgerniveau"
    minutes = {name: t.planned_minutes for name, t in config.templates.items()}
    assert minutes == {"borgerniveau": 30, "indsatsniveau": 120, "organisatorisk": 180}
    for template in config.templates.values():
        # The phases fill the meeting exactly, in the order METHOD.md gives.
        assert template.phase_minutes == template.planned_minutes
        assert [p.key for p in template.phases] == [
            "followup",
            "data",
            "reflection",
            "wonder",
            "next",
        ]
        for phase in template.phases:
            assert phase.purpose.strip()
            assert 2 <= len(phase.prompts) <= 3
    assert config.template().name == "borgerniveau"
    assert config.templates["borgerniveau"].rhythm_days == 14


@pytest.mark.parametrize("language", ["da", "en"])
def test_default_config_loads_in_both_languages(language: str) -> None:
    config = parse_config(config_text(language), NAME)
    assert config.language == language
    assert set(config.templates) == {"borgerniveau", "indsatsniveau", "organisatorisk"}
    assert config.template().planned_minutes == 30


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_key_of_the_default_config_is_explained(language: str) -> None:
    text = config_text(language)
    lines = text.splitlines()
    comments = "\n".join(line for line in lines if line.lstrip().startswith("#"))
    data = tomllib.loads(text)
    top_level = {*data, "database_url"}  # database_url is shown commented out
    assert top_level == {
        "language",
        "default_template",
        "database_url",
        "warning_minutes",
        "bell",
        "theme",
        "templates",
    }
    first_table = lines.index("[templates.borgerniveau]")
    for number, line in enumerate(lines[:first_table]):
        if re.match(r"^(\w+) = ", line):
            # A top-level setting: the comment right above it says what it does.
            assert lines[number - 1].startswith("#"), f"no comment above {line!r}"
    assert "database_url" in comments
    assert "templates" in comments.lower() or "skabelon" in comments.lower()
    template_keys = {"title", "minutes", "rhythm_days", "phases"}
    phase_keys = {"key", "title", "minutes", "purpose", "prompts"}
    for key in template_keys | phase_keys:
        assert re.search(rf"\b{key}\b", comments), f"{key} is not explained"


def _error(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, NAME)
    return caught.value


def _line_of(text: str, needle: str, occurrence: int = 0) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence]


BASE = config_text("da")


def _replace_nth(text: str, old: str, new: str, n: int) -> str:
    index = -1
    for _ in range(n + 1):
        index = text.index(old, index + 1)
    return text[:index] + new + text[index + len(old) :]


@pytest.mark.parametrize(
    ("name", "old", "new", "occurrence", "key", "column"),
    [
        ("zero minutes", "minutes = 5\n", "minutes = 0\n", 0, "config.not_positive", 11),
        ("negative minutes", "minutes = 30\n", "minutes = -30\n", 1, "config.not_positive", 11),
        ("negative rhythm", "rhythm_days = 14", "rhythm_days = -1", 0, "config.not_positive", 15),
        ("bool minutes", "minutes = 7\n", "minutes = true\n", 0, "config.wrong_type", 11),
        ("text minutes", "minutes = 25\n", 'minutes = "25"\n', 2, "config.wrong_type", 11),
        ("float minutes", "minutes = 45\n", "minutes = 4.5\n", 0, "config.wrong_type", 11),
        ("wrong title type", 'title = "Borgerniveau"', "title = 3", 0, "config.wrong_type", 9),
        ("empty title", 'title = "Refleksion"', 'title = " "', 1, "config.empty", 9),
        ("duplicate phase", 'key = "data"', 'key = "followup"', 2, "config.duplicate_phase", 7),
        (
            "unknown default",
            'default_template = "borgerniveau"',
            'default_template = "ukendt"',
            0,
            "config.unknown_template",
            20,
        ),
        ("unknown language", 'language = "da"', 'language = "sv"', 0, "config.bad_language", 12),
        ("language not text", 'language = "da"', "language = 1", 0, "config.wrong_type", 12),
        (
            "bool as number",
            "warning_minutes = 2",
            "warning_minutes = true",
            0,
            "config.wrong_type",
            19,
        ),
        (
            "negative warning",
            "warning_minutes = 2",
            "warning_minutes = -1",
            0,
            "config.negative",
            19,
        ),
        ("unknown theme", 'theme = "standard"', 'theme = "pink"', 0, "config.bad_theme", 9),
        ("bell not bool", "bell = false", "bell = 0", 0, "config.wrong_type", 8),
        ("prompt not text", '"Hvad undrer os?"', "5", 0, "config.wrong_type", 11),
    ],
)
def test_broken_value_is_reported_where_it_is_written(
    name: str, old: str, new: str, occurrence: int, key: str, column: int
) -> None:
    text = _replace_nth(BASE, old, new, occurrence)
    error = _error(text)
    assert error.message_key == key, name
    assert error.position is not None
    line = text.splitlines()[error.position.line - 1]
    # The position points at the broken value (or, for a list, at its key's line).
    assert new.strip().split(" = ")[-1] in line or line.startswith("prompts"), line
    assert error.position.column == column
    assert f"config.toml:{error.position.line}:{column}:" in error.render()


def test_duplicate_phase_names_the_second_occurrence_in_its_template() -> None:
    start = BASE.index("[templates.indsatsniveau]")
    text = BASE[:start] + BASE[start:].replace('key = "reflection"', 'key = "data"', 1)
    error = _error(text)
    assert error.message_key == "config.duplicate_phase"
    assert error.params["template"] == "indsatsniveau"
    assert error.position is not None
    # The third phase of the second template, not the first template's "data".
    assert error.position.line == _line_of(text, 'key = "data"', 2)
    assert error.render().startswith(f"config.toml:{error.position.line}:7: ")
    assert "'data'" in error.render()


def test_syntax_error_names_line_and_column() -> None:
    text = 'language = "da"\ndefault_template = "borger\n'
    error = _error(text)
    assert error.message_key == "config.syntax"
    assert error.position is not None
    assert (error.position.line, error.position.column) == (2, 27)
    assert error.render().startswith("config.toml:2:27: fejl i TOML:")


def test_missing_rhythm_points_at_the_template() -> None:
    text = BASE.replace("rhythm_days = 14\n", "")
    error = _error(text)
    assert error.message_key == "config.missing"
    assert error.params["key"] == "templates.borgerniveau.rhythm_days"
    assert error.position is not None
    assert error.position.line == _line_of(text, "[templates.borgerniveau]")
    assert "config.toml:" in error.render()
    assert "templates.borgerniveau.rhythm_days" in error.render()


def test_missing_phase_key_points_at_that_phase() -> None:
    text = (
        "[templates.a]\nrhythm_days = 7\n\n"
        '[[templates.a.phases]]\nkey = "data"\ntitle = "Data"\nminutes = 5\n\n'
        '[[templates.a.phases]]\ntitle = "Uden nøgle"\nminutes = 5\n'
    )
    error = _error(text)
    assert error.message_key == "config.missing"
    assert error.params["key"] == "templates.a.phases[1].key"
    assert error.position is not None
    assert error.position.line == 9
    assert "config.toml:9:1:" in error.render()


def test_empty_phases() -> None:
    text = "[templates.a]\nrhythm_days = 7\nphases = []\n"
    error = _error(text)
    assert error.message_key == "config.no_phases"
    assert error.position is not None
    assert "config.toml:3:10:" in error.render()
    assert "'a'" in error.render()


def test_inline_phases_still_get_a_position() -> None:
    text = '[templates.a]\nrhythm_days = 7\nphases = [{ key = "x", title = "X", minutes = 0 }]\n'
    error = _error(text)
    assert error.message_key == "config.not_positive"
    assert error.position is not None
    assert error.position.line == 3
    assert "config.toml:3:" in error.render()


def test_no_templates_at_all() -> None:
    assert _error('language = "da"\n').message_key == "config.missing"
    error = _error('language = "da"\n\n[templates]\n')
    assert error.message_key == "config.no_templates"
    assert "config.toml:3:1:" in error.render()


def test_type_names_follow_the_language() -> None:
    text = BASE.replace("minutes = 30\n", "minutes = true\n", 1)
    error = _error(text)
    assert "skal være et helt tal" in error.render()
    i18n.set_language("en")
    assert "must be a whole number" in error.render()
    assert "helt tal" not in error.render()


def test_non_utf8_names_the_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'language = "da"\n# caf\xe9 i Latin-1\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    error = caught.value
    assert error.message_key == "config.not_utf8"
    assert error.render().startswith(f"{path}:2:6: ")
    assert "UTF-8" in error.render()


def test_missing_file_tells_how_to_make_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "config.toml")
    assert caught.value.message_key == "config.not_found"
    assert "refleksionsrum init" in caught.value.render()


def test_a_team_can_add_its_own_template_and_phase() -> None:
    text = (
        BASE + '\n[templates.teammoede]\ntitle = "Teammøde"\nrhythm_days = 7\n\n'
        '[[templates.teammoede.phases]]\nkey = "runde"\ntitle = "Runde"\nminutes = 10\n'
    )
    config = parse_config(text, NAME)
    team = config.templates["teammoede"]
    assert team.planned_minutes == 10
    assert team.phases[0].records == "notes"
    assert config.templates["borgerniveau"].phases[0].records == "followup"
