"""WhatsApp's 24-hour customer-service window.

WhatsApp (through Twilio) delivers free-form messages only within 24 hours of the person's
last message; after that a send fails with error 63016 and only an approved template may be
sent. The console checks the window before sending so staff see why, instead of a failed
delivery later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.staff.lockout import as_utc

WINDOW = timedelta(hours=24)
WHATSAPP_CHANNEL = "whatsapp"


@dataclass(frozen=True)
class ServiceWindow:
    """The window of one conversation; `applies` is False for channels without one."""

    applies: bool
    closes_at: datetime | None = None

    def is_open(self, now: datetime) -> bool:
        """True when a free-text reply may be sent now."""
        if not self.applies:
            return True
        return self.closes_at is not None and now < self.closes_at

    def seconds_left(self, now: datetime) -> int:
        """Whole seconds until the window closes (0 when closed or never opened)."""
        if not self.applies or self.closes_at is None:
            return 0
        return max(0, int((self.closes_at - now).total_seconds()))


def window_for(channel: str, last_inbound_at: datetime | None) -> ServiceWindow:
    """The window of a conversation on `channel` whose person last wrote at `last_inbound_at`."""
    if channel != WHATSAPP_CHANNEL:
        return ServiceWindow(applies=False)
    last = as_utc(last_inbound_at)
    return ServiceWindow(applies=True, closes_at=last + WINDOW if last is not None else None)
