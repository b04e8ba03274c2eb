"""Background task that answers stored inbound messages (new ones and Rasa-down retries)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.conversations.background import BackgroundLoop
from bot.conversations.service import ConversationService
from bot.rasa_client import RasaUnavailable

logger = logging.getLogger(__name__)


class InboxWorker(BackgroundLoop):
    """Answers due pending messages, oldest first, one conversation's messages in order.

    Wakes up when `service.receive` stores a message (`service.inbox_signal`) or every
    `poll_seconds` for retries. When Rasa is unavailable the pass stops: every other message
    would fail the same way, and each keeps its own back-off.
    """

    task_name = "rumbo-inbox-worker"

    def __init__(self, service: ConversationService, poll_seconds: float = 1.0) -> None:
        super().__init__()
        self._service = service
        self._poll_seconds = poll_seconds

    async def run_once(self) -> int:
        """One pass over due messages; returns how many were answered (tests call this)."""
        answered = 0
        for message_id in await self._service.due_inbound_ids():
            try:
                await self._service.process(message_id)
            except RasaUnavailable:
                break
            answered += 1
        return answered

    async def _run(self) -> None:
        requeued = await self._service.requeue_interrupted()
        if requeued:
            logger.info("re-queued %s message(s) interrupted by a restart", requeued)
        signal = self._service.inbox_signal
        while True:
            signal.clear()
            try:
                await self.run_once()
            except Exception:  # keep the worker alive; the message stays pending
                logger.exception("inbox worker pass failed")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(signal.wait(), timeout=self._poll_seconds)
