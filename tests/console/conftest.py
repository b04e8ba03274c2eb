"""Fixtures for the staff console: a gateway with fake channels, staff accounts, sign-in.

The database, fake Rasa and settings fixtures come from tests/gateway/conftest.py (a fresh
SQLite file per test, and PostgreSQL when RUMBO_TEST_POSTGRES_URL is set).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from bot.app import create_app
from bot.channels.base import InboundMessage
from bot.conversations.service import ConversationService
from bot.settings import Settings
from bot.staff.accounts import StaffDirectory, StaffMember
from bot.staff.roles import Role
from bot.storage.models import Conversation
from tests.fakes.fake_rasa import FakeRasa, custom
from tests.gateway import conftest as gateway_fixtures
from tests.gateway.conftest import RecordingSender

# The gateway's fixtures, re-used as they are (pytest finds fixtures by module attribute).
database_url = gateway_fixtures.database_url
fake_rasa = gateway_fixtures.fake_rasa
rasa_url = gateway_fixtures.rasa_url
settings = gateway_fixtures.settings

PASSWORD = "correct horse battery staple"
ASK_HUMAN = "quiero hablar con una persona"
_EXTERNAL_IDS = itertools.count(1)
_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Console:
    """The running gateway, its fake channels and helpers to act as people and staff."""

    app: Starlette
    transport: httpx.ASGITransport
    sent: dict[str, RecordingSender]

    @property
    def service(self) -> ConversationService:
        return self.app.state.service

    def client(self) -> httpx.AsyncClient:
        """A new browser-like client (own cookie jar) talking to the app in-process."""
        return httpx.AsyncClient(transport=self.transport, base_url="http://gateway")

    async def add_staff(
        self, username: str, role: Role = Role.AGENT, teams: tuple[str, ...] = ("CO",)
    ) -> StaffMember:
        return await StaffDirectory(self.app.state.db).create(
            username, PASSWORD, role=role, team_countries=teams, display_name=username.title()
        )

    async def say(self, channel: str, address: str, text: str) -> list[Any]:
        """The person writes `text`; returns the replies produced (already delivered)."""
        inbound = InboundMessage(
            channel=channel, address=address, external_id=f"ext-{next(_EXTERNAL_IDS)}", text=text
        )
        received = await self.service.receive(inbound)
        return await self.service.process(received.message_id)

    async def conversation(self, channel: str, address: str) -> Conversation:
        async with self.app.state.db.session() as session:
            return await session.scalar(
                select(Conversation).where(Conversation.key == f"{channel}:{address}")
            )

    async def handed_off_case(
        self, fake_rasa: FakeRasa, *, country: str, address: str, channel: str = "sms"
    ) -> int:
        """A conversation in `country` whose person asked for a human; returns its id."""
        fake_rasa.script[ASK_HUMAN] = [
            custom(
                "Claro, te comunico con una persona del equipo.",
                country=country,
                topic="regularization",
                handoff=True,
                kind="handoff",
            )
        ]
        await self.say(channel, address, ASK_HUMAN)
        return (await self.conversation(channel, address)).id


@pytest.fixture
async def console(settings: Settings) -> AsyncIterator[Console]:
    """A gateway (lifespan entered, workers stopped) with recording senders on every channel."""
    senders = {name: RecordingSender(name) for name in ("sms", "whatsapp", "telegram", "web")}
    app = create_app(settings, registry_overrides=senders, start_workers=False)
    async with app.router.lifespan_context(app):
        yield Console(app=app, transport=httpx.ASGITransport(app=app), sent=senders)


async def sign_in(client: httpx.AsyncClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the form like a browser; returns the session's CSRF token."""
    response = await client.get("/staff/login")
    token = _CSRF_FIELD.search(response.text).group(1)
    response = await client.post(
        "/staff/login",
        data={"username": username, "password": password, "csrf_token": token},
    )
    assert response.status_code == 303, response.text
    me = await client.get("/staff/api/me")
    return me.json()["csrf_token"]


def csrf_from(html: str) -> str:
    """The CSRF token embedded in a console page's forms."""
    return _CSRF_FIELD.search(html).group(1)
