"""Store work off the UI thread, one job at a time in the order asked for."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.dom import DOMNode

from refleksionsrum.core.store.database import StoreError
from refleksionsrum.tui.internals import after_frame


@dataclass
class _Job:
    work: Callable[[], Any]
    done: Callable[[Any], object]
    failed: Callable[[StoreError], object]
    # Set once the screen has drawn what the job is for (put(..., after_drawing=True)).
    drawn: asyncio.Event | None = None
    # Done already, by run_now (quitting) while the job waited for the drawing.
    taken: bool = False


class StoreQueue:
    """Jobs run in a thread (a lock or a network may keep them waiting), strictly in order.

    ``done`` and ``failed`` are called back on the UI's event loop, so they may
    touch widgets. The clock keeps ticking meanwhile: nothing here blocks the loop.
    """

    def __init__(self, owner: DOMNode) -> None:
        self._owner = owner
        self._jobs: asyncio.Queue[_Job] = asyncio.Queue()
        self._running = 0
        self._started = False
        # The job taken from the queue that waits for the screen to be drawn.
        self._waiting: _Job | None = None

    def put(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], object],
        failed: Callable[[StoreError], object],
        *,
        after_drawing: bool = False,
    ) -> None:
        """Queue ``work``; ``after_drawing``: start it (and those behind it) once the screen
        has drawn what it shows now, so that a thread does not take turns with the drawing."""
        if not self._started:
            self._started = True
            self._owner.run_worker(self._drain(), group="store", name="store-queue")
        job = _Job(work, done, failed)
        if after_drawing:
            job.drawn = asyncio.Event()
            after_frame(self._owner.screen, job.drawn.set)
        self._jobs.put_nowait(job)

    def run_now(self, guard: Callable[[Callable[[], Any]], Any]) -> None:
        """Quitting: do the jobs not yet started, here and now (``guard`` reports failures).

        A job already running in its thread finishes there; the rest must not be lost
        with the event loop.
        """
        waiting = self._waiting
        if waiting is not None and not waiting.taken:
            waiting.taken = True
            guard(waiting.work)
        while not self._jobs.empty():
            job = self._jobs.get_nowait()
            guard(job.work)

    @property
    def busy(self) -> bool:
        """Work is waiting or running (tests wait for this to turn False)."""
        return self._running > 0 or not self._jobs.empty()

    async def _drain(self) -> None:
        while True:
            job = await self._jobs.get()
            self._running += 1
            try:
                if job.drawn is not None:
                    self._waiting = job
                    await job.drawn.wait()
                    self._waiting = None
                    if job.taken:
                        continue
                try:
                    result = await asyncio.to_thread(job.work)
                except StoreError as error:
                    job.failed(error)
                    continue
                job.done(result)
            finally:
                self._running -= 1
