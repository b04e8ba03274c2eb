"""`POST /webhooks/twilio` (SMS and WhatsApp messages) and `/webhooks/twilio/status`.

Thin webhooks: verify the signature, parse, store, acknowledge, answer afterwards.
- No auth token configured, or a missing/wrong `X-Twilio-Signature`: 403, nothing stored.
- Signed but malformed (no MessageSid/From, bad coordinates, bad NumMedia): 400.
- A MessageSid already stored: 200 and nothing else (Twilio retried).
- The database cannot store it: 503 (logged), never a silent 200.
- Otherwise: stored, 200 with an empty TwiML `<Response/>` (the reply goes out through the
  REST API by the channel sender), and the message is answered in a background task.
Shared resources come from `request.app.state` (see bot/app.py): `settings`, `db`, `service`.

`routes(settings)` and `senders(settings)` are the plug-in contract of `bot.app.create_app`.
"""

from __future__ import annotations

import logging

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from bot.channels.base import ChannelSender
from bot.channels.ingest import answer_later
from bot.channels.twilio.parse import MalformedWebhook, parse_inbound
from bot.channels.twilio.sender import STATUS_CALLBACK_PATH, build_senders
from bot.channels.twilio.signature import is_valid_twilio_request, public_url
from bot.channels.twilio.status import record_status
from bot.phone_hints import remember_country_hint
from bot.settings import Settings
from rumbo_content import ContentStore

logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/twilio"
_EMPTY_TWIML = str(MessagingResponse())


async def _verified_form(request: Request) -> dict[str, str] | Response:
    """The POST parameters if the request is Twilio's, else the 4xx response to send."""
    settings = request.app.state.settings
    if not settings.twilio_auth_token:
        logger.warning("Twilio webhook called but TWILIO_AUTH_TOKEN is not set; refusing")
        return PlainTextResponse("Twilio is not configured", status_code=403)
    try:
        form = await request.form()
    except Exception:  # multipart/urlencoded parser errors: the body is not a form
        return PlainTextResponse("body is not a form", status_code=400)
    params = {key: value for key, value in form.items() if isinstance(value, str)}
    url = public_url(settings.public_base_url, request.url.path, request.url.query)
    validator = RequestValidator(settings.twilio_auth_token)
    if not is_valid_twilio_request(validator, url, form, request.headers):
        logger.warning("rejected a Twilio webhook with a missing or wrong signature (%s)", url)
        return PlainTextResponse("invalid signature", status_code=403)
    return params


def _twiml(background: BackgroundTask | None = None) -> Response:
    return Response(_EMPTY_TWIML, media_type="application/xml", background=background)


async def inbound_message(request: Request) -> Response:
    """Twilio's incoming-message webhook for both SMS numbers and WhatsApp senders."""
    form = await _verified_form(request)
    if isinstance(form, Response):
        return form
    try:
        inbound = parse_inbound(form)
    except MalformedWebhook as exc:
        return PlainTextResponse(f"malformed Twilio webhook: {exc}", status_code=400)
    service = request.app.state.service
    try:
        result = await service.receive(inbound)
    except Exception:
        logger.exception("could not store Twilio message %s", inbound.external_id)
        return PlainTextResponse("could not store the message", status_code=503)
    if result.duplicate:
        return _twiml()
    try:
        await remember_country_hint(request.app.state.db, result.conversation_id, inbound.address)
    except Exception:
        # Only a suggestion: the stored message must still be acknowledged and answered.
        logger.exception("could not store the country hint of conversation %s",
                         result.conversation_id)
    return _twiml(BackgroundTask(answer_later, service, result.message_id))


async def status_callback(request: Request) -> Response:
    """Twilio's message status callback: recorded as a DeliveryEvent."""
    form = await _verified_form(request)
    if isinstance(form, Response):
        return form
    try:
        await record_status(request.app.state.db, form)
    except MalformedWebhook as exc:
        return PlainTextResponse(f"malformed status callback: {exc}", status_code=400)
    return Response(status_code=204)


def routes(settings: Settings) -> list[BaseRoute]:
    """The Twilio webhooks (always mounted; they answer 403 until a token is configured)."""
    return [
        Route(WEBHOOK_PATH, inbound_message, methods=["POST"]),
        Route(STATUS_CALLBACK_PATH, status_callback, methods=["POST"]),
    ]


def senders(settings: Settings) -> list[ChannelSender]:
    """The "sms" and "whatsapp" senders: live with credentials, dry-run without."""
    return build_senders(settings, ContentStore.load(settings.content_dir).ui)
