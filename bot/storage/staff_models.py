"""Tables of the staff console: accounts, team membership, notes, case outcomes, audit log.

They share `Base` with the core tables; migration `0002_staff` creates them. Keep the two in
step. Everything a staff member does is also written to `audit_log` (see bot/audit.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.storage.models import Base, utcnow


class StaffAccount(Base):
    """A person who logs in to the console. `role` is agent | supervisor | admin.

    `failed_logins` and `locked_until` implement the lockout rule in bot/staff/lockout.py.
    Accounts are disabled, never deleted, so the audit log keeps pointing at them.
    """

    __tablename__ = "staff_accounts"
    __table_args__ = (UniqueConstraint("username", name="uq_staff_accounts_username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    teams: Mapped[list[StaffTeamMember]] = relationship(
        back_populates="account", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def team_countries(self) -> frozenset[str]:
        """The ISO codes of the country teams this person works in."""
        return frozenset(member.country for member in self.teams)


class StaffTeamMember(Base):
    """Membership of one account in one country team (ISO 3166 alpha-2)."""

    __tablename__ = "staff_team_members"
    __table_args__ = (
        UniqueConstraint("staff_id", "country", name="uq_staff_team_members_staff_country"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    country: Mapped[str] = mapped_column(String(2))

    account: Mapped[StaffAccount] = relationship(back_populates="teams")


class CaseNote(Base):
    """An internal note on a conversation; never sent to the person."""

    __tablename__ = "case_notes"
    __table_args__ = (Index("ix_case_notes_conversation_id_id", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CaseOutcome(Base):
    """How a handoff ended. One row per resolution (a conversation may be handed off again)."""

    __tablename__ = "case_outcomes"
    __table_args__ = (Index("ix_case_outcomes_conversation_id", "conversation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"))
    category: Mapped[str] = mapped_column(String(32))
    summary: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """One staff action (or login attempt). Append-only: nothing updates or deletes rows.

    `staff_id` is null for a login attempt on an unknown username; `detail` holds the
    action's parameters (target team, outcome, template id, ...), never a password.
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_created_at", "created_at"),
        Index("ix_audit_log_conversation_id", "conversation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id"))
    action: Mapped[str] = mapped_column(String(48))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
