"""The console's HTML pages: queue, case, audit log, and the case action forms.

Forms post to `POST /staff/cases/{id}/{action}` and are redirected back (post/redirect/get)
with a one-time flash message; errors are shown the same way, with nothing lost (the typed
reply is kept in the flash so staff do not have to retype it).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from bot import audit
from bot.audit import AuditAction, record
from bot.console import context, csrf
from bot.console.case_actions import CaseNotFound
from bot.console.case_view import load_case
from bot.console.dispatch import CASE_ACTIONS, SUCCESS_MESSAGES, error_status
from bot.console.guard import current_staff, require_staff
from bot.console.queue import InvalidFilter, QueueFilters, list_queue
from bot.console.resources import actor
from bot.staff.accounts import StaffDirectory
from bot.staff.roles import can_manage_accounts, can_read_audit, can_reassign
from bot.storage.models import utcnow

FLASH_KEY = "flash"


def flash(request: Request, kind: str, text: str, **extra: str) -> None:
    """Show `text` once on the next page ("ok" or "error")."""
    request.session[FLASH_KEY] = {"kind": kind, "text": text, **extra}


def render(request: Request, name: str, data: dict[str, Any], status: int = 200) -> Response:
    """Render a console template with the common context (staff, CSRF token, flash)."""
    console = context.console(request)
    page = {
        "staff": current_staff(request),
        "csrf_token": csrf.session_token(request),
        "flash": request.session.pop(FLASH_KEY, None),
        "can_read_audit": can_read_audit(current_staff(request).role),
        "can_manage_accounts": can_manage_accounts(current_staff(request).role),
        **data,
    }
    return console.templates.TemplateResponse(request, name, page, status_code=status)


@require_staff()
async def queue_page(request: Request) -> Response:
    """GET /staff/: the queue with filters; new cases arrive live (see static/queue.js)."""
    try:
        filters = QueueFilters.parse(request.query_params)
    except InvalidFilter as exc:
        return PlainTextResponse(str(exc), status_code=400)
    member = current_staff(request)
    async with context.database(request).session() as session:
        items = await list_queue(session, member, filters)
    console = context.console(request)
    now = utcnow()
    teams = sorted(member.team_countries) if member.team_countries else []
    team_status = (
        {code: console.teams.hours_for(code).is_open(now) for code in teams}
        if console.teams is not None
        else {}
    )
    return render(
        request,
        "queue.html",
        {"items": items, "filters": filters, "now": now, "team_status": team_status},
    )


@require_staff()
async def case_page(request: Request) -> Response:
    """GET /staff/cases/{id}: transcript and actions; 404 for cases outside the teams."""
    member = current_staff(request)
    case_id = request.path_params["case_id"]
    colleagues = await StaffDirectory(context.database(request)).all_members()
    console = context.console(request)
    async with context.database(request).session() as session:
        try:
            case = await load_case(session, member, case_id, console.canned, colleagues)
        except CaseNotFound:
            return PlainTextResponse("No such case.", status_code=404)
        record(
            session,
            AuditAction.VIEW_CASE,
            staff_id=member.id,
            conversation_id=case.id,
            remote_addr=actor(request).remote_addr,
        )
    return render(
        request,
        "case.html",
        {
            "case": case,
            "can_reassign": can_reassign(member.role),
            "is_owner": case.assigned_staff_id == member.id,
            "now": utcnow(),
        },
    )


@require_staff()
async def case_action(request: Request) -> Response:
    """POST /staff/cases/{id}/{action}: run a case action from a form, then redirect."""
    case_id = request.path_params["case_id"]
    name = request.path_params["action"]
    handler = CASE_ACTIONS.get(name)
    if handler is None:
        return PlainTextResponse("Unknown action.", status_code=404)
    form = await request.form()
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    console = context.console(request)
    case_url = request.url_for("staff:case_page", case_id=case_id).path
    try:
        await handler(console.actions(request), actor(request), case_id, fields)
    except Exception as exc:
        status = error_status(exc)
        if status is None:
            raise
        if status == 404:
            return PlainTextResponse("No such case.", status_code=404)
        # Keep what was typed, so a refused reply is not lost.
        flash(request, "error", str(exc), draft=fields.get("text", ""))
        return RedirectResponse(case_url, status_code=303)
    flash(request, "ok", SUCCESS_MESSAGES[name])
    if name == "transfer-team":
        # The case may now belong to a team this person cannot see.
        return RedirectResponse(request.url_for("staff:queue").path, status_code=303)
    return RedirectResponse(case_url, status_code=303)


@require_staff(can_read_audit)
async def audit_page(request: Request) -> Response:
    """GET /staff/audit: the newest staff actions (supervisors and admins)."""
    before = request.query_params.get("before")
    try:
        before_id = int(before) if before else None
    except ValueError:
        return PlainTextResponse("before must be an entry id", status_code=400)
    async with context.database(request).session() as session:
        entries = await audit.recent(session, limit=200, before_id=before_id)
    return render(request, "audit.html", {"entries": entries})
