"""Broken config.toml files, one per way a configuration can be wrong, with the line to name."""

from __future__ import annotations

from support.cases import Case, edited, raw

GOOD = """\
language = "da"
default_template = "kort"
warning_minutes = 2
bell = false
theme = "standard"

[templates.kort]
title = "Kort møde"
rhythm_days = 14

[[templates.kort.phases]]
key = "data"
title = "Data"
minutes = 10
purpose = "Se på data."
prompts = ["Hvad viser data?"]

[[templates.kort.phases]]
key = "next"
title = "Næste skridt"
minutes = 5
"""

HEAD = GOOD.split("\n\n", 1)[0] + "\n"


def _with(name: str, old: str, new: str, key: str, line: int | None = None) -> Case:
    return edited(GOOD, name, old, new, key, line)


def cases() -> list[Case]:
    return [
        _with("unclosed-string", 'title = "Kort møde"', 'title = "Kort møde', "config.syntax", 8),
        _with(
            "key-twice", 'language = "da"', 'language = "da"\nlanguage = "en"', "config.syntax", 2
        ),
        _with("no-value", "bell = false", "bell = ", "config.syntax", 4),
        _with("language-number", 'language = "da"', "language = 5", "config.wrong_type", 1),
        _with("language-unknown", 'language = "da"', 'language = "fr"', "config.bad_language", 1),
        _with("theme-unknown", 'theme = "standard"', 'theme = "dark"', "config.bad_theme", 5),
        _with("bell-text", "bell = false", 'bell = "ja"', "config.wrong_type", 4),
        _with(
            "warning-text", "warning_minutes = 2", 'warning_minutes = "to"', "config.wrong_type", 3
        ),
        _with(
            "warning-negative", "warning_minutes = 2", "warning_minutes = -1", "config.negative", 3
        ),
        _with("warning-nan", "warning_minutes = 2", "warning_minutes = nan", "config.too_big", 3),
        _with("warning-inf", "warning_minutes = 2", "warning_minutes = inf", "config.too_big", 3),
        _with("minutes-zero", "minutes = 10", "minutes = 0", "config.not_positive", 14),
        _with("minutes-negative", "minutes = 10", "minutes = -5", "config.not_positive", 14),
        _with("minutes-fraction", "minutes = 10", "minutes = 2.5", "config.wrong_type", 14),
        _with("minutes-bool", "minutes = 10", "minutes = true", "config.wrong_type", 14),
        _with(
            "minutes-huge", "minutes = 10", "minutes = 100000000000000000000", "config.too_big", 14
        ),
        _with("rhythm-zero", "rhythm_days = 14", "rhythm_days = 0", "config.not_positive", 9),
        _with("rhythm-huge", "rhythm_days = 14", "rhythm_days = 10000000", "config.too_big", 9),
        _with("phase-key-twice", 'key = "next"', 'key = "data"', "config.duplicate_phase", 19),
        _with(
            "default-unknown",
            'default_template = "kort"',
            'default_template = "lang"',
            "config.unknown_template",
            2,
        ),
        _with(
            "database-number",
            "bell = false",
            "bell = false\ndatabase_url = 5",
            "config.wrong_type",
            5,
        ),
        _with(
            "database-scheme",
            "bell = false",
            'bell = false\ndatabase_url = "mysql://x/y"',
            "config.bad_database_url",
            5,
        ),
        Case("not-utf8", GOOD.encode("latin-1"), "config.not_utf8", 8),
        raw("empty", "", "config.missing"),
        raw("no-templates", HEAD, "config.missing"),
        raw("templates-empty", HEAD + "\n[templates]\n", "config.no_templates", 7),
        raw("template-not-table", HEAD + '\n[templates]\nkort = "x"\n', "config.wrong_type", 8),
        raw(
            "no-phases",
            HEAD + "\n[templates.kort]\nrhythm_days = 14\nphases = []\n",
            "config.no_phases",
            9,
        ),
        raw(
            "phase-not-table",
            HEAD + "\n[templates.kort]\nrhythm_days = 14\nphases = [1]\n",
            "config.wrong_type",
            9,
        ),
        _with("phase-without-key", 'key = "data"\n', "", "config.missing", 11),
        _with("phase-title-empty", 'title = "Data"', 'title = ""', "config.empty", 13),
        _with(
            "prompts-text",
            'prompts = ["Hvad viser data?"]',
            'prompts = "Hvad viser data?"',
            "config.wrong_type",
            16,
        ),
        _with(
            "prompt-number",
            'prompts = ["Hvad viser data?"]',
            "prompts = [1]",
            "config.wrong_type",
            16,
        ),
        raw(
            "nested",
            HEAD + "x = " + "[" * 10_000 + "]" * 10_000 + "\n" + GOOD[len(HEAD) :],
            "config.too_deep",
            6,
        ),
        raw(
            "dotted-key",
            HEAD + ".".join(["a"] * 100_000) + " = 1\n" + GOOD[len(HEAD) :],
            "config.key_too_long",
            6,
        ),
        raw("too-large", GOOD + "# " + "x" * 1_000_000 + "\n", "config.too_large"),
    ]
