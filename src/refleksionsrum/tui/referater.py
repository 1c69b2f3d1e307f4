"""A Markdown file written into the workspace's referater/ folder, and a line saying where."""

from __future__ import annotations

from textual.widgets import Static

from refleksionsrum.core.i18n import t
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.text import literal


def save_in_referater(
    workspace: Workspace, name: str, text: str, status: Static, keys: str
) -> None:
    """Write ``text`` as referater/``name``; ``status`` tells the path, or why it failed.

    ``keys`` names the messages: ``summary`` for a referat, ``learning`` for the log.
    """
    # Imported here: writing files is not part of starting the app.
    from refleksionsrum.core.files.atomic import atomic_write_text
    from refleksionsrum.core.workspace import make_private_folder

    folder = workspace.referat_dir
    path = folder / name
    try:
        # The minutes hold what sessions/ holds: private to the owner alike.
        make_private_folder(folder)
        atomic_write_text(path, text)
    except OSError as error:
        reason = error.strerror or ""
        status.update(literal(t(f"{keys}.save_failed", path=str(path), reason=reason)))
        return
    status.update(literal(t(f"{keys}.saved", path=str(path))))
