"""The staff console's routes: one `Mount("/staff")`, plugged into `create_app` (bot/app.py).

Route names are `staff:<name>`. Every route except the login form and the static files is
wrapped in `require_staff` (tests/console/test_authorization.py checks this for each route).
Sessions are a signed cookie (`rumbo_staff`) scoped to /staff: HttpOnly, SameSite=Lax,
Secure when `settings.staff_cookie_secure`, and valid for one 12-hour shift.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.console import accounts_page, api, events, login, pages
from bot.console.resources import STATIC_DIR, Console
from bot.settings import Settings

SESSION_COOKIE = "rumbo_staff"
SESSION_MAX_AGE_SECONDS = 12 * 60 * 60
PUBLIC_ROUTE_NAMES = frozenset({"login_form", "login", "static"})


class _ConsoleScope:
    """Puts the `Console` on every request scope of the mount (read by context.console)."""

    def __init__(self, app: ASGIApp, console: Console) -> None:
        self.app = app
        self.console = console

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["rumbo.console"] = self.console
        await self.app(scope, receive, send)


def console_routes() -> list[BaseRoute]:
    """The routes inside the /staff mount (exposed for the authorization tests)."""
    return [
        Route("/login", login.login_form, methods=["GET"], name="login_form"),
        Route("/login", login.login, methods=["POST"], name="login"),
        Route("/logout", login.logout, methods=["POST"], name="logout"),
        Route("/", pages.queue_page, methods=["GET"], name="queue"),
        Route("/cases/{case_id:int}", pages.case_page, methods=["GET"], name="case_page"),
        Route(
            "/cases/{case_id:int}/{action}",
            pages.case_action,
            methods=["POST"],
            name="case_action",
        ),
        Route("/audit", pages.audit_page, methods=["GET"], name="audit"),
        Route("/accounts", accounts_page.accounts_page, methods=["GET"], name="accounts"),
        Route(
            "/accounts", accounts_page.create_account, methods=["POST"], name="create_account"
        ),
        Route(
            "/accounts/{username}/{action}",
            accounts_page.set_account_active,
            methods=["POST"],
            name="set_account_active",
        ),
        Route("/events", events.stream, methods=["GET"], name="events"),
        Route("/api/me", api.me, methods=["GET"], name="api_me"),
        Route("/api/queue", api.queue, methods=["GET"], name="api_queue"),
        Route("/api/cases/{case_id:int}", api.case, methods=["GET"], name="api_case"),
        Route(
            "/api/cases/{case_id:int}/{action}",
            api.case_action,
            methods=["POST"],
            name="api_case_action",
        ),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
    ]


def routes(settings: Settings, *, console: Console | None = None) -> list[BaseRoute]:
    """The console mount for `create_app`; `console` may be passed in by tests."""
    console = console or Console.build(settings)
    return [
        Mount(
            "/staff",
            routes=console_routes(),
            name="staff",
            middleware=[
                Middleware(_ConsoleScope, console=console),
                Middleware(
                    SessionMiddleware,
                    secret_key=settings.secret_key,
                    session_cookie=SESSION_COOKIE,
                    max_age=SESSION_MAX_AGE_SECONDS,
                    path="/staff",
                    same_site="lax",
                    https_only=settings.staff_cookie_secure,
                ),
            ],
        )
    ]
