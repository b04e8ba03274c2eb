"""The Telegram channel: a python-telegram-bot `Application` in webhook mode + its route.

`Application.builder().token(...).updater(None)` leaves HTTP to the gateway: Telegram POSTs
updates to `/webhooks/telegram`, the route checks the secret token and feeds each update to
`Application.process_update`. The application is initialised (getMe) and started once,
on first use, and shut down with the gateway (`aclose`, from create_app's lifespan).

Route contract (`POST /webhooks/telegram`):
- Telegram not configured (no token or no webhook secret), or the
  `X-Telegram-Bot-Api-Secret-Token` header missing or wrong: 403, nothing processed.
- Body not a JSON object or not an Update: 400.
- An update_id already stored: 200, not answered again.
- A handler fails, the bot cannot start (getMe fails) or the update cannot be stored: 503,
  so Telegram retries the update later.
- Otherwise the message is stored, 200 is returned, and it is answered in the background.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application
from tenacity.wait import wait_base

from bot.channels.base import SendResult
from bot.channels.ingest import answer_later
from bot.channels.telegram.handlers import UpdateCollector
from bot.channels.telegram.sender import TelegramSender
from bot.replies import Reply
from bot.settings import Settings
from bot.storage.models import Conversation

logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Only what the handlers use; Telegram then does not send edits, polls, member updates...
ALLOWED_UPDATES = ["message", "callback_query"]


def build_application(settings: Settings) -> Application:
    """The bot application for `settings.telegram_bot_token` (which must be set).

    `settings.telegram_api_base` (tests, a local Bot API server) replaces
    https://api.telegram.org; python-telegram-bot appends "/bot<token>/<method>".
    """
    if not settings.telegram_bot_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        Application.builder()
        .token(settings.telegram_bot_token)
        .updater(None)
        # Telegram's overall limit is about 30 messages/s; the limiter queues beyond it.
        .rate_limiter(AIORateLimiter())
    )
    if settings.telegram_api_base:
        base = settings.telegram_api_base.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    return builder.build()


class TelegramChannel:
    """The "telegram" channel: a `ChannelSender` that also owns the webhook handling.

    It holds the `Application` (so the route and the sender share one bot and one HTTP
    pool). The application starts on first use, or earlier if `astart()` is called, and
    `aclose()` (called by create_app's lifespan on shutdown) stops it.
    """

    name = "telegram"

    def __init__(
        self, application: Application, secret: str | None, wait: wait_base | None = None
    ) -> None:
        self.application = application
        self._secret = secret
        self._collector = UpdateCollector()
        self._collector.install(application)
        self._sender = TelegramSender(application.bot, wait)
        self._start_lock = asyncio.Lock()

    async def astart(self) -> None:
        """Initialise (getMe) and start the application once."""
        async with self._start_lock:
            if not self.application.running:
                await self.application.initialize()
                await self.application.start()

    async def aclose(self) -> None:
        """Stop and shut down the application if it was started."""
        if self.application.running:
            await self.application.stop()
            await self.application.shutdown()

    async def send(self, conversation: Conversation, reply: Reply) -> SendResult:
        """Deliver `reply` to the conversation's chat (see `TelegramSender`)."""
        await self.astart()
        return await self._sender.send(conversation, reply)

    def _secret_ok(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER)
        if not self._secret or given is None:
            return False
        return hmac.compare_digest(given.encode(), self._secret.encode())

    async def webhook(self, request: Request) -> Response:
        """`POST /webhooks/telegram`; see the module contract."""
        if not self._secret_ok(request):
            logger.warning("rejected a Telegram webhook with a missing or wrong secret token")
            return PlainTextResponse("invalid secret token", status_code=403)
        try:
            data = json.loads(await request.body())
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("not an Update object")
            update = Update.de_json(data, self.application.bot)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            return PlainTextResponse(f"malformed Telegram update: {exc}", status_code=400)
        try:
            await self.astart()
        except TelegramError as exc:
            # getMe failed (Telegram unreachable, token revoked): let Telegram retry later.
            logger.error("Telegram application could not start: %s", exc)
            return PlainTextResponse("Telegram bot unavailable", status_code=503)
        await self.application.process_update(update)
        outcome = self._collector.take(update.update_id)
        if outcome.error is not None:
            return PlainTextResponse("could not process the update", status_code=503)
        if outcome.inbound is None:
            return Response(status_code=200)  # an update type we do not handle
        service = request.app.state.service
        try:
            result = await service.receive(outcome.inbound)
        except Exception:
            # Not stored: ask Telegram to retry rather than acknowledge and lose it.
            logger.exception("could not store Telegram update %s", update.update_id)
            return PlainTextResponse("could not store the update", status_code=503)
        if result.duplicate:
            return Response(status_code=200)
        task = BackgroundTask(answer_later, service, result.message_id)
        return Response(status_code=200, background=task)
