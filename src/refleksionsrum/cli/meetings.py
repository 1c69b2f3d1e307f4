"""The commands that open screens: start, new, join, serve, and init for a new workspace."""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
from pathlib import Path

from refleksionsrum.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    PROG,
    Failure,
    open_readable_workspace,
    open_workspace,
    refuse_unreadable_database,
)
from refleksionsrum.core import i18n
from refleksionsrum.core.config import CONFIG_NAME
from refleksionsrum.core.i18n import t
from refleksionsrum.core.workspace import Workspace, WorkspaceError, init_workspace


def cmd_start(args: argparse.Namespace) -> int:
    """`refleksionsrum`: the start screen."""
    return run_screens(open_readable_workspace(args))


def cmd_new(args: argparse.Namespace) -> int:
    """`refleksionsrum new`: start a meeting now and open it."""
    workspace = open_workspace(args)
    templates = workspace.config.templates
    if args.template is not None and args.template not in templates:
        raise Failure(
            t("cli.new.unknown_template", value=args.template, known=", ".join(templates)),
            EXIT_USAGE,
        )
    refuse_unreadable_database(workspace)
    return run_screens(workspace, new=True, template=args.template, title=args.title)


def cmd_join(args: argparse.Namespace) -> int:
    """`refleksionsrum join`: the note-taker's screen on a running meeting."""
    workspace = open_workspace(args)
    from refleksionsrum.tui.running import run

    return run(workspace.root, join=args.meeting_id)


def cmd_serve(args: argparse.Namespace) -> int:
    """`refleksionsrum serve`: the join view in a browser, on 127.0.0.1 unless --host."""
    workspace = open_workspace(args)
    loopback = args.host in ("127.0.0.1", "localhost", "::1")
    if not loopback and not args.public_url:
        raise Failure(t("serve.needs_public_url", host=args.host), EXIT_USAGE)
    meeting_id = _running_meeting(workspace, args.meeting_id)
    from refleksionsrum.tui.serve import serve

    title = f"refleksionsrum · {meeting_id}"
    serve(workspace.root, meeting_id, args.host, args.port, args.public_url, title)
    return EXIT_OK


def _running_meeting(workspace: Workspace, wanted: str) -> str:
    """The meeting to serve: the one named, or the only one running."""
    from refleksionsrum.core.files.sync import ingest, open_store

    store = open_store(workspace)
    try:
        ingest(workspace, store)
        running = [summary.id for summary in store.summaries()[0]]
    finally:
        store.close()
    if wanted:
        if wanted not in running:
            raise Failure(t("join.not_running", id=wanted, known=", ".join(running) or "-"))
        return wanted
    if not running:
        raise Failure(t("join.none_running"))
    if len(running) > 1:
        raise Failure(t("serve.several", known="\n".join(f"  {i}" for i in running)))
    return running[0]


def run_screens(
    workspace: Workspace,
    *,
    new: bool = False,
    template: str | None = None,
    title: str | None = None,
) -> int:
    """Hand over to the screens; Textual and the database are imported only now."""
    from refleksionsrum.core.store.lookahead import LookAhead

    # The start screen's lists are read while Textual is imported (not for a new
    # meeting or a note-taker: those open the full store at once).
    ahead = None if new else LookAhead(workspace)
    from refleksionsrum.tui.running import run

    return run(
        workspace.root, new=new, template=template, title=title, workspace=workspace, ahead=ahead
    )


def cmd_init(args: argparse.Namespace) -> int:
    """`refleksionsrum init`: a new workspace with a commented config.toml."""
    language = args.language or i18n.DEFAULT_LANGUAGE
    i18n.set_language(language)
    folder = Path(args.dir).expanduser().resolve()
    try:
        init_workspace(folder, language)
    except WorkspaceError as refused:
        raise Failure(refused.render(), EXIT_PROBLEMS) from None
    print(t("cli.init.made", path=folder))
    print(t("cli.init.edit", path=folder / CONFIG_NAME))
    here = folder == Path.cwd().resolve()
    # The program may live in a venv that is not on PATH: name it as it was started.
    beside = Path(sys.executable).parent / PROG
    program = PROG if shutil.which(PROG) or not beside.exists() else shlex.quote(str(beside))
    start = program if here else f"cd {shlex.quote(str(folder))} && {program}"
    print(t("cli.init.next", command=start))
    return EXIT_OK
