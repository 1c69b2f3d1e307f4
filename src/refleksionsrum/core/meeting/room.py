"""MeetingRoom: everything a screen can do to a running meeting, each edit stored at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from refleksionsrum.core import models
from refleksionsrum.core.clock import Clock
from refleksionsrum.core.config import PhaseTemplate, Template
from refleksionsrum.core.files.atomic import utf8_safe, utf8_safe_or_none
from refleksionsrum.core.live.facilitation import Role, new_token
from refleksionsrum.core.meeting.actions import TrialActions
from refleksionsrum.core.meeting.filekeeper import FileTrouble, SessionFileKeeper
from refleksionsrum.core.meeting.starting import default_due
from refleksionsrum.core.meeting.timer import PhaseClock
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.store.drafts import Drafts
from refleksionsrum.core.store.items import kept_if_deleted
from refleksionsrum.core.workspace import Workspace


class MeetingRoom:
    """A running meeting as one view sees it: a read model of the store, never a copy of its own.

    ``meeting`` is reloaded from the store whenever the meeting's revision moves
    (``reload``); every edit is written to the store first. The facilitator owns
    the phase and the timer; a note-taker's room computes the same countdown from
    the stored facts and shows (and records into) any phase without moving the meeting.
    """

    def __init__(
        self,
        workspace: Workspace,
        store: Store,
        meeting: models.Meeting,
        clock: Clock,
        role: Role = Role.FACILITATOR,
    ) -> None:
        self.workspace = workspace
        self.store = store
        self.meeting = meeting
        self.clock = clock
        self.role = role
        self.token = new_token()
        self.timer = PhaseClock(meeting.phases, meeting.clock, clock)
        self.revision = store.meeting_revision(meeting.id)
        # The phase this view shows and records into; a note-taker's follows the
        # facilitator's unless they chose another one.
        self._shown = self.timer.current
        self.following = True
        self.session_file = SessionFileKeeper(workspace, store, meeting.id, clock)
        # Each role's half-typed lines apart: a note-taker never sees the facilitator's.
        scope = "" if role is Role.FACILITATOR else role.value
        self.drafts = Drafts(store, meeting.id, scope)
        self.actions = TrialActions(self)
        if role is Role.FACILITATOR and meeting.is_running:
            store.facilitation.claim(meeting.id, self.token, clock.now())
            self.revision = store.meeting_revision(meeting.id)

    @classmethod
    def resume(
        cls, workspace: Workspace, store: Store, meeting_id: str, clock: Clock
    ) -> MeetingRoom:
        room = cls(workspace, store, store.load_meeting(meeting_id), clock)
        room.save_clock()
        return room

    @classmethod
    def join(cls, workspace: Workspace, store: Store, meeting_id: str, clock: Clock) -> MeetingRoom:
        """The note-taker's room: the same meeting, without taking the phase or the timer."""
        return cls(workspace, store, store.load_meeting(meeting_id), clock, Role.NOTE_TAKER)

    @property
    def is_facilitator(self) -> bool:
        return self.role is Role.FACILITATOR

    @property
    def shown(self) -> int:
        """The phase on this screen: the meeting's own for the facilitator."""
        return self.timer.current if self.is_facilitator else self._shown

    # -- staying in step with the store ----------------------------------------------------

    def fresh(self) -> tuple[models.Meeting, int | None]:
        """Read the meeting and its revision (may wait on the store: call it off the UI)."""
        revision = self.store.meeting_revision(self.meeting.id)
        return self.store.load_meeting(self.meeting.id), revision

    def reload(self, fresh: models.Meeting, revision: int | None, *, hold: bool = False) -> bool:
        """Take ``fresh`` as the read model; True when the shown phase changed.

        The facilitator keeps its own phases and timer (it is their source); a
        note-taker takes the stored clock facts and recomputes the countdown.
        ``hold`` keeps a following view in its phase for now (a line is half
        typed there); ``catch_up`` moves it on afterwards.
        """
        before = self.shown
        self.revision = revision
        if self.is_facilitator:
            fresh.phases, fresh.clock = self.meeting.phases, self.meeting.clock
            self.meeting = fresh
            return False
        self.meeting = fresh
        self.timer = PhaseClock(fresh.phases, fresh.clock, self.clock)
        if self.following and not hold:
            self._shown = self.timer.current
        self._shown = min(self._shown, len(fresh.phases) - 1)
        # The facilitator caught up with the phase this view looked at: follow again.
        self.following = self.following or self._shown == self.timer.current
        return self.shown != before

    def _wrote_alone(self) -> None:
        """This room's write is in its read model already: if no one else wrote since the
        model was read, it is current at the write's revision, and the watcher's news of
        that revision needs no reread (Enter's own note drew the meeting twice)."""
        written = self.store.written_revision(self.meeting.id)
        if written is not None and self.revision is not None and written == self.revision + 1:
            self.revision = written

    def catch_up(self) -> bool:
        """A following view held in its phase moves to the meeting's; True if it moved."""
        if self.is_facilitator or not self.following or self._shown == self.timer.current:
            return False
        self._shown = self.timer.current
        return True

    def heartbeat(self) -> bool:
        """The facilitator says it is alive; False (and a note-taker now) if someone took over."""
        if not self.is_facilitator or not self.meeting.is_running:
            return True
        if self.store.facilitation.alive(self.meeting.id, self.token, self.clock.now()):
            return True
        self.role = Role.NOTE_TAKER
        self._shown, self.following = self.timer.current, True
        return False

    def take_over(self) -> None:
        """A note-taker becomes the facilitator (the facilitator's app is gone)."""
        self.store.facilitation.claim(self.meeting.id, self.token, self.clock.now())
        self.role = Role.FACILITATOR
        # The meeting stays in the phase it was in; this screen shows that phase now.
        self._shown, self.following = self.timer.current, True
        self.save_clock()

    def look(self, step: int) -> bool:
        """A note-taker shows another phase (the meeting stays where it is)."""
        target = min(max(self._shown + step, 0), len(self.meeting.phases) - 1)
        moved = target != self._shown
        self._shown = target
        self.following = target == self.timer.current
        return moved

    # -- where we are ---------------------------------------------------------------------

    @property
    def template(self) -> Template | None:
        return self.workspace.config.templates.get(self.meeting.template)

    @property
    def phase(self) -> models.PhaseRecord:
        return self.meeting.phases[self.shown]

    def phase_template(self, index: int | None = None) -> PhaseTemplate | None:
        """The template's text (purpose, prompts) for a phase, if the template still has it."""
        key = self.meeting.phases[self.shown if index is None else index].key
        template = self.template
        if template is None:
            return None
        return next((p for p in template.phases if p.key == key), None)

    @property
    def records(self) -> models.Recording:
        """What the current phase records (by its key, whether or not the template has it)."""
        return models.Recording.of_phase(self.phase.key)

    def default_due(self) -> date:
        template = self.template
        started = self.meeting.started_at.date()
        return default_due(started, template) if template else started

    # -- clocks and phases ------------------------------------------------------------------

    # A note-taker never moves the meeting: these change only the facilitator's.

    def save_clock(self) -> None:
        if self.is_facilitator:
            self.store.save_clock(self.meeting.id, self.timer.snapshot(), self.meeting.phases)
            # The clock is the facilitator's own: its write needs no reread (a phase
            # change drew its list a second time when the watcher told of it).
            self._wrote_alone()

    def next_phase(self, *, store: bool = True) -> bool:
        """Move on one phase; ``store=False`` leaves the storing to ``checkpoint``.

        The meeting screen draws the new phase first and stores it right after:
        the room should not wait for a database write and a file to see where it is.
        """
        if not self.is_facilitator:
            return self.look(1)
        moved = self.timer.next()
        if moved and store:
            self.checkpoint()
        return moved

    def previous_phase(self, *, store: bool = True) -> bool:
        if not self.is_facilitator:
            return self.look(-1)
        moved = self.timer.previous()
        if moved and store:
            self.checkpoint()
        return moved

    def goto_phase(self, index: int) -> None:
        if not self.is_facilitator:
            self.look(index - self._shown)
            return
        self.timer.goto(index)
        self.checkpoint()

    def toggle_pause(self) -> bool:
        if not self.is_facilitator:
            return self.timer.running
        running = self.timer.toggle()
        self.checkpoint()
        return running

    def add_time(self, minutes: int) -> None:
        if self.is_facilitator:
            self.timer.add_time(minutes)
            self.save_clock()

    def checkpoint(self) -> None:
        """Store the clocks and rewrite the session file (phase change, pause, quit)."""
        self.save_clock()
        self.write_file()

    @property
    def file_trouble(self) -> FileTrouble | None:
        return self.session_file.trouble

    def write_file(self) -> bool:
        """Write the session file from the store; False (and the trouble noted) on failure."""
        return self.session_file.write()

    def leave(self) -> None:
        """Quit the app without ending the meeting: stop the clock, store, write the file.

        A note-taker leaves the clock alone: the meeting goes on without them. The
        file is written even when the store refuses the clock: it may be all that is
        left (a deleted database), and it holds everything stored so far.
        """
        if not self.is_facilitator:
            self.write_file()
            return
        self.timer.pause()
        try:
            self.save_clock()
        finally:
            self.write_file()
        self.store.facilitation.release(self.meeting.id, self.token)

    def end(self) -> None:
        """End the meeting; if the store refuses, it is still running (only paused)."""
        if not self.is_facilitator:
            return
        self.timer.pause()
        ended_at = self.clock.now()
        self.save_clock()
        self.store.end_meeting(self.meeting.id, ended_at)
        self.meeting.ended_at = ended_at
        self.write_file()

    # -- notes and decisions -------------------------------------------------------------

    def add_note(
        self,
        kind: models.NoteKind,
        text: str,
        source: str | None = None,
        phase_key: str | None = None,
    ) -> models.Note:
        """Record a note in ``phase_key`` (where it was typed) or the phase shown now."""
        note = models.Note(
            phase=phase_key or self.phase.key,
            kind=kind,
            text=utf8_safe(text),
            source=utf8_safe_or_none(source),
            created_at=self.clock.now(),
        )
        stored = self.store.items.add_note(self.meeting.id, note)
        self.meeting.notes.append(stored)
        self._wrote_alone()
        return stored

    def edit_note(
        self,
        note: models.Note,
        text: str,
        source: str | None = None,
        kind: models.NoteKind | None = None,
        *,
        force: bool = False,
    ) -> models.Note:
        """Store the edited ``note`` (as it was opened); EditConflict if it changed since.

        ``force`` overwrites whatever is stored. A note deleted elsewhere meanwhile is
        kept as a new note (ItemKept carries it).
        """
        changed = replace(
            note,
            text=utf8_safe(text),
            source=utf8_safe_or_none(source),
            kind=kind or note.kind,
        )
        items = self.store.items
        kept_if_deleted(
            lambda: items.update_note(changed, expected=None if force else note),
            lambda: items.add_note(self.meeting.id, replace(changed, id=None)),
            self.meeting.notes,
        )
        self.meeting.notes = [changed if n.id == note.id else n for n in self.meeting.notes]
        return changed

    def delete_note(self, note: models.Note) -> None:
        assert note.id is not None
        self.store.items.delete_note(note.id)
        self.meeting.notes = [n for n in self.meeting.notes if n.id != note.id]

    def notes_here(self) -> list[models.Note]:
        return self.meeting.notes_in(self.phase.key)

    def parked_ideas(self) -> list[models.Note]:
        return [n for n in self.meeting.notes if n.kind is models.NoteKind.PARKED_IDEA]

    def add_decision(self, text: str) -> models.Decision:
        decision = models.Decision(utf8_safe(text), self.clock.now())
        stored = self.store.items.add_decision(self.meeting.id, decision)
        self.meeting.decisions.append(stored)
        self._wrote_alone()
        return stored

    def edit_decision(
        self, decision: models.Decision, text: str, *, force: bool = False
    ) -> models.Decision:
        changed = replace(decision, text=utf8_safe(text))
        items = self.store.items
        kept_if_deleted(
            lambda: items.update_decision(changed, expected=None if force else decision),
            lambda: items.add_decision(self.meeting.id, replace(changed, id=None)),
            self.meeting.decisions,
        )
        self.meeting.decisions = [
            changed if d.id == decision.id else d for d in self.meeting.decisions
        ]
        return changed

    def delete_decision(self, decision: models.Decision) -> None:
        assert decision.id is not None
        self.store.items.delete_decision(decision.id)
        self.meeting.decisions = [d for d in self.meeting.decisions if d.id != decision.id]

    # -- trial actions and their follow-up: the room's forms ask here (core/meeting/actions.py)

    def save_trial_action(
        self,
        action: models.TrialAction,
        opened: models.TrialAction | None = None,
        *,
        force: bool = False,
    ) -> models.TrialAction:
        return self.actions.save(action, opened, force=force)

    def delete_trial_action(self, action: models.TrialAction) -> None:
        self.actions.delete(action)

    def open_trial_actions(self) -> list[models.TrialAction]:
        return self.actions.open()

    def evaluation_of(self, action_id: str) -> models.Evaluation | None:
        return self.actions.evaluation_of(action_id)

    def adaptation_of(self, action_id: str) -> models.TrialAction | None:
        return self.actions.adaptation_of(action_id)

    def evaluate(
        self,
        action: models.TrialAction,
        carried_out: models.CarriedOut,
        what_happened: str,
        learning: str,
        verdict: models.Verdict,
        compared_to_prediction: str | None = None,
    ) -> tuple[models.Evaluation, models.TrialAction | None]:
        """Record the evaluation of ``action`` (and adapt it: TrialActions.evaluate)."""
        said = models.Evaluation(
            action.id, carried_out, what_happened, learning, verdict, compared_to_prediction
        )
        return self.actions.evaluate(action, said)
