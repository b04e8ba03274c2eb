"""Background task that (re)delivers queued outbound messages."""

from __future__ import annotations

import asyncio
import logging

from bot.conversations.background import BackgroundLoop
from bot.conversations.outbox import Outbox

logger = logging.getLogger(__name__)


class OutboxWorker(BackgroundLoop):
    """Every `poll_seconds`, delivers queued messages that are due (retries after back-off,
    and anything whose inline delivery was interrupted)."""

    task_name = "rumbo-outbox-worker"

    def __init__(self, outbox: Outbox, poll_seconds: float = 2.0) -> None:
        super().__init__()
        self._outbox = outbox
        self._poll_seconds = poll_seconds

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
