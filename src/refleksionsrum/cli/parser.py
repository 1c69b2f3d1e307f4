"""The command line's parser: every command and option, its help in the current language."""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from refleksionsrum import __version__
from refleksionsrum.cli.common import (
    EXIT_USAGE,
    PROG,
    add_command,
    add_meeting_id,
    add_workspace,
    h,
)
from refleksionsrum.cli.data import add_data_command
from refleksionsrum.cli.files import cmd_check, cmd_export
from refleksionsrum.cli.meetings import cmd_init, cmd_join, cmd_new, cmd_serve, cmd_start
from refleksionsrum.cli.memory import add_commands
from refleksionsrum.core.config import LANGUAGES
from refleksionsrum.core.i18n import t

# Options that take a value; the early scan for the language must skip their values.
VALUED = (
    "--workspace",
    "--language",
    "--template",
    "--title",
    "--format",
    "--output",
    "--limit",
    "--status",
    "--owner",
    "--point",
)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, t("cli.usage") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its headings and error line in the current language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False  # added below, with its help in the current language
        super().__init__(*args, **kwargs)
        self._positionals.title = t("cli.heading.positionals")
        self._optionals.title = t("cli.heading.options")
        self.add_argument("-h", "--help", action="help", help=h("cli.help.help"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, t("cli.usage_error", prog=self.prog, message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, with help texts from the current language's catalogue."""
    # Written out: argparse would show the optional command as if it were required.
    usage = (
        f"{PROG} [-h] [--version] [--workspace {t('cli.metavar.dir')}] "
        f"[{t('cli.metavar.command')} ...]"
    )
    parser = _Parser(
        prog=PROG,
        usage=usage,
        description=t("cli.description"),
        epilog=t("cli.epilog"),
    )
    add_workspace(parser)
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help=h("cli.help.version"),
    )
    parser.set_defaults(handler=cmd_start)
    commands = parser.add_subparsers(
        title=t("cli.heading.commands"), dest="command", metavar=t("cli.metavar.command")
    )

    init = add_command(commands, "init", cmd_init)
    init.add_argument(
        "dir", nargs="?", default=".", metavar=t("cli.metavar.dir"), help=h("cli.init.help_dir")
    )
    init.add_argument(
        "--language", choices=LANGUAGES, default=None, help=h("cli.init.help_language")
    )

    new = add_command(commands, "new", cmd_new)
    new.add_argument("--template", metavar=t("cli.metavar.name"), help=h("cli.new.help_template"))
    new.add_argument("--title", metavar=t("cli.metavar.text"), help=h("cli.new.help_title"))
    add_workspace(new)

    join = add_command(commands, "join", cmd_join)
    add_meeting_id(join, "cli.join.help_id", optional=True)
    add_workspace(join)

    serve = add_command(commands, "serve", cmd_serve)
    add_meeting_id(serve, "cli.join.help_id", optional=True)
    serve.add_argument("--host", default="127.0.0.1", help=h("cli.serve.help_host"))
    serve.add_argument("--port", type=int, default=8765, help=h("cli.serve.help_port"))
    serve.add_argument(
        "--public-url", metavar="URL", default=None, help=h("cli.serve.help_public_url")
    )
    add_workspace(serve)

    add_workspace(add_command(commands, "check", cmd_check))

    export = add_command(commands, "export", cmd_export)
    add_meeting_id(export, "cli.export.help_id")
    export.add_argument(
        "--format", choices=("md", "toml"), default="md", help=h("cli.export.help_format")
    )
    export.add_argument("--output", metavar=t("cli.metavar.file"), help=h("cli.export.help_output"))
    export.add_argument("--no-mask", action="store_true", help=h("cli.help.no_mask"))
    add_workspace(export)
    add_data_command(commands)
    add_commands(commands)
    return parser
