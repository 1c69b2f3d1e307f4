"""Find, make and open a workspace: a folder with config.toml and sessions/."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from refleksionsrum.core.config import CONFIG_NAME, Config, load_config
from refleksionsrum.core.errors import FileProblem

ENV_VAR = "REFLEKSIONSRUM_WORKSPACE"
SESSIONS = "sessions"
REFERATER = "referater"
DATABASE_NAME = "refleksionsrum.db"
FOLDER_MODE = 0o700


class WorkspaceError(FileProblem):
    """No workspace where one was expected, or one that cannot be made."""


def find_root(explicit: str | None = None, cwd: Path | None = None) -> Path:
    """--workspace, else $REFLEKSIONSRUM_WORKSPACE, else the nearest folder up with config.toml."""
    chosen = explicit or os.environ.get(ENV_VAR)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        if not (root / CONFIG_NAME).is_file():
            raise WorkspaceError(root / CONFIG_NAME, "workspace.no_config", hint="config.hint_init")
        return root
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise WorkspaceError(start, "workspace.not_found", hint="config.hint_init")


def init_workspace(folder: Path, language: str = "da") -> Path:
    """Make a workspace in ``folder``; refuses to overwrite an existing config.toml."""
    # Here, not at the top: opening a workspace needs neither (json, a dataclass).
    from refleksionsrum.core.defaults import config_text
    from refleksionsrum.core.files.atomic import atomic_write_text

    config = folder / CONFIG_NAME
    if config.exists():
        raise WorkspaceError(config, "workspace.exists")
    folder.mkdir(parents=True, exist_ok=True)
    make_private_folder(folder / SESSIONS)
    # The config is the team's to read and edit, so it keeps ordinary permissions.
    atomic_write_text(config, config_text(language), mode=0o644)
    return folder


def make_private_folder(folder: Path) -> None:
    """Notes are about vulnerable citizens: only the owner may read sessions/."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, FOLDER_MODE)


@dataclass(frozen=True)
class Workspace:
    """An opened workspace: its folder and its checked configuration."""

    root: Path
    config: Config

    @classmethod
    def open(cls, root: Path) -> Workspace:
        return cls(root=root, config=load_config(root / CONFIG_NAME))

    @property
    def sessions_dir(self) -> Path:
        return self.root / SESSIONS

    @property
    def referat_dir(self) -> Path:
        return self.root / REFERATER

    @property
    def database_url(self) -> str:
        url = self.config.database_url
        if url is None:
            return f"sqlite:///{self.sessions_dir / DATABASE_NAME}"
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url[len(prefix) :].startswith("/"):
            # A relative SQLite path means relative to the workspace, not to the shell.
            return f"{prefix}{self.root / url[len(prefix) :]}"
        return url

    @property
    def database_path(self) -> Path | None:
        url = self.database_url
        return Path(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else None
