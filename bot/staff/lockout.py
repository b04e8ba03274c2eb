"""The login lockout rule: 5 failed logins lock an account for 15 minutes.

Pure functions over two numbers stored on the account (`failed_logins`, `locked_until`), so
the rule is testable without a database and the account service only persists the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

MAX_FAILED_LOGINS = 5
LOCKOUT_DURATION = timedelta(minutes=15)


def as_utc(moment: datetime | None) -> datetime | None:
    """Treat naive datetimes as UTC (SQLite returns them without tzinfo)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class LockoutState:
    """The counters the lockout rule reads and writes."""

    failed_logins: int
    locked_until: datetime | None

    def is_locked(self, now: datetime) -> bool:
        """True while the lock has not expired; a lock is never extended by further tries."""
        until = as_utc(self.locked_until)
        return until is not None and now < until

    def after_failure(self, now: datetime) -> LockoutState:
        """The state after one more failed login at `now` (locks on the 5th in a row)."""
        failures = self.failed_logins + 1
        if failures >= MAX_FAILED_LOGINS:
            # Reset the counter so that after the lock expires the person gets 5 fresh tries.
            return LockoutState(failed_logins=0, locked_until=now + LOCKOUT_DURATION)
        return LockoutState(failed_logins=failures, locked_until=self.locked_until)

    @staticmethod
    def after_success() -> LockoutState:
        """A successful login clears the failure streak."""
        return LockoutState(failed_logins=0, locked_until=None)
