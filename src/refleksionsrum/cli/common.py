"""What every command shares: exit codes, the one failure shape, opening the workspace."""

from __future__ import annotations

import argparse
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from refleksionsrum.core import i18n
from refleksionsrum.core.config import Config
from refleksionsrum.core.errors import printable
from refleksionsrum.core.i18n import t
from refleksionsrum.core.workspace import Workspace, find_root

PROG = "refleksionsrum"
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
# The database of the workspace opened, for a message about it from deep in the store.
DATABASE_URL: ContextVar[str] = ContextVar("database_url", default="")
# config.toml as the early scan for the language read it, by workspace root.
EARLY_CONFIG: dict[Path, Config] = {}


class Failure(Exception):
    """A command failed; ``message`` is already worded for the user."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def h(key: str, /, **params: Any) -> str:
    """A catalogue string made safe for argparse, which %-formats help texts."""
    return t(key, **params).replace("%", "%%")


def add_workspace(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a subcommand's unset --workspace must not hide one given before the subcommand.
    parser.add_argument(
        "--workspace",
        metavar=t("cli.metavar.dir"),
        default=argparse.SUPPRESS,
        help=h("cli.help.workspace"),
    )


def add_command(commands: Any, name: str, handler: Any) -> argparse.ArgumentParser:
    """A subcommand with its help and description from the catalogue (cli.NAME.help, ...).

    Its arguments are added by the caller, then add_workspace, so --workspace comes last.
    """
    command: argparse.ArgumentParser = commands.add_parser(
        name,
        prog=f"{PROG} {name}",
        help=h(f"cli.{name}.help"),
        description=t(f"cli.{name}.description"),
    )
    command.set_defaults(handler=handler)
    return command


def add_meeting_id(command: argparse.ArgumentParser, help_key: str, optional: bool = False) -> None:
    """The MEETING_ID positional (optional: the one running meeting, or a list to pick from)."""
    extra: dict[str, Any] = {"nargs": "?", "default": ""} if optional else {}
    command.add_argument(
        "meeting_id", metavar=t("cli.metavar.meeting_id"), help=h(help_key), **extra
    )


def printable_lines(text: str) -> str:
    """A message of several lines with each line's control characters escaped."""
    return "\n".join(printable(line) for line in text.split("\n"))


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace the user means, its config checked and its language chosen."""
    root = find_root(getattr(args, "workspace", None))
    known = EARLY_CONFIG.pop(root, None)
    workspace = Workspace(root=root, config=known) if known else Workspace.open(root)
    i18n.set_language(workspace.config.language)
    DATABASE_URL.set(workspace.database_url)
    return workspace


def refuse_unreadable_database(workspace: Workspace) -> None:
    """One message, before any screen, for a database file SQLite cannot read."""
    from refleksionsrum.core.store.quicklist import unreadable_database

    if unreadable_database(workspace):
        path = printable(str(workspace.database_path))
        raise Failure(f"{PROG}: {t('store.not_database', path=path)}", EXIT_PROBLEMS)


def open_readable_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace, for a command that reads its database before anything else."""
    workspace = open_workspace(args)
    refuse_unreadable_database(workspace)
    return workspace
