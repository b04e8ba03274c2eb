"""Staff roles and what each one may do.

An agent works the cases of their country teams. A supervisor also sees their teams' cases,
can reassign them and read the audit log. An admin sees every case and manages accounts.
These rules are the single source of truth for authorization; routes call them, they never
compare role names themselves.
"""

from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    """A staff account's role; the value is what the database and the CLI store."""

    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @classmethod
    def parse(cls, raw: str) -> Role:
        """The role named `raw` (case-insensitive); raises ValueError listing valid roles."""
        try:
            return cls(raw.strip().lower())
        except ValueError:
            valid = ", ".join(role.value for role in cls)
            raise ValueError(f"unknown role {raw!r}; expected one of: {valid}") from None


def sees_all_countries(role: Role) -> bool:
    """Admins are not bound to country teams (they need to fix any case)."""
    return role is Role.ADMIN


def can_reassign(role: Role) -> bool:
    """Moving a case someone else has claimed is a supervisor's decision."""
    return role in (Role.SUPERVISOR, Role.ADMIN)


def can_read_audit(role: Role) -> bool:
    """The audit log shows every staff member's actions, so agents do not read it."""
    return role in (Role.SUPERVISOR, Role.ADMIN)


def can_manage_accounts(role: Role) -> bool:
    """Only admins create, disable and re-enable staff accounts."""
    return role is Role.ADMIN


def can_see_country(role: Role, team_countries: frozenset[str], country: str | None) -> bool:
    """Whether a staff member with `role` and `team_countries` may open a case of `country`.

    A case with no team country yet (the person never said where they are) is shown to
    supervisors and admins only: they route it to a country team.
    """
    if sees_all_countries(role):
        return True
    if country is None:
        return role is Role.SUPERVISOR
    return country.upper() in team_countries
