"""Twilio delivery status callbacks -> `DeliveryEvent` rows and the outbound message status.

Every callback is kept raw as a `DeliveryEvent` (for auditing delivery problems). The
`Message` found by `provider_message_id` (the MessageSid our sender stored) moves forward
only: callbacks can arrive out of order, and a late "sent" must not undo "delivered".

Contract: `record_status(db, form)` returns the stored event; raises `MalformedWebhook`
when MessageSid or MessageStatus is missing. An unknown MessageSid is still recorded, with
`message_id=None` (the callback can beat the outbox storing the id).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from bot.channels.twilio.parse import MalformedWebhook
from bot.storage.db import Database
from bot.storage.models import DeliveryEvent, Message

# Twilio's outbound statuses in the order they can happen; failed/undelivered are final
# alternatives to delivered, read comes after delivered (WhatsApp only).
STATUS_RANK = {
    "accepted": 0,
    "scheduled": 0,
    "queued": 0,
    "sending": 1,
    "sent": 2,
    "delivered": 3,
    "undelivered": 3,
    "failed": 3,
    "canceled": 3,
    "read": 4,
}
MAX_STATUS_LENGTH = 16  # messages.status / delivery_events.status column width


def advances(current: str | None, new: str) -> bool:
    """True when `new` is later in the life of a message than `current`."""
    return STATUS_RANK.get(new, -1) > STATUS_RANK.get(current or "", -1)


async def record_status(db: Database, form: Mapping[str, str]) -> DeliveryEvent:
    """Store one status callback and move the message's status forward if it is known."""
    sid = (form.get("MessageSid") or form.get("SmsSid") or "").strip()
    status = (form.get("MessageStatus") or form.get("SmsStatus") or "").strip().lower()
    if not sid or not status:
        raise MalformedWebhook("a status callback needs MessageSid and MessageStatus")
    if len(status) > MAX_STATUS_LENGTH:
        raise MalformedWebhook(f"unknown MessageStatus {status[:40]!r}")
    error_code = (form.get("ErrorCode") or "").strip()[:32] or None
    async with db.session() as session:
        message = await session.scalar(
            select(Message).where(Message.provider_message_id == sid, Message.direction == "out")
        )
        event = DeliveryEvent(
            message_id=message.id if message else None,
            provider_message_id=sid,
            status=status,
            error_code=error_code,
            raw=dict(form),
        )
        session.add(event)
        if message is not None and advances(message.status, status):
            message.status = status
            if error_code:
                message.error = f"Twilio error {error_code}"
        await session.flush()
    return event
