"""The inbox: inbound messages as stored rows, and every status change they go through.

pending -> processing (claimed by one caller) -> done | failed, or back to pending with a
retry time when Rasa is unavailable. A message is stored once per (channel, external_id):
provider retries find the stored row instead of inserting a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bot.channels.base import InboundMessage
from bot.conversations.outbox import backoff
from bot.storage.db import Database
from bot.storage.models import Conversation, Message, utcnow

MAX_ERROR_CHARS = 2000


@dataclass(frozen=True)
class ReceiveResult:
    """Where `receive` stored a message. `duplicate=True`: already stored, nothing new."""

    message_id: int
    conversation_id: int
    duplicate: bool


class Inbox:
    """Reads and writes inbound message rows; knows nothing about what the bot answers."""

    def __init__(
        self,
        db: Database,
        *,
        retry_seconds: float = 5.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._retry_seconds = retry_seconds
        self._clock = clock

    async def store(self, inbound: InboundMessage, *, hold: bool = False) -> ReceiveResult:
        """Store `inbound` as pending (creating its conversation), or find it if stored.

        `hold=True` gives the message a retry time `retry_seconds` away, so the worker
        leaves it to a caller that answers it right away (and takes over if that caller dies).
        """
        if inbound.external_id is not None:
            existing = await self._find_external(inbound.channel, inbound.external_id)
            if existing is not None:
                return existing
        conversation_id = await self._conversation_id_for(inbound)
        now = self._clock()
        try:
            async with self._db.session() as session:
                message = Message(
                    conversation_id=conversation_id,
                    direction="in",
                    author="person",
                    channel=inbound.channel,
                    external_id=inbound.external_id,
                    text=inbound.text,
                    data=inbound_data(inbound),
                    status="pending",
                    attempts=0,
                    next_attempt_at=now + timedelta(seconds=self._retry_seconds) if hold else None,
                    created_at=now,
                )
                session.add(message)
                conv = await session.get(Conversation, conversation_id)
                if conv is not None:
                    conv.last_inbound_at = now
                await session.flush()
                message_id = message.id
        except IntegrityError:
            # A concurrent retry of the same provider message won the insert.
            existing = await self._find_external(inbound.channel, inbound.external_id or "")
            if existing is None:
                raise
            return existing
        return ReceiveResult(message_id, conversation_id, duplicate=False)

    async def _find_external(self, channel: str, external_id: str) -> ReceiveResult | None:
        async with self._db.session() as session:
            row = (
                await session.execute(
                    select(Message.id, Message.conversation_id).where(
                        Message.channel == channel, Message.external_id == external_id
                    )
                )
            ).first()
        return ReceiveResult(row.id, row.conversation_id, duplicate=True) if row else None

    async def _conversation_id_for(self, inbound: InboundMessage) -> int:
        key = inbound.conversation_key
        async with self._db.session() as session:
            found = await session.scalar(select(Conversation.id).where(Conversation.key == key))
        if found is not None:
            return found
        try:
            async with self._db.session() as session:
                now = self._clock()
                conv = Conversation(
                    key=key,
                    channel=inbound.channel,
                    address=inbound.address,
                    state="bot",
                    priority=0,
                    context={},
                    created_at=now,
                    updated_at=now,
                )
                session.add(conv)
                await session.flush()
                return conv.id
        except IntegrityError:
            # Two first messages of the same person at once: the other insert won.
            async with self._db.session() as session:
                found = await session.scalar(select(Conversation.id).where(Conversation.key == key))
            if found is None:
                raise
            return found

    async def conversation_of(self, message_id: int) -> int | None:
        """The conversation of inbound message `message_id`, or None if there is none."""
        async with self._db.session() as session:
            return await session.scalar(
                select(Message.conversation_id).where(
                    Message.id == message_id, Message.direction == "in"
                )
            )

    async def pending_up_to(self, conversation_id: int, message_id: int) -> list[int]:
        """Pending messages of the conversation up to and including `message_id`, in order."""
        async with self._db.session() as session:
            rows = await session.scalars(
                select(Message.id)
                .where(
                    Message.conversation_id == conversation_id,
                    Message.direction == "in",
                    Message.status == "pending",
                    Message.id <= message_id,
                )
                .order_by(Message.id)
            )
            return list(rows)

    async def texts(self, message_ids: list[int]) -> dict[int, str | None]:
        async with self._db.session() as session:
            rows = await session.execute(
                select(Message.id, Message.text).where(Message.id.in_(message_ids))
            )
            return {row.id: row.text for row in rows}

    async def status(self, message_id: int) -> str | None:
        async with self._db.session() as session:
            return await session.scalar(select(Message.status).where(Message.id == message_id))

    async def claim(self, message_id: int) -> bool:
        """pending -> processing, atomically: a message is answered at most once at a time."""
        async with self._db.session() as session:
            result = await session.execute(
                update(Message)
                .where(Message.id == message_id, Message.status == "pending")
                .values(status="processing")
            )
            return result.rowcount == 1

    async def postpone(self, message_id: int, error: str) -> int:
        """Back to pending with exponential back-off; returns the attempts so far."""
        async with self._db.session() as session:
            message = await session.get(Message, message_id)
            message.status = "pending"
            message.attempts += 1
            message.error = error[:MAX_ERROR_CHARS]
            message.next_attempt_at = self._clock() + backoff(self._retry_seconds, message.attempts)
            return message.attempts

    async def wait_behind(self, message_ids: list[int], blocking_id: int) -> None:
        """Give `message_ids` the retry time of the earlier `blocking_id` they queue behind,
        so the worker does not take them for fresh messages on every pass."""
        async with self._db.session() as session:
            retry_at = await session.scalar(
                select(Message.next_attempt_at).where(Message.id == blocking_id)
            )
            await session.execute(
                update(Message)
                .where(Message.id.in_(message_ids), Message.status == "pending")
                .values(next_attempt_at=retry_at)
            )

    async def fail(self, message_id: int, error: str) -> None:
        """The message cannot be answered automatically; it is kept, marked "failed"."""
        async with self._db.session() as session:
            message = await session.get(Message, message_id)
            message.status = "failed"
            message.error = error[:MAX_ERROR_CHARS]
            message.processed_at = self._clock()

    async def due_ids(self, limit: int = 50) -> list[int]:
        """Pending messages the inbox worker should process now, oldest first.

        Per conversation: the oldest pending message once its retry time has come (processing
        it answers the later ones in order after it), and any message never tried yet, so a
        new message, above all an emergency, is looked at at once even while an older one
        waits for Rasa.
        """
        now = self._clock()
        pending_in = (Message.direction == "in", Message.status == "pending")
        async with self._db.session() as session:
            rows = (
                await session.execute(
                    select(
                        Message.conversation_id,
                        Message.id,
                        Message.next_attempt_at.is_(None).label("fresh"),
                    )
                    .where(*pending_in)
                    .order_by(Message.id)
                )
            ).all()
            due = set(
                await session.scalars(
                    select(Message.id).where(
                        *pending_in,
                        Message.next_attempt_at.is_(None) | (Message.next_attempt_at <= now),
                    )
                )
            )
        chosen: list[int] = []
        seen_conversations: set[int] = set()
        for conversation_id, message_id, fresh in rows:
            oldest = conversation_id not in seen_conversations
            seen_conversations.add(conversation_id)
            if message_id in due and (oldest or fresh):
                chosen.append(message_id)
        return chosen[:limit]

    async def requeue_interrupted(self) -> int:
        """Put messages left "processing" by a crash back to pending; returns how many."""
        async with self._db.session() as session:
            result = await session.execute(
                update(Message)
                .where(Message.direction == "in", Message.status == "processing")
                .values(status="pending")
            )
            return result.rowcount


def mark_done(message: Message, now: datetime) -> None:
    """Record that `message` was answered (or deliberately left to staff)."""
    message.status = "done"
    message.processed_at = now
    message.next_attempt_at = None
    message.error = None


def inbound_data(inbound: InboundMessage) -> dict[str, Any]:
    """The JSON `data` of an inbound row: whatever the channel parsed besides the text."""
    data: dict[str, Any] = {}
    if inbound.payload:
        data["payload"] = inbound.payload
    if inbound.location is not None:
        data["location"] = [inbound.location[0], inbound.location[1]]
    if inbound.media:
        data["media"] = [
            {"url": media.url, "content_type": media.content_type} for media in inbound.media
        ]
    if inbound.profile_name:
        data["profile_name"] = inbound.profile_name
    if inbound.metadata:
        data["metadata"] = dict(inbound.metadata)
    return data
