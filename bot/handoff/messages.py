"""What the person is told when the handoff state changes (texts from content/ui/<lang>.yml)."""

from __future__ import annotations

from bot.replies import Reply
from bot.safety import danger_numbers
from bot.storage.models import Conversation
from rumbo_content import ContentStore

FALLBACK_LANGUAGE = "es"


def _lang(conv: Conversation) -> str:
    return conv.lang or FALLBACK_LANGUAGE


def _meta(conv: Conversation, kind: str, *, handoff: bool) -> dict[str, object]:
    return {
        "lang": _lang(conv),
        "country": conv.country,
        "topic": conv.topic,
        "content_id": None,
        "handoff": handoff,
        "emergency": False,
        "kind": kind,
    }


def acknowledgement(
    store: ContentStore, conv: Conversation, *, wait: str | None = None, when: str | None = None
) -> Reply:
    """Tell a person who just entered the queue that a human will answer, and how to get help
    in danger meanwhile.

    `when` (team closed: "el lunes a las 9:00") selects `handoff.ack_closed`; `wait` (team
    open: "menos de 2 horas") selects `handoff.ack`. Without either (office hours unknown),
    `handoff.waiting` is used, which promises no time. Office hours come from
    `bot/handoff/office_hours.py`.
    """
    lang = _lang(conv)
    numbers = danger_numbers(store, conv.country)
    if when is not None:
        text = store.ui(lang, "handoff.ack_closed", when=when, numbers=numbers)
    elif wait is not None:
        text = store.ui(lang, "handoff.ack", wait=wait, numbers=numbers)
    else:
        text = store.ui(lang, "handoff.waiting")
    return Reply(text=text, meta=_meta(conv, "handoff", handoff=True))


def cancelled(store: ContentStore, conv: Conversation) -> Reply:
    """The person wrote "cancelar" and is back with the bot."""
    return Reply(
        text=store.ui(_lang(conv), "handoff.cancelled"), meta=_meta(conv, "handoff", handoff=False)
    )


def resolved(store: ContentStore, conv: Conversation) -> Reply:
    """Staff closed the case; the person is back with the bot."""
    return Reply(
        text=store.ui(_lang(conv), "handoff.resolved"), meta=_meta(conv, "handoff", handoff=False)
    )
