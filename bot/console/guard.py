"""`require_staff`: the single guard in front of every protected console route.

It answers, in this order:
1. no session, or the account is gone or disabled -> pages redirect to the login form,
   the API and the event stream answer 401;
2. the role lacks the route's permission -> 403;
3. an unsafe method without the session's CSRF token -> 403.
Then the endpoint runs with `request.state.staff` set to the signed-in `StaffMember`.
The account is re-read on every request so disabling it takes effect at once.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

from bot.console import context, csrf
from bot.staff.accounts import StaffDirectory, StaffMember
from bot.staff.roles import Role

SESSION_STAFF_KEY = "staff_id"
GUARD_MARKER = "__staff_guard__"

Endpoint = TypeVar("Endpoint", bound=Callable[..., Awaitable[Response]])


def require_staff(
    permission: Callable[[Role], bool] | None = None, *, api: bool = False
) -> Callable[[Endpoint], Endpoint]:
    """Protect an endpoint (a function or a method taking the request last).

    `permission` decides from the role (see bot/staff/roles.py); None allows every role.
    `api=True` answers JSON 401/403 instead of a redirect or a text page.
    """

    def decorate(endpoint: Endpoint) -> Endpoint:
        @functools.wraps(endpoint)
        async def guarded(*args: Any) -> Response:
            request: Request = args[-1]
            member = await signed_in_member(request)
            if member is None:
                return _unauthenticated(request, api=api)
            if permission is not None and not permission(member.role):
                return _refuse(403, "Your role does not allow this.", api=api)
            if not await csrf.is_valid(request):
                return _refuse(
                    403, "Missing or invalid CSRF token: reload the page and try again.", api=api
                )
            request.state.staff = member
            return await endpoint(*args)

        setattr(guarded, GUARD_MARKER, True)
        return guarded  # type: ignore[return-value]

    return decorate


async def signed_in_member(request: Request) -> StaffMember | None:
    """The active account of the session, or None (and the stale session is cleared)."""
    staff_id = request.session.get(SESSION_STAFF_KEY)
    if not isinstance(staff_id, int):
        return None
    member = await StaffDirectory(context.database(request)).get(staff_id)
    if member is None or not member.active:
        request.session.clear()
        return None
    return member


def start_session(request: Request, member: StaffMember) -> None:
    """Sign `member` in: a fresh session (new CSRF token) against session fixation."""
    request.session.clear()
    request.session[SESSION_STAFF_KEY] = member.id
    csrf.session_token(request)


def end_session(request: Request) -> None:
    """Sign out: the cookie is cleared by the session middleware."""
    request.session.clear()


def current_staff(request: Request) -> StaffMember:
    """The member `require_staff` put on the request (only call inside guarded endpoints)."""
    member = getattr(request.state, "staff", None)
    if member is None:
        raise RuntimeError("current_staff() called outside a require_staff-guarded endpoint")
    return member


def _unauthenticated(request: Request, *, api: bool) -> Response:
    if api:
        return JSONResponse({"error": "not signed in"}, status_code=401)
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    login = request.url_for("staff:login_form").path
    return RedirectResponse(f"{login}?next={quote(target, safe='')}", status_code=303)


def _refuse(status: int, message: str, *, api: bool) -> Response:
    if api:
        return JSONResponse({"error": message}, status_code=status)
    return PlainTextResponse(message, status_code=status)
