"""The outbox: outbound messages are stored first (status "queued"), then delivered.

A queued message is claimed with a lease (its `next_attempt_at` is pushed forward with a
compare-and-set update) so the inline delivery after a turn and the background worker never
send the same message twice, and a message claimed by a process that died is retried when
the lease runs out. Delivery is therefore at-least-once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels.base import ChannelRegistry, DeliveryError, UnknownChannel
from bot.replies import Reply
from bot.storage.db import Database
from bot.storage.models import Conversation, Message, utcnow

logger = logging.getLogger(__name__)

# A send that takes longer than this is assumed dead and may be retried.
CLAIM_LEASE = timedelta(seconds=60)
# Retryable failures back off 5 s, 10 s, 20 s ... up to 10 minutes, then give up.
MAX_ATTEMPTS = 8
MAX_BACKOFF = timedelta(minutes=10)


def backoff(base_seconds: float, attempts: int) -> timedelta:
    """Exponential back-off after `attempts` failures (attempts >= 1), capped."""
    return min(timedelta(seconds=base_seconds * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def queue_reply(
    session: AsyncSession,
    conv: Conversation,
    reply: Reply,
    *,
    author: str,
    staff_id: int | None = None,
    now: datetime | None = None,
) -> Message:
    """Add `reply` to the outbox of `conv` inside the caller's transaction (due at once)."""
    now = now or utcnow()
    message = Message(
        conversation_id=conv.id,
        direction="out",
        author=author,
        channel=conv.channel,
        text=reply.text,
        data={"reply": reply.to_dict()},
        status="queued",
        attempts=0,
        next_attempt_at=now,
        staff_id=staff_id,
        created_at=now,
    )
    session.add(message)
    return message


def stored_reply(message: Message) -> Reply:
    """The `Reply` an outbound message was queued with."""
    raw = (message.data or {}).get("reply")
    return Reply.from_json(raw) if isinstance(raw, dict) else Reply(text=message.text or "")


class Outbox:
    """Delivers queued outbound messages through the channel registry."""

    def __init__(
        self,
        db: Database,
        registry: ChannelRegistry,
        *,
        retry_seconds: float = 5.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._registry = registry
        self._retry_seconds = retry_seconds
        self._clock = clock

    async def due_ids(self, limit: int = 50) -> list[int]:
        """Ids of queued outbound messages whose (re)try time has come, oldest first."""
        now = self._clock()
        async with self._db.session() as session:
            rows = await session.scalars(
                select(Message.id)
                .where(
                    Message.direction == "out",
                    Message.status == "queued",
                    or_(Message.next_attempt_at.is_(None), Message.next_attempt_at <= now),
                )
                .order_by(Message.id)
                .limit(limit)
            )
            return list(rows)

    async def deliver(self, message_id: int) -> str | None:
        """Try to send one queued message; return its new status, or None if not claimed.

        Outcomes: "sent" (provider id stored); "queued" again after a retryable failure (with
        back-off); "failed" after a permanent failure, an unknown channel, or MAX_ATTEMPTS.
        Never raises for a provider failure: the outcome is recorded on the message.
        """
        if not await self._claim(message_id):
            return None
        async with self._db.session() as session:
            message = await session.get(Message, message_id)
            conv = await session.get(Conversation, message.conversation_id) if message else None
        if message is None or conv is None:
            return None
        reply = stored_reply(message)
        try:
            sender = self._registry.get(message.channel)
            result = await sender.send(conv, reply)
        except UnknownChannel as exc:
            return await self._record_failure(message_id, str(exc), retryable=False)
        except DeliveryError as exc:
            return await self._record_failure(message_id, str(exc), retryable=exc.retryable)
        except Exception as exc:  # a sender bug must not lose the message: retry it later
            logger.exception("sender for %s crashed on message %s", message.channel, message_id)
            return await self._record_failure(message_id, repr(exc), retryable=True)
        async with self._db.session() as session:
            await session.execute(
                update(Message)
                .where(Message.id == message_id)
                .values(
                    status="sent",
                    provider_message_id=result.provider_message_id,
                    processed_at=self._clock(),
                    next_attempt_at=None,
                    error=None,
                )
            )
        return "sent"

    async def _claim(self, message_id: int) -> bool:
        """Compare-and-set: only one caller gets a due, queued message for CLAIM_LEASE."""
        now = self._clock()
        async with self._db.session() as session:
            result = await session.execute(
                update(Message)
                .where(
                    Message.id == message_id,
                    Message.direction == "out",
                    Message.status == "queued",
                    or_(Message.next_attempt_at.is_(None), Message.next_attempt_at <= now),
                )
                .values(next_attempt_at=now + CLAIM_LEASE)
            )
            return result.rowcount == 1

    async def _record_failure(self, message_id: int, error: str, *, retryable: bool) -> str:
        async with self._db.session() as session:
            message = await session.get(Message, message_id)
            if message is None:
                return "failed"
            message.attempts += 1
            message.error = error[:2000]
            if retryable and message.attempts < MAX_ATTEMPTS:
                message.status = "queued"
                message.next_attempt_at = self._clock() + backoff(
                    self._retry_seconds, message.attempts
                )
            else:
                message.status = "failed"
                message.next_attempt_at = None
                message.processed_at = self._clock()
            logger.warning(
                "delivery of message %s failed (attempt %s, %s): %s",
                message_id,
                message.attempts,
                message.status,
                error,
            )
            return message.status
