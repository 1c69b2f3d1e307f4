"""Every child process a test starts is waited for with a deadline, so a hang fails, not stalls."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
# Calls that wait for a child process and take a timeout keyword.
WAITING = {"run", "check_output", "check_call", "call", "communicate"}


def waits_without_deadline(path: Path, root: Path = TESTS) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        is_subprocess = isinstance(owner, ast.Name) and owner.id == "subprocess"
        if node.func.attr not in WAITING or not (is_subprocess or node.func.attr == "communicate"):
            continue
        if not any(keyword.arg == "timeout" for keyword in node.keywords):
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_every_child_process_is_waited_for_with_a_timeout() -> None:
    # The benchmarks are run by hand, not by CI.
    paths = [path for path in sorted(TESTS.rglob("*.py")) if "benchmarks" not in path.parts]
    missing = [place for path in paths for place in waits_without_deadline(path)]
    assert missing == [], f"give these a timeout=... (CI stalls on a hung child): {missing}"


def test_the_check_sees_a_wait_without_a_deadline(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import subprocess\nsubprocess.run(['true'])\n", encoding="utf-8")
    assert waits_without_deadline(probe, tmp_path) == ["probe.py:2"]
