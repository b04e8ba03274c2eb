"""The gateway application factory.

`create_app(settings)` builds a Starlette app with an explicit route list. Its lifespan opens
the shared resources once and keeps them on `app.state`:

    settings, db, http (httpx.AsyncClient), rasa, store (ContentStore), safety, registry,
    service (ConversationService), inbox_worker, outbox_worker, chat_page_html

Channel packages plug in at ONE place, `CHANNELS` below: each listed module
(`bot/channels/<name>/routes.py`) exposes

    routes(settings) -> list[BaseRoute]          # its webhooks; handlers use request.app.state
    senders(settings) -> list[ChannelSender]     # its outbound senders, by channel name

A sender with an `async aclose()` is closed on shutdown. The staff console's routes come
from `bot.console.routes.routes(settings)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Mapping
from types import ModuleType

import httpx
from starlette.applications import Starlette
from starlette.routing import BaseRoute

from bot import health
from bot.channels.base import ChannelRegistry, ChannelSender
from bot.channels.telegram import routes as telegram_routes
from bot.channels.twilio import routes as twilio_routes
from bot.channels.web import routes as web_routes
from bot.channels.web.sender import WebSender
from bot.console import routes as console_routes
from bot.conversations.inbox_worker import InboxWorker
from bot.conversations.outbox_worker import OutboxWorker
from bot.conversations.service import ConversationService
from bot.handoff.office_hours import TeamsConfig
from bot.rasa_client import RasaClient
from bot.safety import SafetyNet
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.migrate import upgrade
from rumbo_content import ContentStore

logger = logging.getLogger(__name__)

# The single registration point for provider channels: each module's `routes(settings)` is
# mounted and its `senders(settings)` registered. Add a channel here and nowhere else.
CHANNELS: tuple[ModuleType, ...] = (twilio_routes, telegram_routes)


def _channel_routes(settings: Settings) -> list[BaseRoute]:
    return [route for channel in CHANNELS for route in channel.routes(settings)]


def _channel_senders(settings: Settings) -> list[ChannelSender]:
    return [WebSender(), *(sender for channel in CHANNELS for sender in channel.senders(settings))]


def create_app(
    settings: Settings | None = None,
    *,
    registry_overrides: Mapping[str, ChannelSender] | None = None,
    start_workers: bool = True,
) -> Starlette:
    """Build the gateway for `settings` (default: `Settings.from_env()`).

    `registry_overrides` replaces senders by channel name (tests pass fakes).
    `start_workers=False` leaves the inbox/outbox workers stopped, so a test can drive
    retries explicitly with `app.state.inbox_worker.run_once()`.
    """
    settings = settings or Settings.from_env()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Migrations are synchronous Alembic; run them off the event loop.
        await asyncio.to_thread(upgrade, settings.database_url)
        db = Database(settings.database_url)
        http = httpx.AsyncClient()
        store = ContentStore.load(settings.content_dir)
        registry = ChannelRegistry(_channel_senders(settings))
        for sender in (registry_overrides or {}).values():
            registry.register(sender)
        rasa = RasaClient(settings.rasa_url, http)
        safety = SafetyNet.from_store(store)
        service = ConversationService(
            db,
            rasa,
            registry,
            store,
            safety,
            retry_seconds=settings.inbox_retry_seconds,
            office_hours=TeamsConfig.load_optional(settings.content_dir / "teams.yml"),
        )
        inbox_worker = InboxWorker(service)
        outbox_worker = OutboxWorker(service.outbox)
        state = app.state
        state.settings, state.db, state.http, state.store = settings, db, http, store
        state.rasa, state.safety, state.registry, state.service = rasa, safety, registry, service
        state.inbox_worker, state.outbox_worker = inbox_worker, outbox_worker
        state.chat_page_html = web_routes.load_page()
        if start_workers:
            inbox_worker.start()
            outbox_worker.start()
        try:
            yield
        finally:
            await inbox_worker.stop()
            await outbox_worker.stop()
            for name in registry.names():
                aclose = getattr(registry.get(name), "aclose", None)
                if aclose is None:
                    continue
                try:
                    await aclose()
                except Exception:  # one sender failing to close must not leak the rest
                    logger.exception("closing the %s sender failed", name)
            await http.aclose()
            await db.dispose()

    routes: list[BaseRoute] = [
        *web_routes.routes(settings),
        *health.routes(),
        *_channel_routes(settings),
        *console_routes.routes(settings),
    ]
    return Starlette(routes=routes, lifespan=lifespan)
