"""Everything the case page (and `GET /staff/api/cases/{id}`) shows about one case.

The transcript merges the person's messages, bot answers (with the topic and country the bot
understood, from the stored reply meta), staff replies, system messages and internal notes,
in time order. Only cases the staff member may see are loaded (404 otherwise).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.audit import AuditAction, AuditRecord, recent
from bot.console.canned import CannedReplies, CannedReply, WhatsAppTemplate
from bot.console.case_actions import CaseNotFound
from bot.console.feed import case_version
from bot.console.queue import waiting_since
from bot.console.visibility import can_open, case_team
from bot.console.whatsapp_window import window_for
from bot.handoff.state import EMERGENCY_PRIORITY
from bot.staff.accounts import StaffMember
from bot.staff.lockout import as_utc
from bot.storage.models import Conversation, Message, utcnow
from bot.storage.staff_models import CaseNote, CaseOutcome, StaffAccount


@dataclass(frozen=True)
class TranscriptEntry:
    """One line of the transcript. `kind`: person | bot | staff | system | note."""

    kind: str
    text: str
    at: datetime
    author: str | None = None
    status: str | None = None
    understood: dict[str, str] = field(default_factory=dict)  # topic / country / kind
    template: str | None = None
    has_media: bool = False

    def to_api(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        return data


@dataclass(frozen=True)
class CaseDetail:
    """The case page's data."""

    id: int
    channel: str
    state: str
    priority: int
    emergency: bool
    reason: str | None
    lang: str | None
    country: str | None
    team: str | None
    topic: str | None
    city: str | None
    assigned_staff_id: int | None
    assigned_staff_name: str | None
    waiting_since: datetime
    window_applies: bool
    window_closes_at: datetime | None
    window_seconds_left: int
    transcript: list[TranscriptEntry]
    history: list[AuditRecord]
    outcomes: list[dict[str, Any]]
    canned: tuple[CannedReply, ...]
    templates: tuple[WhatsAppTemplate, ...]
    colleagues: list[StaffMember]
    version: str

    def to_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "channel": self.channel,
            "state": self.state,
            "priority": self.priority,
            "emergency": self.emergency,
            "reason": self.reason,
            "lang": self.lang,
            "country": self.country,
            "team": self.team,
            "topic": self.topic,
            "city": self.city,
            "assigned_staff_id": self.assigned_staff_id,
            "assigned_staff_name": self.assigned_staff_name,
            "waiting_since": self.waiting_since.isoformat(),
            "whatsapp_window": {
                "applies": self.window_applies,
                "closes_at": self.window_closes_at.isoformat() if self.window_closes_at else None,
                "seconds_left": self.window_seconds_left,
            },
            "transcript": [entry.to_api() for entry in self.transcript],
            "outcomes": self.outcomes,
            "canned_replies": [asdict(reply) for reply in self.canned],
            "templates": [template.id for template in self.templates],
            "version": self.version,
        }


async def load_case(
    session: AsyncSession,
    member: StaffMember,
    conversation_id: int,
    canned: CannedReplies,
    colleagues: list[StaffMember],
) -> CaseDetail:
    """The case `conversation_id` as `member` sees it; raises CaseNotFound if not visible."""
    conv = await session.get(Conversation, conversation_id)
    if conv is None or not can_open(member, conv):
        raise CaseNotFound(f"no case {conversation_id}")
    names = dict(
        (await session.execute(select(StaffAccount.id, StaffAccount.display_name))).tuples().all()
    )
    messages = await session.scalars(
        select(Message).where(Message.conversation_id == conv.id).order_by(Message.id)
    )
    notes = await session.scalars(
        select(CaseNote).where(CaseNote.conversation_id == conv.id).order_by(CaseNote.id)
    )
    outcomes = await session.scalars(
        select(CaseOutcome).where(CaseOutcome.conversation_id == conv.id).order_by(CaseOutcome.id)
    )
    messages = list(messages)
    transcript = [_message_entry(message, names) for message in messages]
    transcript += [
        TranscriptEntry("note", note.text, as_utc(note.created_at), names.get(note.staff_id))
        for note in notes
    ]
    transcript.sort(key=lambda entry: entry.at)
    window = window_for(conv.channel, conv.last_inbound_at)
    now = utcnow()
    return CaseDetail(
        id=conv.id,
        channel=conv.channel,
        state=conv.state,
        priority=conv.priority,
        emergency=conv.priority >= EMERGENCY_PRIORITY,
        reason=conv.handoff_reason,
        lang=conv.lang,
        country=conv.country,
        team=case_team(conv),
        topic=conv.topic,
        city=conv.city,
        assigned_staff_id=conv.assigned_staff_id,
        assigned_staff_name=names.get(conv.assigned_staff_id or 0),
        waiting_since=waiting_since(conv),
        window_applies=window.applies,
        window_closes_at=window.closes_at,
        window_seconds_left=window.seconds_left(now),
        transcript=transcript,
        history=[
            entry
            for entry in reversed(await recent(session, conversation_id=conv.id, limit=200))
            if entry.action != AuditAction.VIEW_CASE.value  # page views stay in /staff/audit
        ],
        outcomes=[
            {
                "category": outcome.category,
                "summary": outcome.summary,
                "staff": names.get(outcome.staff_id),
                "at": as_utc(outcome.created_at).isoformat(),
            }
            for outcome in outcomes
        ],
        canned=canned.for_language(conv.lang),
        templates=canned.templates if conv.channel == "whatsapp" else (),
        colleagues=[c for c in colleagues if c.id != member.id and can_open(c, conv)],
        version=case_version(
            conv.state, conv.assigned_staff_id, messages[-1].id if messages else 0
        ),
    )


def _message_entry(message: Message, names: dict[int, str]) -> TranscriptEntry:
    data = message.data or {}
    at = as_utc(message.created_at)
    if message.direction == "in":
        return TranscriptEntry(
            "person", message.text or "", at, has_media=bool(data.get("media"))
        )
    meta = (data.get("reply") or {}).get("meta") or {}
    understood = {
        key: str(meta[key]) for key in ("topic", "country", "kind") if meta.get(key)
    }
    kind = message.author if message.author in ("bot", "staff", "system") else "system"
    return TranscriptEntry(
        kind,
        message.text or "",
        at,
        author=names.get(message.staff_id or 0) if kind == "staff" else None,
        status=message.status,
        understood=understood if kind == "bot" else {},
        template=meta.get("template"),
    )
