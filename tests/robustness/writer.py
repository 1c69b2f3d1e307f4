"""One of two processes writing to the same meeting at once (run by test_two_writers.py).

Usage: python writer.py ROLE WORKSPACE MEETING_ID EDITS GO_FILE
Once ready it makes GO_FILE.ROLE.ready and starts when GO_FILE exists (both start together,
however long each took to import on a loaded machine).
ROLE "facilitator" writes through MeetingRoom (notes, and a clock checkpoint with the
session file every 100 notes); "note-taker" writes through Store directly (notes, and a
draft every 100). Prints one JSON line: how many writes failed and why.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from sqlalchemy.exc import OperationalError

from refleksionsrum.core.clock import SystemClock
from refleksionsrum.core.files.sync import open_store
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.models import Note, NoteKind
from refleksionsrum.core.store.database import StoreError
from refleksionsrum.core.store.drafts import Drafts
from refleksionsrum.core.workspace import Workspace


def main() -> None:
    role, root, meeting_id, edits, go_file = sys.argv[1:6]
    workspace = Workspace.open(Path(root))
    store = open_store(workspace)
    clock = SystemClock()
    room = (
        MeetingRoom.resume(workspace, store, meeting_id, clock) if role == "facilitator" else None
    )
    drafts = Drafts(store, meeting_id)
    failures: list[str] = []
    go = Path(go_file)
    go.with_name(f"{go.name}.{role}.ready").touch()
    while not go.exists():  # both start together
        time.sleep(0.001)
    began = time.monotonic()
    for number in range(int(edits)):
        text = f"{role} {number}"
        try:
            if room is not None:
                room.add_note(NoteKind.OBSERVATION, text)
                if number % 100 == 99:
                    room.toggle_pause()  # a checkpoint: clocks stored, session file written
            else:
                store.items.add_note(
                    meeting_id, Note("data", NoteKind.REFLECTION, text, clock.now())
                )
                if number % 100 == 99:
                    drafts.save("entry:data", {"entry-text": text})
        except OperationalError as error:
            failures.append(str(error.orig))
        except StoreError as error:
            failures.append(str(error.params.get("reason", error.key)))
    print(json.dumps({"failures": failures, "seconds": time.monotonic() - began}))
    store.close()


if __name__ == "__main__":
    main()
