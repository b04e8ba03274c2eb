"""Fixtures for the channel tests: the full gateway (create_app) with fake Rasa, Twilio and
Telegram servers on 127.0.0.1, driven by the real `twilio` and `python-telegram-bot` SDKs.

Workers are not started; a webhook's answer runs as a background task that httpx's ASGI
transport awaits before returning the response, so tests need no sleeps.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import ExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from twilio.request_validator import RequestValidator

from bot.app import create_app
from bot.settings import Settings
from bot.storage.models import Conversation, DeliveryEvent, Message
from tests.fakes.fake_rasa import FakeRasa
from tests.fakes.fake_telegram import FakeTelegram
from tests.fakes.fake_twilio import FakeTwilio
from tests.fakes.live_server import serve
from tests.gateway.conftest import FIXTURE_CONTENT

PUBLIC_BASE_URL = "https://rumbo.example.org"
TWILIO_ACCOUNT_SID = "AC" + "0" * 32
TWILIO_AUTH_TOKEN = "test-auth-token"
# Twilio's documented test "from" number and WhatsApp sandbox number.
TWILIO_SMS_FROM = "+15005550006"
TWILIO_WHATSAPP_FROM = "whatsapp:+14155238886"
TELEGRAM_TOKEN = "123456:TEST-token"
TELEGRAM_SECRET = "s3cret_Token-for-tests"


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def fake_twilio() -> FakeTwilio:
    return FakeTwilio()


@pytest.fixture
def fake_telegram() -> FakeTelegram:
    return FakeTelegram()


@pytest.fixture
def api_urls(
    fake_rasa: FakeRasa, fake_twilio: FakeTwilio, fake_telegram: FakeTelegram
) -> Iterator[dict[str, str]]:
    """Base URLs of the three fakes, each served on its own 127.0.0.1 port."""
    with ExitStack() as stack:
        yield {
            "rasa": stack.enter_context(serve(fake_rasa.app())),
            "twilio": stack.enter_context(serve(fake_twilio.app)),
            "telegram": stack.enter_context(serve(fake_telegram.app)),
        }


@pytest.fixture
def settings(tmp_path: Path, api_urls: dict[str, str]) -> Settings:
    return Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'channels.db'}",
        rasa_url=api_urls["rasa"],
        action_server_url=api_urls["rasa"],
        content_dir=FIXTURE_CONTENT,
        secret_key="test-secret",
        public_base_url=PUBLIC_BASE_URL,
        twilio_account_sid=TWILIO_ACCOUNT_SID,
        twilio_auth_token=TWILIO_AUTH_TOKEN,
        twilio_sms_from=TWILIO_SMS_FROM,
        twilio_whatsapp_from=TWILIO_WHATSAPP_FROM,
        twilio_api_base=api_urls["twilio"],
        telegram_bot_token=TELEGRAM_TOKEN,
        telegram_webhook_secret=TELEGRAM_SECRET,
        telegram_api_base=api_urls["telegram"],
    )


@dataclass
class Gateway:
    """The running app and an in-process client, plus database helpers for assertions."""

    app: Starlette
    client: httpx.AsyncClient

    async def messages(self, direction: str | None = None) -> list[Message]:
        query = select(Message).order_by(Message.id)
        if direction:
            query = query.where(Message.direction == direction)
        async with self.app.state.db.session() as session:
            return list(await session.scalars(query))

    async def conversations(self) -> list[Conversation]:
        async with self.app.state.db.session() as session:
            return list(await session.scalars(select(Conversation).order_by(Conversation.id)))

    async def delivery_events(self) -> list[DeliveryEvent]:
        async with self.app.state.db.session() as session:
            return list(await session.scalars(select(DeliveryEvent).order_by(DeliveryEvent.id)))


async def _running(app: Starlette) -> AsyncIterator[Gateway]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield Gateway(app=app, client=client)


@pytest.fixture
async def gateway(settings: Settings) -> AsyncIterator[Gateway]:
    async for running in _running(create_app(settings, start_workers=False)):
        yield running


@pytest.fixture
def gateway_factory():
    """Start a gateway with other settings: `async with gateway_factory(settings) as gw`."""

    @asynccontextmanager
    async def start(settings: Settings, **kwargs: Any):
        async for running in _running(create_app(settings, start_workers=False, **kwargs)):
            yield running

    return start


def twilio_signature(url: str, params: Mapping[str, str], token: str = TWILIO_AUTH_TOKEN) -> str:
    """What Twilio puts in X-Twilio-Signature (computed by the SDK itself)."""
    return RequestValidator(token).compute_signature(url, dict(params))


async def post_twilio(
    gateway: Gateway,
    params: Mapping[str, str],
    path: str = "/webhooks/twilio",
    signature: str | None = "valid",
) -> httpx.Response:
    """POST a Twilio form; `signature="valid"` signs it for the public URL, None omits it."""
    headers = {}
    if signature == "valid":
        headers["X-Twilio-Signature"] = twilio_signature(PUBLIC_BASE_URL + path, params)
    elif signature is not None:
        headers["X-Twilio-Signature"] = signature
    return await gateway.client.post(path, data=dict(params), headers=headers)


def whatsapp_form(sid: str, body: str = "hola", **extra: str) -> dict[str, str]:
    """A real-shaped Twilio WhatsApp inbound webhook body."""
    form = {
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ProfileName": "Ana",
        "MessageType": "text",
        "SmsSid": sid,
        "WaId": "584121234567",
        "SmsStatus": "received",
        "Body": body,
        "To": TWILIO_WHATSAPP_FROM,
        "NumSegments": "1",
        "ReferralNumMedia": "0",
        "MessageSid": sid,
        "AccountSid": TWILIO_ACCOUNT_SID,
        "From": "whatsapp:+584121234567",
        "ApiVersion": "2010-04-01",
    }
    form.update(extra)
    return form


def sms_form(sid: str, body: str, sender: str = "+51987654321") -> dict[str, str]:
    """A real-shaped Twilio SMS inbound webhook body."""
    return {
        "ToCountry": "US",
        "ToState": "CA",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ToCity": "",
        "FromZip": "",
        "SmsSid": sid,
        "FromState": "",
        "SmsStatus": "received",
        "FromCity": "",
        "Body": body,
        "FromCountry": "PE",
        "To": TWILIO_SMS_FROM,
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": TWILIO_ACCOUNT_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
    }
