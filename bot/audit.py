"""The staff audit log: every action a staff member takes becomes one `audit_log` row.

Callers write the entry in the same session (transaction) as the action itself, so an action
is never committed without its audit row, nor the other way round. Supervisors and admins
read the log at `/staff/audit`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.staff_models import AuditEntry, StaffAccount


class AuditAction(str, Enum):
    """What happened. Values are stored; add new ones, never rename existing ones."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    VIEW_CASE = "view_case"
    TAKE_OVER = "take_over"
    CLAIM = "claim"
    REPLY = "reply"
    REPLY_REFUSED = "reply_refused"
    SEND_TEMPLATE = "send_template"
    NOTE = "note"
    TRANSFER_AGENT = "transfer_agent"
    TRANSFER_TEAM = "transfer_team"
    REASSIGN = "reassign"
    RELEASE = "release"
    RESOLVE = "resolve"
    ACCOUNT_CREATE = "account_create"
    ACCOUNT_DISABLE = "account_disable"
    ACCOUNT_ENABLE = "account_enable"


@dataclass(frozen=True)
class AuditRecord:
    """One entry as the audit page shows it (joined with the staff member's username)."""

    id: int
    created_at: datetime
    action: str
    username: str | None
    conversation_id: int | None
    detail: dict[str, Any]
    remote_addr: str | None


def record(
    session: AsyncSession,
    action: AuditAction,
    *,
    staff_id: int | None,
    conversation_id: int | None = None,
    detail: dict[str, Any] | None = None,
    remote_addr: str | None = None,
) -> AuditEntry:
    """Add an audit row to `session`; it is committed with the caller's transaction."""
    entry = AuditEntry(
        staff_id=staff_id,
        action=action.value,
        conversation_id=conversation_id,
        detail=dict(detail or {}),
        remote_addr=remote_addr,
    )
    session.add(entry)
    return entry


async def recent(
    session: AsyncSession,
    *,
    limit: int = 200,
    conversation_id: int | None = None,
    before_id: int | None = None,
) -> list[AuditRecord]:
    """The newest entries first, optionally for one conversation, paged by `before_id`."""
    query = (
        select(AuditEntry, StaffAccount.username)
        .outerjoin(StaffAccount, StaffAccount.id == AuditEntry.staff_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    if conversation_id is not None:
        query = query.where(AuditEntry.conversation_id == conversation_id)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    rows = (await session.execute(query)).all()
    return [
        AuditRecord(
            id=entry.id,
            created_at=entry.created_at,
            action=entry.action,
            username=username,
            conversation_id=entry.conversation_id,
            detail=entry.detail,
            remote_addr=entry.remote_addr,
        )
        for entry, username in rows
    ]
