"""Staff account management and login: create, disable, enable, list, authenticate.

`StaffDirectory` is the only code that writes `staff_accounts`; the console and the CLI both
call it. Every change is audited in the same transaction (bot/audit.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.audit import AuditAction, record
from bot.staff.lockout import LockoutState
from bot.staff.passwords import (
    burn_verification_time,
    hash_password,
    needs_rehash,
    rehash,
    verify_password,
)
from bot.staff.roles import Role
from bot.storage.db import Database
from bot.storage.staff_models import StaffAccount, StaffTeamMember
from rumbo_content import COUNTRIES


class AccountError(ValueError):
    """An account operation was refused (duplicate username, unknown country, ...)."""


class LoginOutcome(str, Enum):
    """Why a login attempt succeeded or failed (audited; the form shows one generic error)."""

    OK = "ok"
    UNKNOWN_USER = "unknown_user"
    BAD_PASSWORD = "bad_password"
    LOCKED = "locked"
    DISABLED = "disabled"


@dataclass(frozen=True)
class StaffMember:
    """A detached, read-only view of an account: what the console keeps per request."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    team_countries: frozenset[str]
    locked_until: datetime | None = None

    @classmethod
    def of(cls, account: StaffAccount) -> StaffMember:
        return cls(
            id=account.id,
            username=account.username,
            display_name=account.display_name,
            role=Role.parse(account.role),
            active=account.active,
            team_countries=account.team_countries,
            locked_until=account.locked_until,
        )


@dataclass(frozen=True)
class LoginResult:
    """The outcome of `authenticate`; `member` is set only when `outcome` is OK."""

    outcome: LoginOutcome
    member: StaffMember | None = None


def normalise_username(raw: str) -> str:
    """Usernames are case-insensitive and trimmed; refuses empty or odd ones."""
    username = raw.strip().lower()
    if not username or len(username) > 64 or not all(c.isalnum() or c in "._-@" for c in username):
        raise AccountError("usernames are 1-64 letters, digits or . _ - @")
    return username


def normalise_countries(raw: Iterable[str]) -> frozenset[str]:
    """Upper-case ISO codes; refuses any code outside the ten countries Rumbo covers."""
    codes = frozenset(code.strip().upper() for code in raw if code.strip())
    unknown = sorted(codes - set(COUNTRIES))
    if unknown:
        raise AccountError(f"unknown team countries {unknown}; expected some of {list(COUNTRIES)}")
    return codes


class StaffDirectory:
    """Account operations over a `Database`; each public method is one transaction."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def create(
        self,
        username: str,
        password: str,
        *,
        role: Role,
        display_name: str | None = None,
        team_countries: Iterable[str] = (),
        actor_id: int | None = None,
    ) -> StaffMember:
        """Create an account; raises AccountError (duplicate) or WeakPasswordError."""
        name = normalise_username(username)
        countries = normalise_countries(team_countries)
        if role is Role.AGENT and not countries:
            raise AccountError("an agent needs at least one team country")
        password_hash = hash_password(password)
        async with self._db.session() as session:
            if await _find(session, name) is not None:
                raise AccountError(f"username {name!r} is already taken")
            account = StaffAccount(
                username=name,
                display_name=(display_name or name).strip(),
                password_hash=password_hash,
                role=role.value,
                active=True,
                failed_logins=0,
                teams=[StaffTeamMember(country=code) for code in sorted(countries)],
            )
            session.add(account)
            await session.flush()
            record(
                session,
                AuditAction.ACCOUNT_CREATE,
                staff_id=actor_id,
                detail={"account": name, "role": role.value, "teams": sorted(countries)},
            )
            return StaffMember.of(account)

    async def set_active(
        self, username: str, active: bool, *, actor_id: int | None = None
    ) -> StaffMember:
        """Disable (or re-enable) an account; a disabled account's sessions stop working."""
        name = normalise_username(username)
        async with self._db.session() as session:
            account = await _find(session, name)
            if account is None:
                raise AccountError(f"no account named {name!r}")
            account.active = active
            if active:
                # Re-enabling is an admin decision: clear any lock left from before.
                state = LockoutState.after_success()
                account.failed_logins, account.locked_until = state.failed_logins, None
            action = AuditAction.ACCOUNT_ENABLE if active else AuditAction.ACCOUNT_DISABLE
            record(session, action, staff_id=actor_id, detail={"account": name})
            return StaffMember.of(account)

    async def all_members(self) -> list[StaffMember]:
        """Every account, active or not, by username."""
        async with self._db.session() as session:
            rows = await session.scalars(select(StaffAccount).order_by(StaffAccount.username))
            return [StaffMember.of(account) for account in rows]

    async def get(self, staff_id: int) -> StaffMember | None:
        """The account with `staff_id`, or None."""
        async with self._db.session() as session:
            account = await session.get(StaffAccount, staff_id)
            return StaffMember.of(account) if account is not None else None

    async def count(self) -> int:
        """How many accounts exist (the console shows set-up help when there are none)."""
        async with self._db.session() as session:
            return int(await session.scalar(select(func.count(StaffAccount.id))) or 0)

    async def authenticate(
        self,
        username: str,
        password: str,
        *,
        now: datetime | None = None,
        remote_addr: str | None = None,
    ) -> LoginResult:
        """Check a login and apply the lockout rule; every attempt is audited.

        A locked account is refused without checking the password, so even the right
        password does not open it until the lock expires.
        """
        moment = now or datetime.now(timezone.utc)
        try:
            name = normalise_username(username)
        except AccountError:
            name = None
        async with self._db.session() as session:
            account = await _find(session, name) if name else None
            outcome = _check(account, password, moment)
            if account is not None:
                _persist_attempt(account, outcome, password, moment)
            action = AuditAction.LOGIN if outcome is LoginOutcome.OK else AuditAction.LOGIN_FAILED
            record(
                session,
                action,
                staff_id=account.id if account is not None else None,
                detail={"username": (name or username.strip())[:64], "outcome": outcome.value},
                remote_addr=remote_addr,
            )
            member = StaffMember.of(account) if outcome is LoginOutcome.OK and account else None
            return LoginResult(outcome=outcome, member=member)


def _check(account: StaffAccount | None, password: str, now: datetime) -> LoginOutcome:
    if account is None:
        burn_verification_time(password)
        return LoginOutcome.UNKNOWN_USER
    if LockoutState(account.failed_logins, account.locked_until).is_locked(now):
        return LoginOutcome.LOCKED
    if not verify_password(account.password_hash, password):
        return LoginOutcome.BAD_PASSWORD
    if not account.active:
        # Checked after the password so a guesser cannot learn which accounts are disabled.
        return LoginOutcome.DISABLED
    return LoginOutcome.OK


def _persist_attempt(
    account: StaffAccount, outcome: LoginOutcome, password: str, now: datetime
) -> None:
    state = LockoutState(account.failed_logins, account.locked_until)
    if outcome is LoginOutcome.BAD_PASSWORD:
        state = state.after_failure(now)
    elif outcome is LoginOutcome.OK:
        state = LockoutState.after_success()
        account.last_login_at = now
        if needs_rehash(account.password_hash):
            account.password_hash = rehash(password)
    else:
        return
    account.failed_logins = state.failed_logins
    account.locked_until = state.locked_until


async def _find(session: AsyncSession, username: str) -> StaffAccount | None:
    return await session.scalar(select(StaffAccount).where(StaffAccount.username == username))
