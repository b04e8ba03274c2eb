"""Login and logout. The login form is the only console page open to anonymous visitors."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.audit import AuditAction, record
from bot.console import context, csrf
from bot.console.guard import end_session, require_staff, start_session
from bot.staff.accounts import LoginOutcome, StaffDirectory

GENERIC_FAILURE = (
    "Wrong username or password, or the account is locked. "
    "After 5 failed attempts an account is locked for 15 minutes."
)


def safe_next(raw: str | None, default: str) -> str:
    """Only redirect back inside the console (never to another site: no open redirect)."""
    if raw and raw.startswith("/staff/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return default


async def login_form(request: Request) -> Response:
    """GET /staff/login: the form (with a fresh CSRF token in the session)."""
    return _render(request, error=None, status=200)


async def login(request: Request) -> Response:
    """POST /staff/login: check CSRF, then the credentials and the lockout."""
    if not await csrf.is_valid(request):
        return _render(request, error="The form expired. Please try again.", status=403)
    form = await request.form()
    username = str(form.get("username", ""))
    password = str(form.get("password", ""))
    client = request.client
    result = await StaffDirectory(context.database(request)).authenticate(
        username, password, remote_addr=client.host if client else None
    )
    if result.outcome is not LoginOutcome.OK or result.member is None:
        return _render(request, error=GENERIC_FAILURE, status=401, username=username)
    start_session(request, result.member)
    home = request.url_for("staff:queue").path
    return RedirectResponse(safe_next(request.query_params.get("next"), home), status_code=303)


@require_staff()
async def logout(request: Request) -> Response:
    """POST /staff/logout (a POST with CSRF, so a link on another site cannot log staff out)."""
    member = request.state.staff
    async with context.database(request).session() as session:
        client = request.client
        record(
            session,
            AuditAction.LOGOUT,
            staff_id=member.id,
            remote_addr=client.host if client else None,
        )
    end_session(request)
    return RedirectResponse(request.url_for("staff:login_form").path, status_code=303)


def _render(request: Request, *, error: str | None, status: int, username: str = "") -> Response:
    templates = context.console(request).templates
    return templates.TemplateResponse(
        request,
        "login.html",
        {
            "error": error,
            "username": username,
            "csrf_token": csrf.session_token(request),
            "next": request.query_params.get("next", ""),
        },
        status_code=status,
    )
