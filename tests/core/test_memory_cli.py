"""search, actions, learning and privacy on the command line: text, Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from memory_corpus import write_archive
from refleksionsrum import cli
from refleksionsrum.core.workspace import Workspace

# The JSON contract of docs/json-output.md: key -> type(s) of its value.
SEARCH = {
    "meeting_id": str,
    "meeting_title": str,
    "started_at": str,
    "kind": str,
    "phase": (str, type(None)),
    "where": str,
    "text": str,
    "snippet": str,
}
ACTION = {
    "id": str,
    "title": str,
    "owner": str,
    "due": str,
    "status": str,
    "planned_in": str,
    "development_point": (str, type(None)),
    "adapted_from": (str, type(None)),
    "adapted_into": list,
    "evaluations": list,
}
EVALUATION = {"meeting_id": str, "carried_out": str, "learning": str, "verdict": str}
LESSON = {
    "development_point": (str, type(None)),
    "trial_action": str,
    "title": str,
    "meeting_id": str,
    "verdict": str,
    "learning": str,
}
FINDING = {"meeting_id": str, "where": str, "masked": str}
KINDS = {
    "observation",
    "reflection",
    "wondering",
    "explanation",
    "parked-idea",
    "note",
    "decision",
    "trial-action",
    "evaluation",
}


def conforms(value: Any, schema: dict[str, Any]) -> None:
    assert isinstance(value, dict)
    assert set(value) == set(schema), sorted(set(value) ^ set(schema))
    for key, kind in schema.items():
        assert isinstance(value[key], kind), (key, value[key])


@pytest.fixture
def archive(workspace: Workspace) -> Workspace:
    write_archive(workspace)
    return workspace


def run(workspace: Workspace, capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str]:
    code = cli.main([*words, "--workspace", str(workspace.root)])
    return code, capsys.readouterr().out


def test_search_json(archive: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(archive, capsys, "search", "transport", "--format", "json")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 4
    for hit in hits:
        conforms(hit, SEARCH)
        assert hit["kind"] in KINDS
        assert "«" in hit["snippet"]
    assert hits[0]["started_at"] == "2026-06-10T13:00:00+01:00"


def test_search_text_and_a_bad_date(archive: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(archive, capsys, "search", "behandling")
    assert code == 0
    assert "«Familiebehandlingen»" in out and "«Sagsbehandlingstiden»" in out
    code = cli.main(["search", "fra:igår", "--workspace", str(archive.root)])
    assert code == 2
    assert "'igår' er ikke en dato" in capsys.readouterr().err


def test_actions_json_with_the_chain(
    archive: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(archive, capsys, "actions", "--status", "all", "--format", "json")
    assert code == 0
    actions = {a["id"]: a for a in json.loads(out)}
    for action in actions.values():
        conforms(action, ACTION)
        for evaluation in action["evaluations"]:
            conforms(evaluation, EVALUATION)
    assert actions["ta-ring"]["adapted_into"] == ["ta-sms"]
    assert actions["ta-sms"]["adapted_from"] == "ta-ring"
    assert actions["ta-ring"]["status"] == "closed"
    assert actions["ta-sms"]["status"] == "open"  # continue carries it on
    assert actions["ta-sms"]["evaluations"][0]["verdict"] == "continue"
    code, out = run(archive, capsys, "actions", "--owner", "jonas", "--format", "json")
    assert [a["id"] for a in json.loads(out)] == ["ta-sms"]


def test_actions_markdown(archive: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(archive, capsys, "actions", "--status", "all", "--format", "md")
    assert code == 0
    assert out.startswith("# Prøvehandlinger\n")
    assert "| Send sms dagen før | Jonas | 2026-06-24 |" in out


def test_learning(archive: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(archive, capsys, "learning", "--format", "json")
    assert code == 0
    lessons = json.loads(out)
    for lesson in lessons:
        conforms(lesson, LESSON)
    assert [x["trial_action"] for x in lessons] == ["ta-sms", "ta-bus", "ta-ring"]
    code, out = run(
        archive, capsys, "learning", "--point", "Fastholdelse i gruppeforløb", "--format", "md"
    )
    assert "## Fastholdelse i gruppeforløb" in out
    assert "Droppet; det lærte vi: Transport skal løses med kørselsordningen" in out
    assert "Trivsel" not in out


def test_privacy_finds_every_form(
    archive: Workspace, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out = run(archive, capsys, "privacy")
    assert code == 0 and "Ingen CPR-numre" in out
    path = archive.sessions_dir / "2026-06-10-1300-familie.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Borgmesteren kommer på besøg.", "Borger 010190–1234 kommer.")
    text = text.replace("Fem familier mødte op", "Mor (0101901234) mødte op")
    path.write_text(text, encoding="utf-8")
    march = archive.sessions_dir / "2026-03-05-1300-familie.toml"
    text = march.read_text(encoding="utf-8")
    march.write_text(text.replace('"Fremmøderegistrering"', '"01.01.90 1234"'), encoding="utf-8")
    code, out = run(archive, capsys, "privacy", "--format", "json")
    assert code == 1
    found = json.loads(out)
    for finding in found:
        conforms(finding, FINDING)
    assert [(f["meeting_id"][:7], f["where"], f["masked"]) for f in found] == [
        ("2026-03", "notes[2].source", "010190-XXXX"),
        ("2026-06", "notes[3].text", "010190-XXXX"),
        ("2026-06", "evaluations[0].what_happened", "010190-XXXX"),
    ]
    # The search output masks it too, unless told not to.
    code, out = run(archive, capsys, "search", "kommer", "--format", "json")
    assert "010190-XXXX" in out and "1234" not in out
    code, out = run(archive, capsys, "search", "kommer", "--no-mask")
    assert "010190–1234" in out
