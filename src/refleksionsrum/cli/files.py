"""The commands on files: check a workspace, export a meeting."""

from __future__ import annotations

import argparse
import sys

from refleksionsrum.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Failure,
    open_readable_workspace,
    open_workspace,
    printable_lines,
    refuse_unreadable_database,
)
from refleksionsrum.core import stdio
from refleksionsrum.core.errors import FileProblem, printable
from refleksionsrum.core.i18n import t
from refleksionsrum.core.workspace import Workspace


def cmd_check(args: argparse.Namespace) -> int:
    """`refleksionsrum check`: config.toml and every session file; 1 when a file is broken."""
    workspace = open_readable_workspace(args)
    from refleksionsrum.core.files.reading import check_folder, unknown_templates

    # The same judgement the app makes (core/files/judge.py), each file read once.
    checked = check_folder(workspace.sessions_dir)
    for problem in checked.problems:
        stdio.say(problem.render())
    warnings = unknown_templates(checked.used, workspace.config.templates)
    for warning in warnings:
        stdio.say(warning.render())
    stdio.say(
        t(
            "cli.check.summary",
            config=printable(str(workspace.config.path)),
            good=checked.good,
            bad=len(checked.problems),
            warnings=len(warnings),
        )
    )
    _warn_network_database(workspace)
    data_problems = _check_data(workspace)
    return EXIT_PROBLEMS if checked.problems or data_problems else EXIT_OK


def _warn_network_database(workspace: Workspace) -> None:
    """SQLite on a network file system: WAL needs one machine's shared memory; say so."""
    path = workspace.database_path
    if path is None:
        return
    from refleksionsrum.core.store.netfs import network_filesystem

    kind = network_filesystem(path.parent if not path.exists() else path)
    if kind is not None:
        print(t("cli.check.network_fs", path=path, kind=kind))


def _check_data(workspace: Workspace) -> list[FileProblem]:
    """Each [[data]] entry's file read and analysed as the data review would; problems printed."""
    if not workspace.config.data:
        return []
    from refleksionsrum.core.data.views import load_view

    views = [load_view(source, workspace.root) for source in workspace.config.data]
    problems = [view.problem for view in views if view.problem is not None]
    for problem in problems:
        print(problem.render())
    print(t("cli.check.data_summary", good=len(views) - len(problems), bad=len(problems)))
    return list(problems)


def cmd_export(args: argparse.Namespace) -> int:
    """`refleksionsrum export`: a meeting's referat (Markdown) or session file (TOML)."""
    workspace = open_workspace(args)
    from refleksionsrum.core.files.target import output_target, write_output

    # Before the store is opened: a target that will be refused costs no work.
    target = None if args.output is None else output_target(args.output)
    if target is None and sys.stdout is None:
        raise Failure(t("cli.export.stdout_closed"))
    refuse_unreadable_database(workspace)
    from refleksionsrum.core.export import referat
    from refleksionsrum.core.files import sessionfile
    from refleksionsrum.core.store.quickread import (
        NoSuchMeeting,
        meeting_from_store,
        quick_meeting,
    )

    # Up to date and found: read with sqlite3 alone (the store's import is most of a second).
    found = quick_meeting(workspace, args.meeting_id)
    if found is None:
        try:
            found = meeting_from_store(workspace, args.meeting_id)
        except NoSuchMeeting as missing:
            raise Failure(printable_lines(missing.message), EXIT_PROBLEMS) from None
    if args.format == "toml":
        text = sessionfile.dumps(found.meeting)
    else:
        title = workspace.config.template_title(found.meeting.template)
        text = referat(found.meeting, found.followed_up, title)
        if not args.no_mask:
            from refleksionsrum.core.privacy import mask_cpr

            text = mask_cpr(text)
    if target is None:
        stdio.write_stdout(text)
        return EXIT_OK
    write_output(target, text)
    stdio.say(t("cli.export.written", path=printable(args.output)))
    return EXIT_OK
