"""The console's JSON API under `/staff/api/` (used by the live queue and by scripts).

Every route is behind `require_staff(api=True)`: 401 without a session, 403 without the
role, 403 for a POST without the `X-CSRF-Token` header. Errors are `{"error": "..."}`.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.audit import AuditAction, record
from bot.console import context, csrf
from bot.console.case_actions import CaseNotFound
from bot.console.case_view import load_case
from bot.console.dispatch import CASE_ACTIONS, error_status
from bot.console.guard import current_staff, require_staff
from bot.console.queue import InvalidFilter, QueueFilters, list_queue
from bot.console.resources import actor
from bot.staff.accounts import StaffDirectory


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


@require_staff(api=True)
async def me(request: Request) -> Response:
    """GET /staff/api/me: who is signed in, and the CSRF token for API calls."""
    member = current_staff(request)
    return JSONResponse(
        {
            "id": member.id,
            "username": member.username,
            "display_name": member.display_name,
            "role": member.role.value,
            "teams": sorted(member.team_countries),
            "csrf_token": csrf.session_token(request),
        }
    )


@require_staff(api=True)
async def queue(request: Request) -> Response:
    """GET /staff/api/queue?country=&topic=&channel=&state=&mine=1: the visible queue."""
    try:
        filters = QueueFilters.parse(request.query_params)
    except InvalidFilter as exc:
        return _error(str(exc), 400)
    async with context.database(request).session() as session:
        items = await list_queue(session, current_staff(request), filters)
    return JSONResponse({"cases": [item.to_api() for item in items]})


@require_staff(api=True)
async def case(request: Request) -> Response:
    """GET /staff/api/cases/{id}: the case with its transcript (404 outside the teams)."""
    member = current_staff(request)
    colleagues = await StaffDirectory(context.database(request)).all_members()
    console = context.console(request)
    async with context.database(request).session() as session:
        try:
            detail = await load_case(
                session, member, request.path_params["case_id"], console.canned, colleagues
            )
        except CaseNotFound:
            return _error("no such case", 404)
        record(
            session,
            AuditAction.VIEW_CASE,
            staff_id=member.id,
            conversation_id=detail.id,
            detail={"via": "api"},
            remote_addr=actor(request).remote_addr,
        )
    return JSONResponse(detail.to_api())


@require_staff(api=True)
async def case_action(request: Request) -> Response:
    """POST /staff/api/cases/{id}/{action}: JSON (or form) fields; answers the new case."""
    handler = CASE_ACTIONS.get(request.path_params["action"])
    if handler is None:
        return _error("unknown action", 404)
    fields = await _fields(request)
    if fields is None:
        return _error("the body must be a JSON object of strings", 400)
    case_id = request.path_params["case_id"]
    try:
        await handler(context.console(request).actions(request), actor(request), case_id, fields)
    except Exception as exc:
        status = error_status(exc)
        if status is None:
            raise
        return _error("no such case" if status == 404 else str(exc), status)
    return JSONResponse({"ok": True, "case_id": case_id})


async def _fields(request: Request) -> dict[str, str] | None:
    """The action's fields from a JSON object or a form; None when the body is malformed."""
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await request.body()
        if not body:
            return {}
        try:
            data: Any = json.loads(body)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        return {str(key): str(value) for key, value in data.items() if value is not None}
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}
