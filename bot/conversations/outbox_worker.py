"""Background task that (re)delivers queued outbound messages."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.conversations.outbox import Outbox

logger = logging.getLogger(__name__)


class OutboxWorker:
    """Every `poll_seconds`, delivers queued messages that are due (retries after back-off,
    and anything whose inline delivery was interrupted)."""

    def __init__(self, outbox: Outbox, poll_seconds: float = 2.0) -> None:
        self._outbox = outbox
        self._poll_seconds = poll_seconds
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start the loop in the running event loop (idempotent)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="rumbo-outbox-worker")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def run_once(self) -> int:
        """One pass; returns how many messages were sent."""
        sent = 0
        for message_id in await self._outbox.due_ids():
            if await self._outbox.deliver(message_id) == "sent":
                sent += 1
        return sent

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:  # keep the worker alive; messages stay queued
                logger.exception("outbox worker pass failed")
            await asyncio.sleep(self._poll_seconds)
