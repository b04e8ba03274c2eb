"""The live case feed behind `/staff/events`: which cases are new or changed.

It watches the database rather than hooking into the conversation service: handoffs are
decided in the inbox worker, cancels by the person, claims by other staff, possibly in other
processes; the database is the one place all of them meet. One poller task per process
compares a small snapshot of the handed-off conversations (state, priority, owner, team,
newest message id) every `interval` seconds and fans the differences out to subscribers.
Console actions call `nudge()` so their own changes show up at once. The poller runs only
while someone is subscribed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from bot.handoff.state import EMERGENCY_PRIORITY
from bot.storage.db import Database
from bot.storage.models import Conversation, Message

logger = logging.getLogger(__name__)

ACTIVE_STATES = ("waiting", "with_staff")
SUBSCRIBER_BUFFER = 256
CLOSED_VERSION = "closed"


@dataclass(frozen=True)
class CaseSnapshot:
    """What the feed compares between two polls for one handed-off conversation."""

    id: int
    state: str
    priority: int
    assigned_staff_id: int | None
    team: str | None
    last_message_id: int

    @property
    def version(self) -> str:
        """Changes whenever the case page would look different (see case_view.case_version)."""
        return case_version(self.state, self.assigned_staff_id, self.last_message_id)


def case_version(state: str, assigned_staff_id: int | None, last_message_id: int) -> str:
    """A short fingerprint of a case; the case page reloads only when it differs.

    Every conversation back with the bot is "closed": the feed does not follow those.
    """
    if state == "bot":
        return CLOSED_VERSION
    return f"{state}:{assigned_staff_id or ''}:{last_message_id}"


@dataclass(frozen=True)
class CaseEvent:
    """A change to one case. `change` is "new" (entered the queue), "updated" or "closed"."""

    change: str
    case: CaseSnapshot

    def to_json(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "id": self.case.id,
            "state": self.case.state,
            "priority": self.case.priority,
            "emergency": self.case.priority >= EMERGENCY_PRIORITY,
            "assigned_staff_id": self.case.assigned_staff_id,
            "team": self.case.team,
            # A closed case carries its last snapshot; its page must still refresh.
            "version": CLOSED_VERSION if self.change == "closed" else self.case.version,
        }


def diff(
    before: dict[int, CaseSnapshot], after: dict[int, CaseSnapshot]
) -> list[CaseEvent]:
    """The events that turn `before` into `after` (pure; the poller's core)."""
    events = [
        CaseEvent("new" if case_id not in before else "updated", snapshot)
        for case_id, snapshot in after.items()
        if before.get(case_id) != snapshot
    ]
    events += [
        CaseEvent("closed", snapshot)
        for case_id, snapshot in before.items()
        if case_id not in after
    ]
    return sorted(events, key=lambda event: event.case.id)


async def take_snapshot(database: Database) -> dict[int, CaseSnapshot]:
    """The current snapshot of every handed-off conversation."""
    newest = (
        select(func.max(Message.id))
        .where(Message.conversation_id == Conversation.id)
        .correlate(Conversation)
        .scalar_subquery()
    )
    query = select(
        Conversation.id,
        Conversation.state,
        Conversation.priority,
        Conversation.assigned_staff_id,
        func.coalesce(Conversation.team_country, Conversation.country),
        newest,
    ).where(Conversation.state.in_(ACTIVE_STATES))
    async with database.session() as session:
        rows = (await session.execute(query)).all()
    return {
        row[0]: CaseSnapshot(row[0], row[1], row[2], row[3], row[4], row[5] or 0) for row in rows
    }


@dataclass(eq=False)
class _Subscription:
    """One listener: its buffer and the filter deciding which events it may receive."""

    queue: asyncio.Queue[CaseEvent]
    accept: Callable[[CaseEvent], bool]


class CaseFeed:
    """Fans case events out to subscribers; see the module docstring."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._subscribers: set[_Subscription] = set()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._snapshot: dict[int, CaseSnapshot] | None = None

    def nudge(self) -> None:
        """Poll now instead of at the next interval (after a console action)."""
        self._wake.set()

    @contextlib.asynccontextmanager
    async def subscribe(
        self, database: Database, accept: Callable[[CaseEvent], bool]
    ) -> AsyncIterator[asyncio.Queue[CaseEvent]]:
        """A queue receiving the events `accept` lets through, until the block exits.

        `accept` runs in the poller for every event (it filters by the subscriber's teams),
        so each subscriber only ever holds events about cases it may see.
        """
        subscription = _Subscription(asyncio.Queue(SUBSCRIBER_BUFFER), accept)
        self._subscribers.add(subscription)
        self._ensure_running(database)
        try:
            yield subscription.queue
        finally:
            self._subscribers.discard(subscription)
            if not self._subscribers:
                await self.stop()

    async def stop(self) -> None:
        """Stop the poller (it starts again with the next subscriber)."""
        task, self._task = self._task, None
        self._snapshot = None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _ensure_running(self, database: Database) -> None:
        if self._task is None or self._task.done():
            self._wake = asyncio.Event()
            self._task = asyncio.create_task(self._run(database), name="staff-case-feed")

    async def _run(self, database: Database) -> None:
        while True:
            try:
                await self.poll_once(database)
            except Exception:  # a database hiccup must not end the live queue for everyone
                logger.exception("case feed poll failed; retrying")
            self._wake.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)

    async def poll_once(self, database: Database) -> list[CaseEvent]:
        """Take a snapshot, publish the differences, return them (the first poll publishes
        nothing: subscribers load the current queue themselves when they connect)."""
        current = await take_snapshot(database)
        previous, self._snapshot = self._snapshot, current
        if previous is None:
            return []
        events = diff(previous, current)
        for event in events:
            self._publish(event)
        return events

    def _publish(self, event: CaseEvent) -> None:
        for subscription in list(self._subscribers):
            if not subscription.accept(event):
                continue
            try:
                subscription.queue.put_nowait(event)
            except asyncio.QueueFull:
                # A stalled browser tab: drop the oldest, the page refetches the queue anyway.
                subscription.queue.get_nowait()
                subscription.queue.put_nowait(event)
