"""The `data` command: a run chart and its Anhøj analysis of any file, on the command line."""

from __future__ import annotations

import argparse
import shutil
from typing import Any

from refleksionsrum.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    Failure,
    add_command,
    add_workspace,
    h,
    open_workspace,
)
from refleksionsrum.core.i18n import t


def cmd_data(args: argparse.Namespace) -> int:
    """`refleksionsrum data`: a run chart and its Anhøj analysis; 1 when the file is bad."""
    from refleksionsrum.core.data import command

    if args.file is None and args.name is None:
        raise Failure(t("cli.data.need_file"), EXIT_USAGE)
    workspace = open_workspace(args) if args.name is not None else None
    request = command.request_of(
        args,
        workspace.config.data if workspace else None,
        workspace.root if workspace else None,
    )
    series, parts = command.analyse_request(request)
    if args.format == "json":
        print(command.as_json(request, series, parts))
    else:
        print(command.as_text(request, series, parts, shutil.get_terminal_size().columns))
    return EXIT_OK


def add_data_command(commands: Any) -> None:
    """The `data` subcommand's arguments (help texts from the catalogue)."""
    data = add_command(commands, "data", cmd_data)
    data.add_argument(
        "file", nargs="?", metavar=t("cli.metavar.file"), help=h("cli.data.help_file")
    )
    column = t("cli.metavar.column")
    data.add_argument("--value", metavar=column, help=h("cli.data.help_value"))
    data.add_argument("--date", metavar=column, help=h("cli.data.help_date"))
    data.add_argument("--sheet", metavar=t("cli.metavar.name"), help=h("cli.data.help_sheet"))
    data.add_argument("--freeze", type=_positive, metavar="N", help=h("cli.data.help_freeze"))
    data.add_argument(
        "--part",
        type=_positive,
        action="append",
        default=[],
        metavar="N",
        help=h("cli.data.help_part"),
    )
    data.add_argument(
        "--format", choices=("text", "json"), default="text", help=h("cli.data.help_format")
    )
    data.add_argument("--name", metavar=t("cli.metavar.name"), help=h("cli.data.help_name"))
    add_workspace(data)


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise ValueError(text)
    return value
