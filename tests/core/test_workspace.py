"""Workspaces and starting meetings: init, finding the workspace, ids, participants."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from refleksionsrum.core import i18n
from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.config import load_config
from refleksionsrum.core.meeting.starting import (
    default_due,
    new_meeting,
    parse_participants,
    slug,
)
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.summary import Participant, format_participants
from refleksionsrum.core.workspace import (
    ENV_VAR,
    Workspace,
    WorkspaceError,
    find_root,
    init_workspace,
)


def test_init_makes_a_commented_config_and_a_private_sessions_folder(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "team", language="en")
    config = root / "config.toml"
    assert config.read_text(encoding="utf-8").startswith("# refleksionsrum")
    assert load_config(config).language == "en"
    assert (root / "sessions").is_dir()
    assert list((root / "sessions").iterdir()) == []
    assert stat.S_IMODE((root / "sessions").stat().st_mode) == 0o700


def test_init_refuses_to_overwrite_a_config(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("# mine\n", encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        init_workspace(tmp_path)
    assert caught.value.message_key == "workspace.exists"
    assert (tmp_path / "config.toml").read_text(encoding="utf-8") == "# mine\n"


def test_find_root_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = init_workspace(tmp_path / "home")
    other = init_workspace(tmp_path / "other")
    deep = home / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert find_root(cwd=deep) == home.resolve()
    monkeypatch.setenv(ENV_VAR, str(other))
    assert find_root(cwd=deep) == other.resolve()
    assert find_root(str(home), cwd=deep) == home.resolve()
    with pytest.raises(WorkspaceError) as caught:
        find_root(str(tmp_path / "nowhere"))
    assert "refleksionsrum init" in caught.value.render()
    monkeypatch.delenv(ENV_VAR)
    (tmp_path / "empty").mkdir()
    with pytest.raises(WorkspaceError) as caught:
        find_root(cwd=tmp_path / "empty")
    assert caught.value.message_key == "workspace.not_found"


def test_database_url_defaults_to_sessions_and_relative_paths_are_the_workspaces(
    tmp_path: Path,
) -> None:
    root = init_workspace(tmp_path / "ws")
    workspace = Workspace.open(root)
    assert workspace.database_path == root / "sessions" / "refleksionsrum.db"
    config = root / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            '# database_url = "postgresql+psycopg://bruger@server/refleksionsrum"',
            'database_url = "sqlite:///data/rum.db"',
        ),
        encoding="utf-8",
    )
    assert Workspace.open(root).database_path == root / "data" / "rum.db"


def test_meeting_ids_are_readable_and_unique(tmp_path: Path) -> None:
    workspace = Workspace.open(init_workspace(tmp_path / "ws"))
    store = Store(workspace.database_url)
    clock = FakeClock()
    template = workspace.config.template()
    first = new_meeting(store, template, "Refleksionsmøde, familiebehandling", [], clock)
    again = new_meeting(store, template, "Refleksionsmøde, familiebehandling", [], clock)
    store.close()
    assert first.id == "2026-11-23-0900-refleksionsmoede-familiebehandling"
    assert again.id == first.id + "-2"
    assert [p.key for p in first.phases] == [p.key for p in template.phases]
    assert first.clock.running and first.clock.current == 0


def test_slug_and_due_date() -> None:
    assert slug("Ærø Åby, ØST") == "aeroe-aaby-oest"
    assert slug("!!!") == "moede"
    assert len(slug("x" * 200)) <= 48
    template = load_config(Path(__file__).resolve().parents[2] / "config.toml").template()
    assert default_due(date(2026, 11, 23), template) == date(2026, 12, 7)


def test_participants_with_roles_in_either_language() -> None:
    assert parse_participants("Mette (mødeleder), Jonas: referent\nSofie; Ali (Teamleder)") == [
        Participant("Mette", "facilitator"),
        Participant("Jonas", "note-taker"),
        Participant("Sofie", "participant"),
        Participant("Ali", "team-leader"),
    ]
    assert parse_participants("Bo (note-taker), Eva (kok)") == [
        Participant("Bo", "note-taker"),
        Participant("Eva", "kok"),
    ]
    assert parse_participants(" , ;\n") == []


def test_participants_offered_again_in_the_users_language() -> None:
    people = parse_participants("Mette (facilitator), Jonas (note-taker), Ali, Eva (kok)")
    # Danish on a Danish screen, whichever language they were typed in; a team's own as written.
    assert format_participants(people) == "Mette (mødeleder), Jonas (referent), Ali, Eva (kok)"
    assert parse_participants(format_participants(people)) == people
    i18n.set_language("en")
    assert format_participants(people) == "Mette (facilitator), Jonas (note-taker), Ali, Eva (kok)"
