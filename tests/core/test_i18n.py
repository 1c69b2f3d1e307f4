"""The catalogues: Danish and English complete and alike; dates the Danish way."""

from __future__ import annotations

import re
import string
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest

from refleksionsrum.core import i18n
from refleksionsrum.core.errors import _TYPE_KEYS
from refleksionsrum.core.i18n import LANGUAGES, duration, long_date, relative, short_date, t
from refleksionsrum.core.kinds import CarriedOut, NoteKind, Verdict
from refleksionsrum.core.summary import ROLES

# The whole package: core (with its sub-packages), the screens and the command line.
PACKAGE = Path(i18n.__file__).parents[1]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_danish_and_english_have_the_same_keys() -> None:
    assert set(LANGUAGES) == {"da", "en"}
    only_da = sorted(set(LANGUAGES["da"]) - set(LANGUAGES["en"]))
    only_en = sorted(set(LANGUAGES["en"]) - set(LANGUAGES["da"]))
    assert (only_da, only_en) == ([], [])
    assert len(LANGUAGES["da"]) > 50


def test_each_key_has_the_same_placeholders_and_no_empty_text() -> None:
    for key, danish in LANGUAGES["da"].items():
        english = LANGUAGES["en"][key]
        assert danish.strip(), key
        assert english.strip(), key
        assert placeholders(danish) == placeholders(english), key


def test_every_key_the_code_uses_exists() -> None:
    # Every literal that looks like a catalogue key anywhere in the code (core and its
    # packages, tui/, cli/) is in the catalogue; the catalogues themselves define them.
    prefixes = sorted({key.split(".")[0] for key in LANGUAGES["da"]})
    # A table's foreign key ("meeting.id") is a column, not a catalogue key.
    pattern = re.compile(
        r"""(?<!foreign_key=)["']((?:""" + "|".join(prefixes) + r""")\.[a-z0-9_.-]+)["']"""
    )
    used: dict[str, set[str]] = {}
    for source in PACKAGE.rglob("*.py"):
        if "locale" in source.relative_to(PACKAGE).parts:
            continue
        for key in pattern.findall(source.read_text(encoding="utf-8")):
            used.setdefault(key, set()).add(source.relative_to(PACKAGE).as_posix())
    # The scan reaches what it should: core's top level, its packages, the screens, the CLI.
    files = set().union(*used.values())
    for where in ("core/config.py", "core/files/sessionfile.py", "tui/meeting.py", "cli/files.py"):
        assert where in files, where
    missing = sorted(
        f"{key} ({', '.join(sorted(where))})"
        for key, where in used.items()
        if key not in LANGUAGES["da"] and not key.endswith(".toml")
    )
    assert missing == []


def test_every_kind_verdict_role_and_type_has_words() -> None:
    keys = [f"kind.{kind.value}" for kind in NoteKind]
    keys += [f"carried.{value.value}" for value in CarriedOut]
    keys += [f"verdict.{value.value}" for value in Verdict]
    keys += [f"verdict.{value.value}.help" for value in Verdict]
    keys += [f"role.{role}" for role in ROLES]
    keys += [*_TYPE_KEYS.values(), "type.number"]
    assert [key for key in keys if key not in LANGUAGES["da"]] == []


def test_danish_text_uses_danish_letters() -> None:
    danish = " ".join(LANGUAGES["da"].values())
    assert "ø" in danish and "å" in danish and "æ" in danish
    # Common ASCII stand-ins for Danish letters have no place in the interface.
    assert not re.search(r"\b(moede|naeste|opfoelgning|proevehandling)", danish, re.I)


def test_long_date_in_danish_and_english() -> None:
    assert long_date(date(2026, 12, 7)) == "mandag 7. december"
    assert long_date(datetime(2026, 11, 22, 13, 0)) == "søndag 22. november"
    assert short_date(date(2026, 12, 7)) == "7. dec. 2026"
    i18n.set_language("en")
    assert long_date(date(2026, 12, 7)) == "Monday 7 December"


def test_relative_dates() -> None:
    today = date(2026, 11, 23)
    assert relative(date(2026, 12, 7), today) == "om 2 uger"
    assert relative(date(2026, 11, 23), today) == "i dag"
    assert relative(date(2026, 11, 24), today) == "i morgen"
    assert relative(date(2026, 11, 22), today) == "i går"
    assert relative(date(2026, 11, 26), today) == "om 3 dage"
    assert relative(date(2026, 11, 9), today) == "for 2 uger siden"
    assert relative(datetime(2026, 12, 7, 9, 30), today) == "om 2 uger"
    i18n.set_language("en")
    assert relative(date(2026, 12, 7), today) == "in 2 weeks"


def test_t_fills_in_and_survives_a_missing_key() -> None:
    assert t("date.in_days", n=5) == "om 5 dage"
    assert t("no.such.key") == "no.such.key"
    with pytest.raises(ValueError):
        i18n.set_language("sv")


def test_duration() -> None:
    assert duration(0) == "00:00"
    assert duration(61_999) == "01:01"
    assert duration(3_600_000 + 5_000) == "1:00:05"
    assert duration(-5_000) == "00:00"


def test_each_key_is_written_once_as_text_in_one_of_its_languages_files() -> None:
    # An entry repeated in another area's file would be silently overridden by the later one;
    # a translator editing the first would see no change.
    folder = PACKAGE / "core" / "locale"
    for language in LANGUAGES:
        where: dict[str, str] = {}
        for path in sorted(folder.glob(f"{language}*.toml")):
            for key, value in tomllib.loads(path.read_text(encoding="utf-8")).items():
                assert isinstance(value, str), (path.name, key)
                assert key not in where, (key, where.get(key), path.name)
                where[key] = path.name
        assert set(where) == set(LANGUAGES[language])
