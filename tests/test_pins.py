"""The versions the code is tested with: pinned in constraints.txt, within pyproject's ranges."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def declared() -> list[Requirement]:
    """Every requirement in pyproject.toml: the dependencies and every extra's."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        lines += extra
    return [Requirement(line) for line in lines]


def pins() -> dict[str, Version]:
    """constraints.txt as {canonical name: version}; every line is `name==version`."""
    found: dict[str, Version] = {}
    for number, raw in enumerate((ROOT / "constraints.txt").read_text().splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep and name.strip() and version.strip(), f"constraints.txt:{number}: {raw!r}"
        key = canonicalize_name(name.strip())
        assert key not in found, f"constraints.txt:{number}: {name} is pinned twice"
        found[key] = Version(version.strip())
    return found


def test_every_dependency_is_pinned_within_its_range() -> None:
    pinned = pins()
    problems = []
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        if name not in pinned:
            problems.append(f"{requirement.name}: no pin in constraints.txt")
        elif not requirement.specifier.contains(pinned[name], prereleases=True):
            problems.append(f"{requirement.name}=={pinned[name]} is outside {requirement}")
        if not any(spec.operator in ("<", "<=", "==", "~=") for spec in requirement.specifier):
            problems.append(f"{requirement}: no upper bound in pyproject.toml")
    assert problems == []


def test_the_tests_run_with_the_pinned_versions() -> None:
    # A dependency upgraded in .venv without its pin means the suite tests something else.
    wrong = []
    for name, version in pins().items():
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            continue  # an optional extra not installed here
        if installed != version:
            wrong.append(f"{name}: installed {installed}, pinned {version}")
    assert wrong == [], "run `bash scripts/test.sh` (it installs the pins), or update the pin"
