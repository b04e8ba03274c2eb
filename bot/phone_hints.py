"""A country *suggestion* from a sender's phone number.

A phone number says where the SIM was bought, not where the person is: a Venezuelan number
in Colombia is the normal case for our users. So the result is only ever used to ask
"¿Estás en ...?" (stored as `conversation.context["country_hint"]`); it must never be used
as the country of an answer.

Contract: `country_hint(address)` returns an ISO alpha-2 code from `rumbo_content.COUNTRIES`
or None (unparseable number, invalid number, or a country we do not serve). Never raises.
`remember_country_hint(db, conversation_id, address)` stores it in the conversation's
context once, and only while the conversation has no country of its own.
"""

from __future__ import annotations

import phonenumbers

from bot.storage.db import Database
from bot.storage.models import Conversation
from rumbo_content import COUNTRIES

CONTEXT_KEY = "country_hint"


def country_hint(address: str) -> str | None:
    """The served country a phone number belongs to, e.g. "+584121234567" -> "VE"."""
    raw = address.removeprefix("whatsapp:").strip()
    if not raw.startswith("+"):
        # Without a country code we would be guessing; a wrong hint is worse than none.
        return None
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    region = phonenumbers.region_code_for_number(number)
    return region if region in COUNTRIES else None


async def remember_country_hint(db: Database, conversation_id: int, address: str) -> str | None:
    """Store the hint for a conversation that has neither a country nor a hint yet.

    Returns the stored hint, or None when nothing was stored.
    """
    hint = country_hint(address)
    if hint is None:
        return None
    async with db.session() as session:
        conv = await session.get(Conversation, conversation_id)
        if conv is None or conv.country or (conv.context or {}).get(CONTEXT_KEY):
            return None
        # A new dict, so SQLAlchemy sees the JSON column change.
        conv.context = {**(conv.context or {}), CONTEXT_KEY: hint}
    return hint
