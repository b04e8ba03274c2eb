"""The staff queue: handed-off conversations a staff member may see, most urgent first.

Order: priority (emergencies are 100) descending, then the longest wait first. Filters by
country team, topic, channel and state come from the query string and are validated:
an unknown value is a 400, not an empty list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels.base import CHANNEL_NAMES
from bot.console.visibility import case_team, visible_to
from bot.handoff.state import EMERGENCY_PRIORITY, ConversationState
from bot.staff.accounts import StaffMember
from bot.staff.lockout import as_utc
from bot.storage.models import Conversation, Message, utcnow
from bot.storage.staff_models import StaffAccount
from rumbo_content import COUNTRIES, TOPICS

ACTIVE_STATES = (ConversationState.WAITING.value, ConversationState.WITH_STAFF.value)
BOT_STATE = ConversationState.BOT.value
# `state=bot` lists live conversations with the bot, so staff can find one to take over.
LIVE_WITH_BOT = timedelta(hours=24)
PREVIEW_LENGTH = 120


class InvalidFilter(ValueError):
    """A queue filter has a value outside its allowed set."""


@dataclass(frozen=True)
class QueueFilters:
    """Optional filters; None means "any"."""

    country: str | None = None
    topic: str | None = None
    channel: str | None = None
    state: str | None = None
    mine: bool = False

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> QueueFilters:
        """Build filters from query parameters; raises InvalidFilter naming the bad one."""
        country = _choice(params, "country", COUNTRIES, upper=True)
        topic = _choice(params, "topic", TOPICS)
        channel = _choice(params, "channel", CHANNEL_NAMES)
        state = _choice(params, "state", (*ACTIVE_STATES, BOT_STATE))
        return cls(country, topic, channel, state, mine=params.get("mine") in ("1", "true", "on"))

    def as_query(self) -> dict[str, str]:
        """The non-empty filters, for links and the live refresh."""
        values = {key: value for key, value in asdict(self).items() if value}
        if self.mine:
            values["mine"] = "1"
        return values


@dataclass(frozen=True)
class QueueItem:
    """One row of the queue as the page and the API show it."""

    id: int
    state: str
    priority: int
    emergency: bool
    reason: str | None
    team: str | None
    country: str | None
    topic: str | None
    lang: str | None
    channel: str
    assigned_staff_id: int | None
    assigned_staff_name: str | None
    waiting_since: datetime
    last_inbound_at: datetime | None
    preview: str

    def to_api(self) -> dict[str, Any]:
        data = asdict(self)
        data["waiting_since"] = self.waiting_since.isoformat()
        data["last_inbound_at"] = self.last_inbound_at.isoformat() if self.last_inbound_at else None
        return data


def waiting_since(conv: Conversation) -> datetime:
    """When the current handoff began: `context["handoff_at"]` if the core recorded it,
    else the conversation's creation time (never later than the truth, so never unfair)."""
    raw = (conv.context or {}).get("handoff_at")
    if isinstance(raw, str):
        try:
            return as_utc(datetime.fromisoformat(raw)) or as_utc(conv.created_at)
        except ValueError:
            pass
    return as_utc(conv.created_at)


async def list_queue(
    session: AsyncSession, member: StaffMember, filters: QueueFilters, *, limit: int = 500
) -> list[QueueItem]:
    """The queue `member` sees with `filters`, sorted by priority then waiting time.

    With `state=bot`: the conversations with the bot whose person wrote in the last 24 hours,
    most recent first (candidates for a take-over).
    """
    query = select(Conversation).where(visible_to(member))
    if filters.state == BOT_STATE:
        since = utcnow() - LIVE_WITH_BOT
        query = query.where(Conversation.state == BOT_STATE, Conversation.last_inbound_at >= since)
    else:
        query = query.where(Conversation.state.in_(ACTIVE_STATES))
    if filters.country:
        team = func.coalesce(Conversation.team_country, Conversation.country)
        query = query.where(team == filters.country)
    if filters.topic:
        query = query.where(Conversation.topic == filters.topic)
    if filters.channel:
        query = query.where(Conversation.channel == filters.channel)
    if filters.state in ACTIVE_STATES:
        query = query.where(Conversation.state == filters.state)
    if filters.mine:
        query = query.where(Conversation.assigned_staff_id == member.id)
    conversations = list(await session.scalars(query.limit(limit)))
    previews = await _last_inbound_texts(session, [conv.id for conv in conversations])
    names = await _staff_names(session, {c.assigned_staff_id for c in conversations})
    items = [_item(conv, previews.get(conv.id, ""), names) for conv in conversations]
    if filters.state == BOT_STATE:
        items.sort(key=lambda item: (item.waiting_since, item.id), reverse=True)
    else:
        items.sort(key=lambda item: (-item.priority, item.waiting_since, item.id))
    return items


def _item(conv: Conversation, preview: str, names: Mapping[int, str]) -> QueueItem:
    return QueueItem(
        id=conv.id,
        state=conv.state,
        priority=conv.priority,
        emergency=conv.priority >= EMERGENCY_PRIORITY,
        reason=conv.handoff_reason,
        team=case_team(conv),
        country=conv.country,
        topic=conv.topic,
        lang=conv.lang,
        channel=conv.channel,
        assigned_staff_id=conv.assigned_staff_id,
        assigned_staff_name=names.get(conv.assigned_staff_id or 0),
        # With the bot nobody waits: show when the person last wrote instead.
        waiting_since=(
            as_utc(conv.last_inbound_at or conv.created_at)
            if conv.state == BOT_STATE
            else waiting_since(conv)
        ),
        last_inbound_at=as_utc(conv.last_inbound_at),
        preview=preview[:PREVIEW_LENGTH],
    )


async def _last_inbound_texts(session: AsyncSession, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    latest = (
        select(func.max(Message.id))
        .where(Message.conversation_id.in_(ids), Message.direction == "in")
        .group_by(Message.conversation_id)
    )
    rows = await session.execute(
        select(Message.conversation_id, Message.text).where(Message.id.in_(latest))
    )
    return {conversation_id: text or "" for conversation_id, text in rows}


async def _staff_names(session: AsyncSession, ids: set[int | None]) -> dict[int, str]:
    wanted = [staff_id for staff_id in ids if staff_id is not None]
    if not wanted:
        return {}
    rows = await session.execute(
        select(StaffAccount.id, StaffAccount.display_name).where(StaffAccount.id.in_(wanted))
    )
    return dict(rows.tuples().all())


def _choice(
    params: Mapping[str, str], name: str, allowed: tuple[str, ...], *, upper: bool = False
) -> str | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    value = raw.upper() if upper else raw.lower()
    if value not in allowed:
        raise InvalidFilter(f"{name} must be one of {', '.join(allowed)}")
    return value
