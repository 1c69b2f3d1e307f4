"""TOML kept parsed between runs: read back only for the very same text, never an error."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from refleksionsrum.core.config import ConfigError, load_config
from refleksionsrum.core.tomltext import kept
from refleksionsrum.core.workspace import init_workspace


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    kept.forget()
    yield tmp_path / "cache" / "refleksionsrum" / "parsed-toml.marshal"
    kept.forget()  # the next test reads its own folder


class Parser:
    """tomllib, counted: how often the text was really parsed."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str) -> dict[str, Any]:
        import tomllib

        self.calls += 1
        return tomllib.loads(text)


def test_a_text_parsed_in_one_run_is_read_back_in_the_next() -> None:
    parse = Parser()
    assert kept.parsed('title = "Borgerniveau"\n', parse) == {"title": "Borgerniveau"}
    kept.forget()  # as a new process: only the file is left
    assert kept.parsed('title = "Borgerniveau"\n', parse) == {"title": "Borgerniveau"}
    assert parse.calls == 1


def test_an_edited_text_is_parsed_again() -> None:
    parse = Parser()
    kept.parsed("minutes = 30\n", parse)
    kept.forget()
    assert kept.parsed("minutes = 45\n", parse) == {"minutes": 45}
    assert parse.calls == 2


def test_workspaces_with_the_same_config_keep_it_once(tmp_path: Path, own_cache: Path) -> None:
    # Every workspace starts with the same config.toml; kept by file, each was an entry
    # of its own, and each start read them all (519 kB after a benchmark run).
    for name in ("one", "two", "three"):
        load_config(init_workspace(tmp_path / name) / "config.toml")
    size = own_cache.stat().st_size
    for name in ("four", "five", "six", "seven"):
        load_config(init_workspace(tmp_path / name) / "config.toml")
    assert own_cache.stat().st_size == size
    kept.forget()
    parse = Parser()
    text = (tmp_path / "seven" / "config.toml").read_text(encoding="utf-8")
    assert kept.parsed(text, parse)["default_template"] == "borgerniveau"
    assert parse.calls == 0


def test_each_caller_gets_a_table_of_its_own() -> None:
    parse = Parser()
    kept.parsed("names = [1, 2]\n", parse)["names"].append(3)
    assert kept.parsed("names = [1, 2]\n", parse) == {"names": [1, 2]}


def test_a_broken_config_is_reported_every_time_with_its_position(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "da"\ntheme = \n', encoding="utf-8")
    for _ in range(2):
        kept.forget()
        with pytest.raises(ConfigError) as refused:
            load_config(config)
        assert refused.value.position is not None and refused.value.position.line == 2


def test_a_config_edited_after_it_was_kept_is_checked_again(tmp_path: Path) -> None:
    config = init_workspace(tmp_path / "workspace") / "config.toml"
    text = config.read_text(encoding="utf-8")
    assert load_config(config).language == "da"
    config.write_text(text.replace('language = "da"', 'language = "fr"', 1), encoding="utf-8")
    kept.forget()
    with pytest.raises(ConfigError):
        load_config(config)


def test_a_cache_file_others_can_write_is_not_trusted(own_cache: Path) -> None:
    parse = Parser()
    kept.parsed("x = 1\n", parse)
    os.chmod(own_cache, 0o666)
    kept.forget()
    kept.parsed("x = 1\n", parse)
    assert parse.calls == 2


def test_a_damaged_cache_file_means_parsing_as_always(own_cache: Path) -> None:
    parse = Parser()
    kept.parsed("x = 1\n", parse)
    own_cache.write_bytes(own_cache.read_bytes()[:7])
    kept.forget()
    assert kept.parsed("x = 1\n", parse) == {"x": 1}
    assert parse.calls == 2


def test_a_value_marshal_cannot_hold_is_parsed_each_time() -> None:
    parse = Parser()
    for _ in range(2):
        kept.forget()
        assert str(kept.parsed("day = 2026-12-04\n", parse)["day"]) == "2026-12-04"
    assert parse.calls == 2


def test_no_cache_folder_is_no_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # the cache folder's place is a file
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    kept.forget()
    assert kept.parsed("x = 1\n", Parser()) == {"x": 1}
