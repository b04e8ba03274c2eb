"""Which conversations a staff member may see: the SQL twin of `roles.can_see_country`.

A case belongs to its `team_country` (set when it is transferred between teams), or else to
the person's `country`. Listing queries filter with `visible_to`; single-case routes call
`can_open`, and answer 404 otherwise so a URL does not reveal that a case exists.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, func, true

from bot.staff.accounts import StaffMember
from bot.staff.roles import Role, can_see_country
from bot.storage.models import Conversation


def case_team(conv: Conversation) -> str | None:
    """The country team a conversation belongs to (None: not routed yet)."""
    return conv.team_country or conv.country


def can_open(member: StaffMember, conv: Conversation) -> bool:
    """Whether `member` may open, and act on, `conv`."""
    return can_see_country(member.role, member.team_countries, case_team(conv))


def visible_to(member: StaffMember) -> ColumnElement[bool]:
    """A WHERE clause selecting the conversations `member` may see."""
    if member.role is Role.ADMIN:
        return true()
    team = func.coalesce(Conversation.team_country, Conversation.country)
    clauses = []
    if member.team_countries:
        clauses.append(team.in_(sorted(member.team_countries)))
    if member.role is Role.SUPERVISOR:
        clauses.append(team.is_(None))
    if not clauses:
        return false()
    return clauses[0] if len(clauses) == 1 else clauses[0] | clauses[1]
