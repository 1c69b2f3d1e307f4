"""Opening the workspace's store in a worker: the store, or the words saying why not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from refleksionsrum.core.errors import StoreError, printable_params
from refleksionsrum.core.i18n import t
from refleksionsrum.tui.messages import WorkspaceFailed, WorkspaceLoaded

if TYPE_CHECKING:
    from refleksionsrum.core.workspace import Workspace


def open_workspace(workspace: Workspace) -> WorkspaceLoaded | WorkspaceFailed:
    """Open the store, take in the session files, list the meetings (runs in a thread)."""
    # Imported here: SQLAlchemy and the store are not needed before the first frame.
    from sqlalchemy.exc import DatabaseError

    from refleksionsrum.core.files.sync import ingest, open_store
    from refleksionsrum.core.store.engine import corrupt

    try:
        store = open_store(workspace)
        report = ingest(workspace, store)
        running, recent = store.summaries()
    except StoreError as error:
        return WorkspaceFailed(t(error.key, **printable_params(error.params)))
    except DatabaseError as error:
        # A file cut short can pass the opening and fail at the first full read.
        failure = corrupt(error, workspace.database_url)
        if failure is None:
            raise
        return WorkspaceFailed(t(failure.key, **printable_params(failure.params)))
    return WorkspaceLoaded(store, running, recent, report.problems)
