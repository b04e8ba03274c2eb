"""Channel-neutral replies (docs/architecture.md): text, buttons, links and meta."""

from __future__ import annotations

import json
from typing import Any

from actions.turn import Turn
from rumbo_content.model import COUNTRIES, TOPICS
from rumbo_content.store import ContentStore

TOPIC_INTENTS = {topic: f"ask_{topic}" for topic in TOPICS}


def button(title: str, payload: str) -> dict[str, str]:
    return {"title": title, "payload": payload}


def country_payload(code: str) -> str:
    return "/inform_country" + json.dumps({"country": code}, separators=(",", ":"))


def reply(
    turn: Turn,
    text: str,
    *,
    kind: str,
    buttons: list[dict[str, str]] | None = None,
    links: list[dict[str, str]] | None = None,
    topic: str | None = None,
    country: str | None = None,
    content_id: str | None = None,
    handoff: bool = False,
    emergency: bool = False,
    handoff_reason: str | None = None,
) -> dict[str, Any]:
    """One reply; `topic`/`country` are what this turn is about (see the meta contract).
    `handoff_reason` (requested | fallback | emergency) tells the gateway's queue why."""
    meta: dict[str, Any] = {
        "lang": turn.lang,
        "topic": topic,
        "country": country,
        "content_id": content_id,
        "handoff": handoff,
        "emergency": emergency,
        "kind": kind,
    }
    if handoff:
        meta["handoff_reason"] = handoff_reason or ("emergency" if emergency else "requested")
    return {
        "text": text,
        "buttons": buttons or [],
        "links": links or [],
        "meta": meta,
    }


def topic_buttons(store: ContentStore, lang: str) -> list[dict[str, str]]:
    """The topic menu plus 'talk to a person' (a numbered list on SMS)."""
    buttons = [button(store.ui(lang, f"topics.{t}"), "/" + TOPIC_INTENTS[t]) for t in TOPICS]
    buttons.append(button(store.ui(lang, "buttons.person"), "/ask_human"))
    return buttons


def country_buttons(
    store: ContentStore, lang: str, only: list[str] | None = None, first: str | None = None
) -> list[dict[str, str]]:
    """Country menu: `only` narrows it; `first` (a channel hint) goes to the top."""
    codes = list(only or COUNTRIES)
    if first in codes:
        codes.remove(first)
        codes.insert(0, first)
    return [button(store.country_name(c, lang), country_payload(c)) for c in codes]


def after_answer_buttons(store: ContentStore, lang: str, *, more: bool) -> list[dict[str, str]]:
    buttons = [button(store.ui(lang, "buttons.more"), "/more_info")] if more else []
    buttons += [
        button(store.ui(lang, "buttons.menu"), "/show_menu"),
        button(store.ui(lang, "buttons.person"), "/ask_human"),
    ]
    return buttons
