"""Sending Telegram replies with python-telegram-bot's `Bot.send_message`.

`TelegramSender` renders a `Reply` with `bot.render.telegram` (plain text + entities, inline
keyboard) and sends each piece in order, retrying flood control (429, honouring Telegram's
`retry_after`), timeouts and network errors with backoff. Failure contract as for Twilio:
`DeliveryError(retryable=True)` only while nothing of the reply has been sent; a person who
blocked the bot (Forbidden) or a rejected message (BadRequest) is permanent.
"""

from __future__ import annotations

import datetime as dtm

from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from tenacity import RetryCallState
from tenacity.wait import wait_base

from bot.channels.base import DeliveryError, SendResult
from bot.channels.retry import DEFAULT_WAIT, provider_retrying
from bot.render.telegram import render_telegram
from bot.replies import Reply
from bot.storage.models import Conversation

# Never hold the outbox longer than this for one flood-control pause; beyond it the
# outbox's own back-off takes over.
MAX_RETRY_AFTER_SECONDS = 30.0


def is_transient(exc: BaseException) -> bool:
    """Flood control, timeouts and network/5xx errors; BadRequest is a NetworkError subclass
    in python-telegram-bot but means the message itself was refused."""
    if isinstance(exc, RetryAfter):
        return True
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest)


class wait_retry_after(wait_base):  # noqa: N801 - tenacity's naming style for waits
    """Wait what Telegram asked for on a 429, else fall back to `fallback`."""

    def __init__(self, fallback: wait_base = DEFAULT_WAIT) -> None:
        self.fallback = fallback

    def __call__(self, retry_state: RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(exc, RetryAfter):
            after = exc.retry_after
            seconds = after.total_seconds() if isinstance(after, dtm.timedelta) else float(after)
            return min(max(seconds, 0.0), MAX_RETRY_AFTER_SECONDS)
        return self.fallback(retry_state)


class TelegramSender:
    """Delivers replies to Telegram chats (`conversation.address` is the chat id)."""

    name = "telegram"

    def __init__(self, bot: Bot, wait: wait_base | None = None) -> None:
        self._bot = bot
        self._wait = wait if wait is not None else wait_retry_after()

    async def send(self, conversation: Conversation, reply: Reply) -> SendResult:
        """Send every rendered piece in order; returns the last Telegram message id."""
        try:
            chat_id = int(conversation.address)
        except ValueError as exc:
            raise DeliveryError(
                f"not a Telegram chat id: {conversation.address!r}", retryable=False
            ) from exc
        sent: list[int] = []
        for piece in render_telegram(reply):
            try:
                async for attempt in provider_retrying(is_transient, self._wait):
                    with attempt:
                        message = await self._bot.send_message(
                            chat_id=chat_id,
                            text=piece.text,
                            entities=piece.entities or None,
                            reply_markup=piece.reply_markup,
                        )
            except TelegramError as exc:
                retryable = is_transient(exc) and not sent
                raise DeliveryError(
                    f"Telegram send failed after {len(sent)} part(s): {exc}",
                    retryable=retryable,
                    code=type(exc).__name__,
                ) from exc
            sent.append(message.message_id)
        return SendResult(provider_message_id=str(sent[-1]) if sent else None)
