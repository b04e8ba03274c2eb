"""Who may do what in the console: sign-in, roles, country teams, CSRF, lockout."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from starlette.routing import Mount, Route

from bot.app import create_app
from bot.console.guard import GUARD_MARKER
from bot.console.routes import PUBLIC_ROUTE_NAMES, console_routes
from bot.staff.accounts import LoginOutcome, StaffDirectory
from bot.staff.lockout import LOCKOUT_DURATION, MAX_FAILED_LOGINS
from bot.staff.roles import Role
from tests.console.conftest import PASSWORD, Console, csrf_from, sign_in
from tests.fakes.fake_rasa import FakeRasa

# Every protected route with a sample path. A new route must be added here, or the
# completeness test below fails.
PROTECTED: list[tuple[str, str, str]] = [
    ("POST", "/staff/logout", "logout"),
    ("GET", "/staff/", "queue"),
    ("GET", "/staff/cases/1", "case_page"),
    ("POST", "/staff/cases/1/claim", "case_action"),
    ("GET", "/staff/audit", "audit"),
    ("GET", "/staff/accounts", "accounts"),
    ("POST", "/staff/accounts", "create_account"),
    ("POST", "/staff/accounts/carla/disable", "set_account_active"),
    ("GET", "/staff/events", "events"),
    ("GET", "/staff/api/me", "api_me"),
    ("GET", "/staff/api/queue", "api_queue"),
    ("GET", "/staff/api/cases/1", "api_case"),
    ("POST", "/staff/api/cases/1/claim", "api_case_action"),
]
CASE_ACTIONS = [
    ("claim", {}),
    ("take-over", {}),
    ("release", {}),
    ("reply", {"text": "hola"}),
    ("template", {"template": "staff_followup"}),
    ("note", {"text": "nota"}),
    ("transfer-staff", {"staff_id": "1"}),
    ("transfer-team", {"country": "CO"}),
    ("resolve", {"outcome": "other"}),
]


def test_every_route_except_login_and_static_is_guarded():
    names = set()
    for route in console_routes():
        names.add(route.name)
        if route.name in PUBLIC_ROUTE_NAMES:
            continue
        assert isinstance(route, Route) and not isinstance(route, Mount)
        assert getattr(route.endpoint, GUARD_MARKER, False), f"{route.name} is not guarded"
    assert names - PUBLIC_ROUTE_NAMES == {name for _, _, name in PROTECTED}


@pytest.mark.parametrize(("method", "path", "name"), PROTECTED)
async def test_anonymous_visitors_are_sent_to_login_or_get_401(
    console: Console, method: str, path: str, name: str
):
    async with console.client() as client:
        response = await client.request(method, path)
    if path.startswith(("/staff/api/", "/staff/events")):
        assert response.status_code == 401
        assert response.json() == {"error": "not signed in"}
    else:
        assert response.status_code == 303
        assert response.headers["location"].startswith("/staff/login?next=")


async def test_colombia_agent_gets_404_for_a_peru_case_by_url_and_api(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    peru_case = await console.handed_off_case(fake_rasa, country="PE", address="+51911111111")
    async with console.client() as client:
        token = await sign_in(client, "carla")
        page = await client.get(f"/staff/cases/{peru_case}")
        api = await client.get(f"/staff/api/cases/{peru_case}")
        queue = await client.get("/staff/api/queue")
        actions = [
            await client.post(
                f"/staff/api/cases/{peru_case}/{action}",
                json=fields,
                headers={"X-CSRF-Token": token},
            )
            for action, fields in CASE_ACTIONS
        ]
        form = await client.post(
            f"/staff/cases/{peru_case}/claim", data={"csrf_token": token}
        )
    assert page.status_code == 404
    assert api.status_code == 404
    assert [case["id"] for case in queue.json()["cases"]] == []
    assert [response.status_code for response in actions] == [404] * len(CASE_ACTIONS)
    assert form.status_code == 404
    conv = await console.conversation("sms", "+51911111111")
    assert conv.state == "waiting" and conv.assigned_staff_id is None


async def test_colombia_agent_sees_and_opens_a_colombia_case(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    case_id = await console.handed_off_case(fake_rasa, country="CO", address="+57300111222")
    async with console.client() as client:
        await sign_in(client, "carla")
        queue = await client.get("/staff/api/queue")
        page = await client.get(f"/staff/cases/{case_id}")
    assert [case["id"] for case in queue.json()["cases"]] == [case_id]
    assert page.status_code == 200 and f"Case #{case_id}" in page.text


async def test_forms_without_a_valid_csrf_token_are_refused(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    case_id = await console.handed_off_case(fake_rasa, country="CO", address="+57300111222")
    async with console.client() as client:
        token = await sign_in(client, "carla")
        missing = await client.post(f"/staff/cases/{case_id}/claim", data={})
        wrong = await client.post(
            f"/staff/cases/{case_id}/claim", data={"csrf_token": token[:-2] + "xx"}
        )
        api_missing = await client.post(f"/staff/api/cases/{case_id}/claim", json={})
        logout = await client.post("/staff/logout", data={})
        still_signed_in = await client.get("/staff/api/me")
    assert [missing.status_code, wrong.status_code, api_missing.status_code] == [403, 403, 403]
    assert "CSRF" in missing.text and "CSRF" in api_missing.json()["error"]
    assert logout.status_code == 403 and still_signed_in.status_code == 200
    conv = await console.conversation("sms", "+57300111222")
    assert conv.state == "waiting"


async def test_the_login_form_itself_needs_its_csrf_token(console: Console):
    await console.add_staff("carla")
    async with console.client() as client:
        await client.get("/staff/login")
        response = await client.post(
            "/staff/login", data={"username": "carla", "password": PASSWORD}
        )
        me = await client.get("/staff/api/me")
    assert response.status_code == 403
    assert me.status_code == 401


async def test_a_locked_out_account_cannot_log_in_even_with_the_right_password(
    console: Console,
):
    await console.add_staff("carla")
    async with console.client() as client:
        page = await client.get("/staff/login")
        token = csrf_from(page.text)
        for _ in range(MAX_FAILED_LOGINS):
            wrong = await client.post(
                "/staff/login",
                data={"username": "carla", "password": "wrong password!!", "csrf_token": token},
            )
            assert wrong.status_code == 401
        right = await client.post(
            "/staff/login", data={"username": "carla", "password": PASSWORD, "csrf_token": token}
        )
        me = await client.get("/staff/api/me")
    assert right.status_code == 401
    assert "locked" in right.text
    assert me.status_code == 401


async def test_the_lock_expires_after_fifteen_minutes(console: Console):
    directory = StaffDirectory(console.app.state.db)
    await console.add_staff("carla")
    start = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    for _ in range(MAX_FAILED_LOGINS):
        await directory.authenticate("carla", "wrong password!!", now=start)
    during = await directory.authenticate(
        "carla", PASSWORD, now=start + LOCKOUT_DURATION - timedelta(seconds=1)
    )
    after = await directory.authenticate("carla", PASSWORD, now=start + LOCKOUT_DURATION)
    assert during.outcome is LoginOutcome.LOCKED
    assert after.outcome is LoginOutcome.OK


async def test_a_disabled_account_loses_its_session_and_cannot_log_in(console: Console):
    await console.add_staff("carla")
    async with console.client() as client:
        await sign_in(client, "carla")
        await StaffDirectory(console.app.state.db).set_active("carla", False)
        me = await client.get("/staff/api/me")
        page = await client.get("/staff/login")
        again = await client.post(
            "/staff/login",
            data={"username": "carla", "password": PASSWORD, "csrf_token": csrf_from(page.text)},
        )
    assert me.status_code == 401
    assert again.status_code == 401


async def test_agents_cannot_read_the_audit_log_but_supervisors_can(console: Console):
    await console.add_staff("carla", Role.AGENT, ("CO",))
    await console.add_staff("sofia", Role.SUPERVISOR, ("CO", "PE"))
    async with console.client() as agent, console.client() as supervisor:
        await sign_in(agent, "carla")
        await sign_in(supervisor, "sofia")
        refused = await agent.get("/staff/audit")
        allowed = await supervisor.get("/staff/audit")
    assert refused.status_code == 403
    assert allowed.status_code == 200
    assert "login" in allowed.text and "carla" in allowed.text


async def test_session_cookie_is_httponly_lax_and_scoped_to_staff(console: Console):
    await console.add_staff("carla")
    async with console.client() as client:
        page = await client.get("/staff/login")
        response = await client.post(
            "/staff/login",
            data={"username": "carla", "password": PASSWORD, "csrf_token": csrf_from(page.text)},
        )
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("rumbo_staff=")
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/staff" in cookie
    assert "secure" not in cookie  # staff_cookie_secure is off in the test settings


async def test_login_never_redirects_outside_the_console(console: Console):
    await console.add_staff("carla")
    async with console.client() as client:
        page = await client.get("/staff/login")
        response = await client.post(
            "/staff/login?next=https://evil.example/",
            data={"username": "carla", "password": PASSWORD, "csrf_token": csrf_from(page.text)},
        )
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/"


async def test_only_admins_manage_accounts_and_their_changes_are_audited(console: Console):
    await console.add_staff("sofia", Role.SUPERVISOR, ("CO",))
    await console.add_staff("root", Role.ADMIN, ())
    async with console.client() as supervisor, console.client() as admin:
        await sign_in(supervisor, "sofia")
        refused = await supervisor.get("/staff/accounts")
        await sign_in(admin, "root")
        page = await admin.get("/staff/accounts")
        token = csrf_from(page.text)
        created = await admin.post(
            "/staff/accounts",
            data={
                "username": "lucia",
                "display_name": "Lucía",
                "role": "agent",
                "teams": ["PE", "CL"],
                "password": "another long password",
                "csrf_token": token,
            },
        )
        weak = await admin.post(
            "/staff/accounts",
            data={"username": "x", "role": "agent", "teams": "PE", "password": "short",
                  "csrf_token": token},
        )
        weak_page = await admin.get("/staff/accounts")
        disabled = await admin.post("/staff/accounts/lucia/disable", data={"csrf_token": token})
        audit = await admin.get("/staff/audit")
    members = {m.username: m for m in await StaffDirectory(console.app.state.db).all_members()}
    assert refused.status_code == 403
    assert created.status_code == 303 and disabled.status_code == 303
    assert weak.status_code == 303 and "at least 12 characters" in weak_page.text
    assert members["lucia"].team_countries == frozenset({"PE", "CL"})
    assert members["lucia"].active is False and "x" not in members
    assert "account create" in audit.text and "account disable" in audit.text


async def test_session_cookie_is_secure_when_configured(settings):
    secure = dataclasses.replace(settings, staff_cookie_secure=True)
    app = create_app(secure, start_workers=False)
    async with app.router.lifespan_context(app):
        await StaffDirectory(app.state.db).create(
            "carla", PASSWORD, role=Role.AGENT, team_countries=["CO"]
        )
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://gateway") as client:
            page = await client.get("/staff/login")
            response = await client.post(
                "/staff/login",
                data={
                    "username": "carla",
                    "password": PASSWORD,
                    "csrf_token": csrf_from(page.text),
                },
            )
    assert response.status_code == 303
    assert "; secure" in response.headers["set-cookie"].lower()
