"""The web chat sender: nothing to push, the page polls for new messages."""

from __future__ import annotations

from bot.channels.base import SendResult
from bot.replies import Reply
from bot.storage.models import Conversation


class WebSender:
    """Marks web replies as sent; the browser fetches them via /api/chat/{user}/messages."""

    name = "web"

    async def send(self, conversation: Conversation, reply: Reply) -> SendResult:
        return SendResult(provider_message_id=None)
