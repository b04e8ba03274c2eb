"""Where the console finds the gateway's shared resources (opened in `create_app`'s lifespan).

The console is mounted as routes of the main app, so `request.app` is the gateway app and
`request.app.state` holds the database, the content store and the conversation service.
Reading them here, in one place, keeps the console's view of that contract in one file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import HTTPConnection

from bot.storage.db import Database

if TYPE_CHECKING:
    from bot.console.resources import Console
    from bot.conversations.service import ConversationService
    from rumbo_content import ContentStore


def database(request: HTTPConnection) -> Database:
    """The gateway's `Database`."""
    return request.app.state.db


def content_store(request: HTTPConnection) -> ContentStore:
    """The loaded `content/` (texts the person is sent on resolve, hotlines)."""
    return request.app.state.store


def conversation_service(request: HTTPConnection) -> ConversationService:
    """The core service that delivers staff replies through the person's channel."""
    return request.app.state.service


def console(request: HTTPConnection) -> Console:
    """The console's own state (templates, teams, canned replies, the live case feed).

    Set by the console's mount on every request scope (see `bot/console/routes.py`).
    """
    return request.scope["rumbo.console"]
