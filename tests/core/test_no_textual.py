"""The core never imports Textual, and the start screen's imports do not load the database layer."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import refleksionsrum.core


def core_modules() -> list[str]:
    found = ["refleksionsrum.core"]
    for info in pkgutil.walk_packages(refleksionsrum.core.__path__, "refleksionsrum.core."):
        found.append(info.name)
    return sorted(found)


def loaded_after_import(modules: list[str]) -> list[str]:
    """The names in sys.modules after a fresh interpreter imports ``modules``."""
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: list[str] = json.loads(result.stdout)
    return loaded


def test_core_has_the_modules_the_design_names() -> None:
    # Guards the next test: an empty walk would make it pass without checking anything.
    names = core_modules()
    for expected in (
        "config",
        "store.database",
        "meeting.timer",
        "files.sessionfile",
        "meeting.room",
        "files.sync",
        "export",
    ):
        assert f"refleksionsrum.core.{expected}" in names


def test_importing_all_of_core_imports_no_textual() -> None:
    modules = core_modules()
    loaded = loaded_after_import(modules)
    assert set(modules) <= set(loaded)
    textual = [name for name in loaded if name == "textual" or name.startswith("textual.")]
    assert textual == []


def test_start_screen_imports_do_not_load_the_database_layer() -> None:
    light = [
        "refleksionsrum.core",
        "refleksionsrum.core.config",
        "refleksionsrum.core.workspace",
        "refleksionsrum.core.i18n",
    ]
    loaded = loaded_after_import(light)
    heavy = [name for name in loaded if name.split(".")[0] in ("sqlmodel", "sqlalchemy", "textual")]
    assert heavy == []
