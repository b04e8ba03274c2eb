"""`ConversationService`: receives a person's messages, answers them in order, delivers replies.

Channels call `receive` (store, then acknowledge the provider); the inbox worker, or a
synchronous caller such as /api/chat, calls `process`. The order of one turn follows
docs/architecture.md: safety net -> handoff silence / cancel -> menu number -> Rasa
(decided in `turn.py`; rows handled by `inbox.py` and `outbox.py`).

Ordering: messages of one conversation are answered strictly in arrival order. `process`
takes a per-conversation lock and first answers any earlier pending message; if Rasa is
down the earlier message stays pending and so does every later one, except an emergency,
which the safety net answers at once. The lock is in-process: run one gateway process per
database (the inbox claim still prevents double answers if two run by mistake).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels.base import ChannelRegistry, InboundMessage
from bot.conversations.inbox import Inbox, ReceiveResult, mark_done
from bot.conversations.outbox import Outbox, queue_reply
from bot.conversations.turn import Authored, TurnPlanner
from bot.handoff.office_hours import TeamsConfig
from bot.rasa_client import RasaClient, RasaRejected, RasaUnavailable
from bot.replies import Reply
from bot.safety import SafetyNet
from bot.storage.db import Database
from bot.storage.models import Conversation, Message, utcnow
from rumbo_content import ContentStore

__all__ = ["ConversationService", "MessageNotFound", "ReceiveResult"]

logger = logging.getLogger(__name__)


class MessageNotFound(LookupError):
    """No message (or conversation) with that id."""


class ConversationService:
    """Receives, answers and delivers messages; see the module docstring for the order.

    `retry_seconds` is the base back-off for messages that could not reach Rasa and for
    retryable delivery failures. `clock` is injectable so tests never sleep.
    `office_hours` (content/teams.yml) lets the handoff acknowledgement name a wait time.
    """

    def __init__(
        self,
        db: Database,
        rasa: RasaClient,
        registry: ChannelRegistry,
        store: ContentStore,
        safety: SafetyNet,
        *,
        retry_seconds: float = 5.0,
        clock: Callable[[], datetime] = utcnow,
        office_hours: TeamsConfig | None = None,
    ) -> None:
        self.db = db
        self.rasa = rasa
        self.registry = registry
        self.store = store
        self.safety = safety
        self.office_hours = office_hours
        self.retry_seconds = retry_seconds
        self.clock = clock
        self.inbox = Inbox(db, retry_seconds=retry_seconds, clock=clock)
        self.outbox = Outbox(db, registry, retry_seconds=retry_seconds, clock=clock)
        self.planner = TurnPlanner(store, safety, office_hours=office_hours, clock=clock)
        # Set whenever a new message is stored, so the inbox worker answers it promptly.
        self.inbox_signal = asyncio.Event()
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    # ---- receiving ----------------------------------------------------------------------

    async def receive(
        self, inbound: InboundMessage, *, answer_inline: bool = False
    ) -> ReceiveResult:
        """Store `inbound` as a pending message, creating its conversation if needed.

        A message whose (channel, external_id) is already stored is a provider retry:
        returns the stored ids with duplicate=True and changes nothing.
        By default the inbox worker is woken to answer it. `answer_inline=True` is for a
        caller that calls `process` itself right away (/api/chat): the worker then leaves
        the message alone for `retry_seconds`, and picks it up only if that caller died.
        """
        result = await self.inbox.store(inbound, hold=answer_inline)
        if not result.duplicate and not answer_inline:
            self.inbox_signal.set()
        return result

    # ---- processing ---------------------------------------------------------------------

    async def process(self, message_id: int) -> list[Reply]:
        """Answer message `message_id`, after any earlier pending message of its conversation.

        Returns the replies produced by this call (for every message it answered), already
        queued in the outbox and handed to delivery. Returns [] when there was nothing to
        answer (already processed, or silent because staff own the conversation).
        Raises `RasaUnavailable` when Rasa could not be reached: the message stays pending,
        `attempts` and `next_attempt_at` are updated, and the inbox worker retries it. An
        emergency is answered even then (the safety net needs no Rasa), out of order if an
        earlier message is stuck; `process` then returns normally for it.
        Raises `MessageNotFound` for an unknown id.
        """
        conversation_id = await self.inbox.conversation_of(message_id)
        if conversation_id is None:
            raise MessageNotFound(f"no inbound message {message_id}")
        async with self._lock(conversation_id):
            pending = await self.inbox.pending_up_to(conversation_id, message_id)
            replies: list[Reply] = []
            for index, pending_id in enumerate(pending):
                try:
                    replies.extend(await self._process_one(pending_id))
                except RasaUnavailable:
                    replies.extend(await self._while_blocked(pending_id, pending[index + 1 :]))
                    if message_id != pending_id and await self.inbox.status(message_id) == "done":
                        return replies  # answered by the safety net despite the outage
                    raise
            return replies

    def _lock(self, conversation_id: int) -> asyncio.Lock:
        lock = self._locks.get(conversation_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[conversation_id] = lock
        return lock

    async def _while_blocked(self, blocking_id: int, later_ids: list[int]) -> list[Reply]:
        """An earlier message is stuck waiting for Rasa: the later ones keep their place in
        line, except emergencies, which are answered now."""
        if not later_ids:
            return []
        texts = await self.inbox.texts(later_ids)
        emergencies = [i for i in later_ids if self.safety.detect(texts.get(i)) is not None]
        waiting = [i for i in later_ids if i not in emergencies]
        if waiting:
            await self.inbox.wait_behind(waiting, blocking_id)
        replies: list[Reply] = []
        for emergency_id in emergencies:
            replies.extend(await self._process_one(emergency_id))
        return replies

    async def _process_one(self, message_id: int) -> list[Reply]:
        if not await self.inbox.claim(message_id):
            return []
        try:
            return await self._answer(message_id)
        except RasaUnavailable:
            raise
        except Exception as exc:
            # A bug or broken content must not wedge the conversation in "processing":
            # the message is kept as "failed" (staff can see it) and later ones go on.
            logger.exception("answering message %s failed", message_id)
            await self.inbox.fail(message_id, repr(exc))
            raise

    async def _answer(self, message_id: int) -> list[Reply]:
        """Run one claimed message through the turn; see the module docstring."""
        async with self.db.session() as session:
            message = await session.get(Message, message_id)
            conv = await session.get(Conversation, message.conversation_id)
            turn = self.planner.plan(conv, message)
            if turn.rasa_text is None:
                queued = self._queue(session, conv, turn.replies)
                mark_done(message, self.clock())
        if turn.rasa_text is None:
            return await self._deliver_all(queued)

        try:
            items = await self.rasa.send(conv.key, turn.rasa_text, turn.rasa_metadata)
        except RasaUnavailable as exc:
            await self._postpone(message_id, str(exc))
            raise
        except RasaRejected as exc:
            logger.error("Rasa rejected message %s: %s", message_id, exc)
            await self.inbox.fail(message_id, f"Rasa rejected it: {exc}")
            return []

        async with self.db.session() as session:
            message = await session.get(Message, message_id)
            conv = await session.get(Conversation, message.conversation_id)
            bot_replies = [reply for reply in map(Reply.from_rasa, items) if not reply.is_empty]
            replies = [*turn.replies, *((reply, "bot") for reply in bot_replies)]
            replies += self.planner.after_rasa(conv, bot_replies)
            queued = self._queue(session, conv, replies)
            mark_done(message, self.clock())
        return await self._deliver_all(queued)

    async def _postpone(self, message_id: int, error: str) -> None:
        """Rasa is down: back to pending with back-off; tell the person once per message."""
        logger.warning("Rasa unavailable for message %s: %s", message_id, error)
        attempts = await self.inbox.postpone(message_id, error)
        if attempts != 1:
            return
        async with self.db.session() as session:
            message = await session.get(Message, message_id)
            conv = await session.get(Conversation, message.conversation_id)
            queued = self._queue(session, conv, [(self.unavailable_notice(conv), "system")])
        await self._deliver_all(queued)

    def _queue(
        self, session: AsyncSession, conv: Conversation, replies: list[Authored]
    ) -> list[tuple[Message, Reply]]:
        now = self.clock()
        conv.updated_at = now
        return [
            (queue_reply(session, conv, reply, author=author, now=now), reply)
            for reply, author in replies
        ]

    async def _deliver_all(self, queued: list[tuple[Message, Reply]]) -> list[Reply]:
        for message, _reply in queued:
            await self.outbox.deliver(message.id)
        return [reply for _message, reply in queued]

    def unavailable_notice(self, conv: Conversation) -> Reply:
        """'I got your message but have a technical problem' in the person's language."""
        return self.planner.unavailable_notice(conv)

    async def due_inbound_ids(self, limit: int = 50) -> list[int]:
        """Messages the inbox worker should `process` now; see `Inbox.due_ids`."""
        return await self.inbox.due_ids(limit)

    async def requeue_interrupted(self) -> int:
        """Put messages left "processing" by a crash back to pending; returns how many."""
        return await self.inbox.requeue_interrupted()

    # ---- staff and delivery ---------------------------------------------------------------

    async def send_staff_reply(self, conversation_id: int, staff_id: int, text: str) -> Message:
        """Queue and deliver `text` from staff member `staff_id`; returns the stored message.

        Raises `MessageNotFound` for an unknown conversation and `ValueError` for empty text.
        The message is stored before delivery, so a failed send is retried, not lost.
        """
        if not text or not text.strip():
            raise ValueError("a staff reply needs some text")
        async with self.db.session() as session:
            conv = await session.get(Conversation, conversation_id)
            if conv is None:
                raise MessageNotFound(f"no conversation {conversation_id}")
            reply = Reply(text=text.strip(), meta={"lang": conv.lang, "kind": "staff"})
            message = queue_reply(session, conv, reply, author="staff", staff_id=staff_id)
            conv.updated_at = self.clock()
            await session.flush()
            message_id = message.id
        await self.outbox.deliver(message_id)
        async with self.db.session() as session:
            stored = await session.get(Message, message_id)
        assert stored is not None  # just written; messages are never deleted
        return stored

    async def deliver(self, message_id: int) -> str | None:
        """Deliver one queued outbound message; see `Outbox.deliver`."""
        return await self.outbox.deliver(message_id)
