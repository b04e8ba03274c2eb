"""The web chat: the page at `/`, `POST /api/chat` and the polling endpoint.

`POST /api/chat` answers synchronously (it stores the message, then processes it at once);
the page renders only what `GET /api/chat/{user}/messages?after=<id>` returns, so bot replies,
staff replies and queued answers after an outage all arrive the same way.

Channel preview: while SMS, WhatsApp or Telegram run in dry-run mode (no credentials), both
endpoints accept `channel` ("sms", "whatsapp", "telegram"). The message then goes through
that channel's conversation (address `dev-<user>`, numbered menus and all), and the messages
endpoint adds `rendered`: the bodies the phone would receive. A live channel is refused, so
nobody can send real messages from the web page.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.channels.base import InboundMessage, UnknownChannel
from bot.channels.dry_run import DryRunSender
from bot.conversations.outbox import stored_reply
from bot.conversations.service import ConversationService
from bot.rasa_client import RasaUnavailable
from bot.settings import Settings
from bot.storage.models import Conversation, Message

CHANNEL = "web"
PREVIEW_CHANNELS = ("sms", "whatsapp", "telegram")
MAX_TEXT_CHARS = 2000
MAX_BODY_BYTES = 16_384
PAGE_SIZE = 100
# The page makes a random id; anything else (spaces, slashes, huge strings) is refused.
_USER_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_PAGE = Path(__file__).with_name("chat.html")


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


async def chat_page(request: Request) -> Response:
    """The chat page: one small HTML file with inline CSS and JS, no external requests."""
    return HTMLResponse(request.app.state.chat_page_html)


async def post_chat(request: Request) -> Response:
    """`{"user", "text", "payload"?}` -> `{"replies": [...]}`.

    `payload` is set when a button was tapped (`text` is then its title, shown in the log).
    400 on bad input; 503 `{"error", "queued": true}` when Rasa is down: the message is kept,
    answered later, and the answer then appears in the messages endpoint.
    """
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        return _error(413, "request body too large")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _error(400, 'body must be JSON: {"user": "...", "text": "..."}')
    if not isinstance(data, dict):
        return _error(400, 'body must be a JSON object with "user" and "text"')
    user, text = data.get("user"), data.get("text")
    if not isinstance(user, str) or not _USER_ID.match(user):
        return _error(400, "\"user\" must be 1-64 letters, digits, '-' or '_'")
    if not isinstance(text, str) or not text.strip():
        return _error(400, '"text" must be a non-empty string')
    if len(text) > MAX_TEXT_CHARS:
        return _error(400, f'"text" is longer than {MAX_TEXT_CHARS} characters')
    channel, preview = _channel_and_preview(request, data.get("channel"))
    if isinstance(preview, Response):
        return preview
    payload = data.get("payload")
    if payload is not None and (
        not isinstance(payload, str) or not payload.startswith("/") or len(payload) > 500
    ):
        return _error(400, '"payload" must be a button payload starting with "/"')

    service: ConversationService = request.app.state.service
    inbound = InboundMessage(
        channel=channel, address=_address(channel, user), external_id=None, text=text.strip(),
        payload=payload,
    )
    received = await service.receive(inbound, answer_inline=True)
    try:
        replies = await service.process(received.message_id)
    except RasaUnavailable:
        async with service.db.session() as session:
            conv = await session.get(Conversation, received.conversation_id)
            notice = service.unavailable_notice(conv)
        return _error(503, notice.text, queued=True, message_id=received.message_id)
    return JSONResponse({"replies": [reply.to_api() for reply in replies]})


async def list_messages(request: Request) -> Response:
    """Messages of the web user after id `after` (default 0), oldest first, at most 100."""
    user = request.path_params["user"]
    if not _USER_ID.match(user):
        return _error(400, "invalid user id")
    channel, preview = _channel_and_preview(request, request.query_params.get("channel"))
    if isinstance(preview, Response):
        return preview
    raw_after = request.query_params.get("after", "0")
    try:
        after = int(raw_after)
    except ValueError:
        return _error(400, '"after" must be a message id (an integer)')
    service: ConversationService = request.app.state.service
    async with service.db.session() as session:
        rows = await session.scalars(
            select(Message)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Conversation.key == f"{channel}:{_address(channel, user)}", Message.id > after)
            .order_by(Message.id)
            .limit(PAGE_SIZE)
        )
        messages = [_message_json(message, preview) for message in rows]
    return JSONResponse({"messages": messages})


def _address(channel: str, user: str) -> str:
    """Preview conversations get their own address so they never mix with real numbers."""
    return user if channel == CHANNEL else f"dev-{user}"


def _channel_and_preview(
    request: Request, raw: Any
) -> tuple[str, DryRunSender | Response | None]:
    """(channel, its dry-run sender) for a preview; (web, None) by default; or a 400."""
    if raw in (None, "", CHANNEL):
        return CHANNEL, None
    if raw not in PREVIEW_CHANNELS:
        return CHANNEL, _error(400, f'"channel" must be one of web, {", ".join(PREVIEW_CHANNELS)}')
    try:
        sender = request.app.state.registry.get(raw)
    except UnknownChannel:
        sender = None
    if not isinstance(sender, DryRunSender):
        return CHANNEL, _error(400, f"{raw} is live (credentials set): try it from a real phone")
    return raw, sender


def _message_json(message: Message, preview: DryRunSender | None = None) -> dict[str, Any]:
    """One message for the page. Outbound ones carry the reply's buttons, links and meta."""
    item: dict[str, Any] = {
        "id": message.id,
        "direction": message.direction,
        "author": message.author,
        "text": message.text or "",
        "status": message.status,
        "created_at": _iso(message.created_at),
    }
    if message.direction == "out":
        reply = stored_reply(message)
        item.update({key: value for key, value in reply.to_api().items() if key != "text"})
        if preview is not None:
            item["rendered"] = preview.render(reply)
    return item


def _iso(moment: datetime) -> str:
    # SQLite returns naive datetimes; every stored time is UTC.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()


def load_page() -> str:
    """The chat page's HTML, read once at start-up."""
    return _PAGE.read_text(encoding="utf-8")


def routes(settings: Settings) -> list[BaseRoute]:
    """The web chat's routes (the page reads `app.state.chat_page_html`)."""
    return [
        Route("/", chat_page, methods=["GET"], name="chat_page"),
        Route("/api/chat", post_chat, methods=["POST"], name="api_chat"),
        Route(
            "/api/chat/{user}/messages", list_messages, methods=["GET"], name="api_chat_messages"
        ),
    ]
