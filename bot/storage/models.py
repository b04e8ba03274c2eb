"""The gateway's tables (SQLAlchemy 2.0 typed declarative).

Migrations in `migrations/versions/` create these tables; keep the two in step. Staff tables
are added by the console (`0002_staff`); `assigned_staff_id` / `staff_id` have no foreign key
yet for that reason.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    """Timezone-aware now; every timestamp in the database is UTC."""
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    """Declarative base shared by every gateway table (the console adds its own models)."""

    type_annotation_map = {datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class Conversation(Base):
    """One person on one channel. `key` (f"{channel}:{address}") is also Rasa's sender id."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("key", name="uq_conversations_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255))
    channel: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str | None] = mapped_column(String(8))
    country: Mapped[str | None] = mapped_column(String(2))
    topic: Mapped[str | None] = mapped_column(String(32))
    city: Mapped[str | None] = mapped_column(String(120))
    # "bot" | "waiting" | "with_staff"; transitions live in bot/handoff/state.py.
    state: Mapped[str] = mapped_column(String(16), default="bot", index=True)
    # Higher is more urgent; emergencies use 100 so they top the staff queue.
    priority: Mapped[int] = mapped_column(Integer, default=0)
    handoff_reason: Mapped[str | None] = mapped_column(String(32))
    team_country: Mapped[str | None] = mapped_column(String(2))
    assigned_staff_id: Mapped[int | None] = mapped_column(Integer)
    last_inbound_at: Mapped[datetime | None]
    # Options of the last bot reply, so a bare "2" can pick option 2.
    last_menu: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", order_by="Message.id", lazy="raise"
    )


class Message(Base):
    """A message in (from the person) or out (bot/staff/system to the person).

    Inbound status: pending -> processing -> done | failed.
    Outbound status: queued -> sent -> delivered -> read, or failed | undelivered.
    """

    __tablename__ = "messages"
    __table_args__ = (
        # Providers retry webhooks; the same (channel, external_id) must be stored once.
        UniqueConstraint("channel", "external_id", name="uq_messages_channel_external_id"),
        Index("ix_messages_status_next_attempt", "direction", "status", "next_attempt_at"),
        Index("ix_messages_conversation_id_id", "conversation_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    direction: Mapped[str] = mapped_column(String(3))
    author: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str | None] = mapped_column(Text)
    # Inbound: payload/location/media/metadata. Outbound: the stored Reply (options, meta, ...).
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)
    provider_message_id: Mapped[str | None] = mapped_column(String(200), index=True)
    staff_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None]

    conversation: Mapped[Conversation] = relationship(back_populates="messages", lazy="raise")


class DeliveryEvent(Base):
    """A provider status callback (Twilio/Telegram), kept raw for auditing delivery problems.

    `message_id` is null when the callback names a provider id we do not know (yet).
    """

    __tablename__ = "delivery_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    provider_message_id: Mapped[str | None] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(16))
    error_code: Mapped[str | None] = mapped_column(String(32))
    raw: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
