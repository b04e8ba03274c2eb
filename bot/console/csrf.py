"""CSRF protection for the console: one random token per session.

Every unsafe request (POST, PUT, PATCH, DELETE) must echo the session's token, either as the
form field `csrf_token` (HTML forms) or the `X-CSRF-Token` header (fetch calls from the
console's JavaScript). SameSite=Lax cookies already stop most cross-site posts; the token
also covers same-site attackers and old browsers.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request

SESSION_KEY = "csrf"
FORM_FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def session_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


async def is_valid(request: Request) -> bool:
    """True for safe methods, or when the request carries the session's token.

    Reads the form only for form posts (the parsed form is cached on the request, so the
    endpoint can read it again).
    """
    if request.method in SAFE_METHODS:
        return True
    expected = request.session.get(SESSION_KEY)
    if not isinstance(expected, str) or not expected:
        return False
    supplied = request.headers.get(HEADER)
    if supplied is None and _is_form(request):
        form = await request.form()
        value = form.get(FORM_FIELD)
        supplied = value if isinstance(value, str) else None
    return supplied is not None and hmac.compare_digest(supplied, expected)


def _is_form(request: Request) -> bool:
    content_type = request.headers.get("content-type", "")
    return content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))
