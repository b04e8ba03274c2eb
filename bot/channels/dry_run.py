"""The dry-run sender: used for a provider channel that has no credentials configured.

It renders the reply exactly as the real sender would, logs each body, and reports success,
so `make run` works without any account: the outbox marks the message sent, and the web
chat and the staff console show it. No network call is made.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.channels.base import SendResult
from bot.replies import Reply
from bot.storage.models import Conversation

logger = logging.getLogger(__name__)


class DryRunSender:
    """Logs what would be sent on channel `name` (rendered with `render`) and succeeds."""

    def __init__(self, name: str, render: Callable[[Reply], list[str]]) -> None:
        self.name = name
        self._render = render

    def render(self, reply: Reply) -> list[str]:
        """The message bodies a phone would receive (the web chat's channel preview shows them)."""
        return self._render(reply)

    async def send(self, conversation: Conversation, reply: Reply) -> SendResult:
        # The conversation id, not the phone number: logs must not collect addresses.
        for body in self._render(reply):
            logger.info("[dry-run %s] conversation %s:\n%s", self.name, conversation.id, body)
        return SendResult(provider_message_id=None)
