"""Twilio webhook form -> `InboundMessage` (SMS and WhatsApp share one webhook).

Contract: `parse_inbound(form)` returns an `InboundMessage` or raises `MalformedWebhook`
(the route answers 400). Field names are Twilio's messaging webhook parameters:
`MessageSid`, `From`, `To`, `Body`, `NumMedia`, `MediaUrl{i}`, `MediaContentType{i}`,
`Latitude`, `Longitude`, `ProfileName`, `ButtonPayload` (WhatsApp quick replies).

A WhatsApp sender arrives as "whatsapp:+51...": the channel becomes "whatsapp" and the
address is the bare E.164 number (the sender adds the prefix back), so the conversation key
is "whatsapp:+51..." rather than "whatsapp:whatsapp:+51...".
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.channels.base import InboundMessage, Media
from bot.geo import parse_coordinates

WHATSAPP_PREFIX = "whatsapp:"
# Twilio delivers at most 10 media items per message.
MAX_MEDIA = 10


class MalformedWebhook(ValueError):
    """The request is signed but is not a message we understand (answered with 400)."""


def _required(form: Mapping[str, str], name: str) -> str:
    value = (form.get(name) or "").strip()
    if not value:
        raise MalformedWebhook(f"missing {name}")
    return value


def split_address(raw: str) -> tuple[str, str]:
    """"whatsapp:+5411..." -> ("whatsapp", "+5411..."); "+5411..." -> ("sms", "+5411...")."""
    if raw.startswith(WHATSAPP_PREFIX):
        address = raw[len(WHATSAPP_PREFIX) :].strip()
        if not address:
            raise MalformedWebhook("empty WhatsApp address")
        return "whatsapp", address
    return "sms", raw


def _media(form: Mapping[str, str]) -> list[Media]:
    raw_count = (form.get("NumMedia") or "0").strip()
    try:
        count = int(raw_count)
    except ValueError as exc:
        raise MalformedWebhook(f"NumMedia is not a number: {raw_count!r}") from exc
    if not 0 <= count <= MAX_MEDIA:
        raise MalformedWebhook(f"NumMedia out of range: {count}")
    media = []
    for index in range(count):
        url = _required(form, f"MediaUrl{index}")
        content_type = (form.get(f"MediaContentType{index}") or "application/octet-stream").strip()
        media.append(Media(url=url, content_type=content_type))
    return media


def _location(form: Mapping[str, str]) -> tuple[float, float] | None:
    latitude, longitude = form.get("Latitude"), form.get("Longitude")
    if latitude is None and longitude is None:
        return None
    try:
        return parse_coordinates(latitude, longitude)
    except ValueError as exc:
        raise MalformedWebhook(str(exc)) from exc


def parse_inbound(form: Mapping[str, str]) -> InboundMessage:
    """Build the channel-neutral inbound message from a Twilio messaging webhook."""
    sid = _required(form, "MessageSid")
    channel, address = split_address(_required(form, "From"))
    body = form.get("Body") or ""
    # WhatsApp quick-reply buttons carry the payload we set; treat it like a tapped option.
    payload = (form.get("ButtonPayload") or "").strip() or None
    metadata = {"to": form.get("To")}
    for optional in ("WaId", "Address", "Label", "FromCountry", "FromCity"):
        if form.get(optional):
            metadata[optional] = form[optional]
    return InboundMessage(
        channel=channel,
        address=address,
        external_id=sid,
        text=body.strip() or None,
        payload=payload,
        location=_location(form),
        media=_media(form),
        profile_name=(form.get("ProfileName") or "").strip() or None,
        metadata=metadata,
    )
