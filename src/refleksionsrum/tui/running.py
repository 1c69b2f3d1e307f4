"""The app run in a terminal: the signals held, the styles kept, and a closed window's quick end."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from refleksionsrum.core.workspace import Workspace
from refleksionsrum.launch import hold_signals
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.keptstyles import cache_file

if TYPE_CHECKING:
    from refleksionsrum.core.store.lookahead import LookAhead


def run(
    root: Path,
    *,
    new: bool = False,
    template: str | None = None,
    title: str | None = None,
    join: str | None = None,
    workspace: Workspace | None = None,
    ahead: LookAhead | None = None,
) -> int:
    """Start the app on the workspace at ``root`` (opened already: ``workspace``)."""
    hold_signals()  # again: run() may be called without the console script
    opened = workspace if workspace is not None else Workspace.open(root)
    app = RefleksionsrumApp(
        opened,
        new=new,
        template=template,
        title=title,
        join=join,
        ahead=ahead,
        kept_styles=cache_file(),
    )
    result = app.run()
    if app.left_on is not None:
        # Everything is saved and the terminal restored. Do not wait for worker
        # threads (a quick look, taking in files: their work is redone at the next
        # start; each write is a transaction or an atomic rename) nor for the
        # interpreter's teardown: a closed window wants the process gone.
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(128 + app.left_on)
    if app.kept_styles is not None:
        app.kept_styles.save()  # a meeting's screens, parsed after the first frame
    if isinstance(result, int):
        return result
    # No result: an error stopped Textual (it printed the traceback); never report success.
    return app.return_code or 0
