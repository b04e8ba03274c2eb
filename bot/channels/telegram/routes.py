"""`POST /webhooks/telegram`, and the "telegram" sender: the plug-in contract of create_app.

The webhook is always mounted. It delegates to the `TelegramChannel` registered as the
"telegram" sender (found in `request.app.state.registry`), so the route and the sender share
one python-telegram-bot `Application`. Without a token and a webhook secret the channel is a
dry-run sender and the webhook refuses every request with 403 (nothing could be verified).
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.channels.base import ChannelSender
from bot.channels.dry_run import DryRunSender
from bot.channels.telegram.channel import WEBHOOK_PATH, TelegramChannel, build_application
from bot.render.telegram import render_telegram
from bot.settings import Settings

logger = logging.getLogger(__name__)


async def telegram_webhook(request: Request) -> Response:
    """Hand the update to the live channel, or refuse when Telegram is not configured."""
    registry = request.app.state.registry
    channel = registry.get("telegram") if "telegram" in registry else None
    if not isinstance(channel, TelegramChannel):
        return PlainTextResponse("Telegram is not configured", status_code=403)
    return await channel.webhook(request)


def routes(settings: Settings) -> list[BaseRoute]:
    """The Telegram webhook route."""
    return [Route(WEBHOOK_PATH, telegram_webhook, methods=["POST"])]


def senders(settings: Settings) -> list[ChannelSender]:
    """A live `TelegramChannel` when the token and the webhook secret are set, else dry-run."""
    if settings.telegram_bot_token and settings.telegram_webhook_secret:
        return [TelegramChannel(build_application(settings), settings.telegram_webhook_secret)]
    if settings.telegram_bot_token:
        logger.warning(
            "TELEGRAM_BOT_TOKEN is set but TELEGRAM_WEBHOOK_SECRET is not: Telegram stays in "
            "dry-run, because webhooks could not be verified"
        )
    return [DryRunSender("telegram", lambda reply: [m.text for m in render_telegram(reply)])]
