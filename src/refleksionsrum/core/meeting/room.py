"""MeetingRoom: everything a screen can do to a running meeting, each edit stored at once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from refleksionsrum.core.clock import Clock
from refleksionsrum.core.config import PhaseTemplate, Template
from refleksionsrum.core.files.atomic import utf8_safe
from refleksionsrum.core.files.sync import write_session_file
from refleksionsrum.core.meeting.starting import default_due, new_trial_action_id
from refleksionsrum.core.meeting.timer import PhaseClock
from refleksionsrum.core.models import (
    CarriedOut,
    Decision,
    Evaluation,
    Meeting,
    Note,
    NoteKind,
    PhaseRecord,
    Recording,
    TrialAction,
    Verdict,
)
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.store.drafts import Drafts
from refleksionsrum.core.workspace import Workspace

# After a failed write the file is tried again at most this often (and at every checkpoint).
RETRY_FILE_MS = 5_000


@dataclass(frozen=True)
class FileTrouble:
    """The session file could not be written; the store still has everything."""

    path: str
    reason: str


class MeetingRoom:
    """A running meeting with its store, clocks and session file."""

    def __init__(self, workspace: Workspace, store: Store, meeting: Meeting, clock: Clock) -> None:
        self.workspace = workspace
        self.store = store
        self.meeting = meeting
        self.clock = clock
        self.timer = PhaseClock(meeting.phases, meeting.clock, clock)
        self.file_trouble: FileTrouble | None = None
        self._file_tried_ms: int | None = None
        self._file_pending_at_start = meeting.id in store.files.pending()
        self.drafts = Drafts(store, meeting.id)

    @classmethod
    def resume(
        cls, workspace: Workspace, store: Store, meeting_id: str, clock: Clock
    ) -> MeetingRoom:
        room = cls(workspace, store, store.load_meeting(meeting_id), clock)
        room.save_clock()
        return room

    # -- where we are ---------------------------------------------------------------------

    @property
    def template(self) -> Template | None:
        return self.workspace.config.templates.get(self.meeting.template)

    @property
    def phase(self) -> PhaseRecord:
        return self.meeting.phases[self.timer.current]

    def phase_template(self, index: int | None = None) -> PhaseTemplate | None:
        """The template's text (purpose, prompts) for a phase, if the template still has it."""
        key = self.meeting.phases[self.timer.current if index is None else index].key
        template = self.template
        if template is None:
            return None
        return next((p for p in template.phases if p.key == key), None)

    @property
    def records(self) -> Recording:
        """What the current phase records (by its key, whether or not the template has it)."""
        return Recording.of_phase(self.phase.key)

    def default_due(self) -> date:
        template = self.template
        started = self.meeting.started_at.date()
        return default_due(started, template) if template else started

    # -- clocks and phases ------------------------------------------------------------------

    def save_clock(self) -> None:
        self.store.save_clock(self.meeting.id, self.timer.snapshot(), self.meeting.phases)

    def next_phase(self) -> bool:
        moved = self.timer.next()
        if moved:
            self._checkpoint()
        return moved

    def previous_phase(self) -> bool:
        moved = self.timer.previous()
        if moved:
            self._checkpoint()
        return moved

    def goto_phase(self, index: int) -> None:
        self.timer.goto(index)
        self._checkpoint()

    def toggle_pause(self) -> bool:
        running = self.timer.toggle()
        self._checkpoint()
        return running

    def add_time(self, minutes: int) -> None:
        self.timer.add_time(minutes)
        self.save_clock()

    def _checkpoint(self) -> None:
        """Store the clocks and rewrite the session file (phase change, pause, quit)."""
        self.save_clock()
        self.write_file()

    def write_file(self) -> bool:
        """Write the session file; on failure remember why, keep going from the store."""
        self._file_tried_ms = self.clock.monotonic_ms()
        try:
            write_session_file(self.workspace, self.store, self.meeting)
        except OSError as error:
            if self.file_trouble is None:
                # Also after a quit or the end: the next start writes it (sync.ingest).
                self.store.files.mark_pending(self.meeting.id)
            self.file_trouble = FileTrouble(
                str(self.workspace.sessions_dir), error.strerror or type(error).__name__
            )
            return False
        if self.file_trouble is not None or self._file_pending_at_start:
            self.store.files.clear_pending(self.meeting.id)
            self._file_pending_at_start = False
        self.file_trouble = None
        return True

    def retry_file(self) -> bool:
        """After a failed write, try again (at most every RETRY_FILE_MS); True once written.

        The screen calls this on its clock tick, so the file follows as soon as the
        folder is writable again, without waiting for the next phase change.
        """
        if self.file_trouble is None:
            return False
        tried = self._file_tried_ms
        if tried is not None and self.clock.monotonic_ms() - tried < RETRY_FILE_MS:
            return False
        return self.write_file()

    def leave(self) -> None:
        """Quit the app without ending the meeting: stop the clock, store, write the file."""
        self.timer.pause()
        self._checkpoint()

    def end(self) -> None:
        self.timer.pause()
        self.meeting.ended_at = self.clock.now()
        self.save_clock()
        self.store.end_meeting(self.meeting.id, self.meeting.ended_at)
        self.write_file()

    # -- notes and decisions -------------------------------------------------------------

    def add_note(self, kind: NoteKind, text: str, source: str | None = None) -> Note:
        note = Note(
            phase=self.phase.key,
            kind=kind,
            text=utf8_safe(text),
            source=utf8_safe(source) if source else None,
            created_at=self.clock.now(),
        )
        stored = self.store.add_note(self.meeting.id, note)
        self.meeting.notes.append(stored)
        return stored

    def edit_note(
        self, note: Note, text: str, source: str | None = None, kind: NoteKind | None = None
    ) -> Note:
        changed = replace(
            note,
            text=utf8_safe(text),
            source=utf8_safe(source) if source else None,
            kind=kind or note.kind,
        )
        self.store.update_note(changed)
        self.meeting.notes = [changed if n.id == note.id else n for n in self.meeting.notes]
        return changed

    def delete_note(self, note: Note) -> None:
        assert note.id is not None
        self.store.delete_note(note.id)
        self.meeting.notes = [n for n in self.meeting.notes if n.id != note.id]

    def notes_here(self) -> list[Note]:
        return self.meeting.notes_in(self.phase.key)

    def parked_ideas(self) -> list[Note]:
        return [n for n in self.meeting.notes if n.kind is NoteKind.PARKED_IDEA]

    def add_decision(self, text: str) -> Decision:
        decision = Decision(utf8_safe(text), self.clock.now())
        stored = self.store.add_decision(self.meeting.id, decision)
        self.meeting.decisions.append(stored)
        return stored

    def edit_decision(self, decision: Decision, text: str) -> Decision:
        changed = replace(decision, text=utf8_safe(text))
        self.store.update_decision(changed)
        self.meeting.decisions = [
            changed if d.id == decision.id else d for d in self.meeting.decisions
        ]
        return changed

    def delete_decision(self, decision: Decision) -> None:
        assert decision.id is not None
        self.store.delete_decision(decision.id)
        self.meeting.decisions = [d for d in self.meeting.decisions if d.id != decision.id]

    # -- trial actions ---------------------------------------------------------------------

    def save_trial_action(self, action: TrialAction) -> TrialAction:
        """Add (when ``action.id`` is empty) or update one of this meeting's trial actions."""
        action = replace(
            action,
            title=utf8_safe(action.title),
            owner=utf8_safe(action.owner),
            prediction=utf8_safe(action.prediction),
            measure=utf8_safe(action.measure),
            development_point=_safe_or_none(action.development_point),
        )
        if not action.id:
            action = replace(action, id=new_trial_action_id(self.store.trial_action_ids()))
        stored = self.store.save_trial_action(self.meeting.id, action)
        actions = self.meeting.trial_actions
        if any(a.id == stored.id for a in actions):
            self.meeting.trial_actions = [stored if a.id == stored.id else a for a in actions]
        else:
            actions.append(stored)
        return stored

    def delete_trial_action(self, action: TrialAction) -> None:
        self.store.delete_trial_action(action.id)
        self.meeting.trial_actions = [a for a in self.meeting.trial_actions if a.id != action.id]

    # -- follow-up ------------------------------------------------------------------------------

    def open_trial_actions(self) -> list[TrialAction]:
        """Earlier meetings' trial actions that this meeting follows up, oldest first."""
        return self.store.open_trial_actions(self.meeting.id)

    def evaluation_of(self, action_id: str) -> Evaluation | None:
        return next((e for e in self.meeting.evaluations if e.trial_action == action_id), None)

    def earlier_evaluations(self, actions: list[TrialAction]) -> dict[str, Evaluation]:
        """What earlier meetings last said of these open trial actions (continued ones)."""
        return self.store.earlier_evaluations(self.meeting.id, [a.id for a in actions])

    def adaptation_of(self, action_id: str) -> TrialAction | None:
        return next((a for a in self.meeting.trial_actions if a.adapted_from == action_id), None)

    def evaluate(
        self,
        action: TrialAction,
        carried_out: CarriedOut,
        what_happened: str,
        learning: str,
        verdict: Verdict,
        compared_to_prediction: str | None = None,
    ) -> tuple[Evaluation, TrialAction | None]:
        """Record the evaluation; adapt opens a new trial action linked to the old one.

        Returns the evaluation and, for adapt, the new trial action to be refined.
        Changing the verdict away from adapt removes an adaptation made here.
        """
        evaluation = Evaluation(
            trial_action=action.id,
            carried_out=carried_out,
            what_happened=utf8_safe(what_happened),
            learning=utf8_safe(learning),
            verdict=verdict,
            compared_to_prediction=_safe_or_none(compared_to_prediction),
            title=action.title,
        )
        stored = self.store.save_evaluation(self.meeting.id, evaluation)
        others = [e for e in self.meeting.evaluations if e.trial_action != action.id]
        self.meeting.evaluations = [*others, stored]
        adaptation = self.adaptation_of(action.id)
        if verdict is Verdict.ADAPT and adaptation is None:
            adaptation = self.save_trial_action(
                replace(
                    action,
                    id="",
                    due=self.default_due(),
                    adapted_from=action.id,
                    meeting_id=self.meeting.id,
                    meeting_started_at=self.meeting.started_at,
                )
            )
        elif verdict is not Verdict.ADAPT and adaptation is not None:
            self.delete_trial_action(adaptation)
            adaptation = None
        return stored, adaptation


def _safe_or_none(text: str | None) -> str | None:
    return utf8_safe(text) if text else None
