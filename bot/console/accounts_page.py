"""`/staff/accounts`: admins list, create, disable and re-enable staff accounts.

The same operations as `python -m bot staff ...`, through the same `StaffDirectory`, so both
paths apply the same rules (password length, known countries, agents need a team) and are
audited with the acting admin's id.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from bot.console import context
from bot.console.guard import current_staff, require_staff
from bot.console.pages import flash, render
from bot.staff.accounts import AccountError, StaffDirectory
from bot.staff.passwords import MIN_PASSWORD_LENGTH, WeakPasswordError
from bot.staff.roles import Role, can_manage_accounts


@require_staff(can_manage_accounts)
async def accounts_page(request: Request) -> Response:
    """GET /staff/accounts: every account and the form to create one."""
    members = await StaffDirectory(context.database(request)).all_members()
    return render(
        request,
        "accounts.html",
        {
            "members": members,
            "roles": [role.value for role in Role],
            "min_length": MIN_PASSWORD_LENGTH,
        },
    )


@require_staff(can_manage_accounts)
async def create_account(request: Request) -> Response:
    """POST /staff/accounts: create an account from the form."""
    form = await request.form()
    teams = [value for value in form.getlist("teams") if isinstance(value, str)]
    try:
        role = Role.parse(str(form.get("role", "")))
        member = await StaffDirectory(context.database(request)).create(
            str(form.get("username", "")),
            str(form.get("password", "")),
            role=role,
            display_name=str(form.get("display_name", "")) or None,
            team_countries=teams,
            actor_id=current_staff(request).id,
        )
    except (AccountError, WeakPasswordError, ValueError) as exc:
        flash(request, "error", str(exc))
    else:
        flash(request, "ok", f"Account {member.username} created.")
    return RedirectResponse(request.url_for("staff:accounts").path, status_code=303)


@require_staff(can_manage_accounts)
async def set_account_active(request: Request) -> Response:
    """POST /staff/accounts/{username}/disable|enable."""
    action = request.path_params["action"]
    if action not in ("disable", "enable"):
        return PlainTextResponse("Unknown action.", status_code=404)
    username = request.path_params["username"]
    if action == "disable" and username == current_staff(request).username:
        flash(request, "error", "You cannot disable your own account.")
    else:
        try:
            await StaffDirectory(context.database(request)).set_active(
                username, action == "enable", actor_id=current_staff(request).id
            )
        except AccountError as exc:
            flash(request, "error", str(exc))
        else:
            flash(request, "ok", f"Account {username} {action}d.")
    return RedirectResponse(request.url_for("staff:accounts").path, status_code=303)
