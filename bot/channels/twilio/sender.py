"""Sending SMS and WhatsApp replies through Twilio's REST API, without blocking the loop.

`TwilioSender` renders a `Reply` for its channel ("sms" or "whatsapp") and calls
`client.messages.create_async` once per body, on the twilio SDK's aiohttp-based
`AsyncTwilioHttpClient`. Each call is retried with backoff on 429 / 5xx / network errors.

Failure contract (`DeliveryError`): `retryable=True` only when no body of this reply has
gone out yet, so the outbox's later retry cannot duplicate a part the person already got;
a permanent Twilio error (invalid number, 63016 outside WhatsApp's 24-hour window) is
`retryable=False` with Twilio's error code.

Without credentials the channel uses `bot.channels.dry_run.DryRunSender` instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from urllib.parse import urlparse

import aiohttp
from tenacity.wait import wait_base
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from bot.channels.base import ChannelSender, DeliveryError, SendResult
from bot.channels.dry_run import DryRunSender
from bot.channels.retry import DEFAULT_WAIT, provider_retrying
from bot.channels.twilio.parse import WHATSAPP_PREFIX
from bot.render.common import UiText
from bot.render.sms import render_sms
from bot.render.whatsapp import render_whatsapp
from bot.replies import Reply
from bot.settings import Settings
from bot.storage.models import Conversation

logger = logging.getLogger(__name__)

Render = Callable[[Reply], list[str]]
STATUS_CALLBACK_PATH = "/webhooks/twilio/status"
# Twilio refuses status callback URLs it cannot reach (no public hostname).
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1"}


def is_transient(exc: BaseException) -> bool:
    """429, 5xx and connection/timeouts are worth retrying; other API errors are not."""
    if isinstance(exc, TwilioRestException):
        return exc.status == 429 or exc.status >= 500
    return isinstance(exc, (aiohttp.ClientConnectionError, asyncio.TimeoutError))


def make_client(account_sid: str, auth_token: str, api_base: str | None) -> Client:
    """A Twilio client on the async HTTP client; `api_base` replaces https://api.twilio.com."""
    client = Client(account_sid, auth_token, http_client=AsyncTwilioHttpClient())
    if api_base:
        client.api.base_url = api_base.rstrip("/")
    return client


def status_callback_url(public_base_url: str) -> str | None:
    """Where Twilio reports delivery; None when the gateway has no public address yet."""
    host = urlparse(public_base_url).hostname or ""
    if host in _LOCAL_HOSTS:
        return None
    return public_base_url.rstrip("/") + STATUS_CALLBACK_PATH


def channel_address(channel: str, address: str) -> str:
    """Twilio's address form: WhatsApp numbers carry the "whatsapp:" prefix, SMS do not."""
    bare = address.removeprefix(WHATSAPP_PREFIX)
    return f"{WHATSAPP_PREFIX}{bare}" if channel == "whatsapp" else bare


class TwilioSender:
    """Delivers replies on one Twilio channel (`name` is "sms" or "whatsapp")."""

    def __init__(
        self,
        name: str,
        client: Client,
        from_address: str,
        render: Render,
        status_callback: str | None = None,
        wait: wait_base = DEFAULT_WAIT,
    ) -> None:
        self.name = name
        self._client = client
        self._from = channel_address(name, from_address)
        self._render = render
        self._status_callback = status_callback
        self._wait = wait

    async def _create(self, to: str, body: str | None, content_sid: str | None = None) -> str:
        kwargs: dict[str, str] = {"to": to, "from_": self._from}
        if content_sid:
            # An approved WhatsApp template: Twilio sends Meta's approved text, not ours.
            kwargs["content_sid"] = content_sid
        else:
            kwargs["body"] = body or ""
        if self._status_callback:
            kwargs["status_callback"] = self._status_callback
        async for attempt in provider_retrying(is_transient, self._wait):
            with attempt:
                message = await self._client.messages.create_async(**kwargs)
        return message.sid

    async def send(self, conversation: Conversation, reply: Reply) -> SendResult:
        """Send every rendered body in order; returns the last body's MessageSid."""
        to = channel_address(self.name, conversation.address)
        content_sid = reply.meta.get("content_sid")
        if content_sid:
            try:
                return SendResult(provider_message_id=await self._create(to, None, content_sid))
            except Exception as exc:
                raise _delivery_error(exc, parts_sent=0) from exc
        sent: list[str] = []
        for body in self._render(reply):
            try:
                sent.append(await self._create(to, body))
            except Exception as exc:
                raise _delivery_error(exc, parts_sent=len(sent)) from exc
        return SendResult(provider_message_id=sent[-1] if sent else None)

    async def aclose(self) -> None:
        """Close the aiohttp session (create_app's lifespan calls it on shutdown)."""
        await self._client.http_client.close()


def _delivery_error(exc: Exception, parts_sent: int) -> DeliveryError:
    code = str(exc.code) if isinstance(exc, TwilioRestException) and exc.code else None
    retryable = is_transient(exc) and parts_sent == 0
    note = f" after {parts_sent} part(s) were sent" if parts_sent else ""
    return DeliveryError(f"Twilio send failed{note}: {exc}", retryable=retryable, code=code)



def build_senders(settings: Settings, ui: UiText | None) -> list[ChannelSender]:
    """One sender per Twilio channel. A channel is live when the account SID, the auth token
    and its own "from" number are all set; otherwise it is a dry-run sender."""
    renderers: dict[str, Render] = {
        "sms": lambda reply: render_sms(reply, ui, settings.sms_segment_budget),
        "whatsapp": lambda reply: render_whatsapp(reply, ui),
    }
    from_numbers = {"sms": settings.twilio_sms_from, "whatsapp": settings.twilio_whatsapp_from}
    callback = status_callback_url(settings.public_base_url)
    built: list[ChannelSender] = []
    for name, render in renderers.items():
        from_number = from_numbers[name]
        if settings.twilio_account_sid and settings.twilio_auth_token and from_number:
            client = make_client(
                settings.twilio_account_sid, settings.twilio_auth_token, settings.twilio_api_base
            )
            built.append(TwilioSender(name, client, from_number, render, callback))
        else:
            logger.info("Twilio %s has no credentials: dry-run (replies are only logged)", name)
            built.append(DryRunSender(name, render))
    return built
