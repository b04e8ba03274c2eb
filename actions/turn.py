"""What an action knows about the current turn: remembered slots plus this message's entities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from rumbo_content.model import COUNTRIES, LANGUAGES, TOPICS

DEFAULT_LANGUAGE = "es"
# "in English please", "hablas portugués?": the language the person asks for, whatever
# language they ask in.
LANGUAGE_NAMES = {
    "en": re.compile(r"\b(english|ingles|inglés|inglês|engl)\b", re.I),
    "pt": re.compile(r"\b(portugu[eêé]s|portuguese)\b", re.I),
    "es": re.compile(r"\b(espa[nñ]ol|espanhol|spanish|castellano)\b", re.I),
}


@dataclass
class Turn:
    """Slots as they stand after this message, and the slot events that got them there."""

    lang: str
    country: str | None
    topic: str | None
    city: str | None
    content_id: str | None
    pending_country: str | None
    fallback_count: int
    intent: str | None
    text: str
    candidates: list[str]
    metadata: dict[str, Any]
    country_named: bool = False  # this very message named a country
    events: list[dict[str, Any]] = field(default_factory=list)

    def set(self, slot: str, value: Any) -> None:
        """Change a slot for the rest of this turn and remember it in the tracker."""
        attribute = {"language": "lang"}.get(slot, slot)
        if getattr(self, attribute) != value:
            setattr(self, attribute, value)
            self.events.append(SlotSet(slot, value))

    @property
    def country_hint(self) -> str | None:
        """A country suggested by the channel (phone number prefix, shared location)."""
        hint = self.metadata.get("country_hint")
        return hint if hint in COUNTRIES else None


def _entities(tracker: Tracker, name: str) -> list[str]:
    return [
        str(e.get("value")) for e in tracker.latest_message.get("entities", [])
        if e.get("entity") == name and e.get("value")
    ]


def read_turn(tracker: Tracker) -> Turn:
    """Build the turn from the tracker, applying this message's language and place."""
    text = tracker.latest_message.get("text") or ""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    turn = Turn(
        lang=tracker.get_slot("language") or DEFAULT_LANGUAGE,
        country=tracker.get_slot("country"),
        topic=tracker.get_slot("topic"),
        city=tracker.get_slot("city"),
        content_id=tracker.get_slot("content_id"),
        pending_country=tracker.get_slot("pending_country"),
        fallback_count=int(tracker.get_slot("fallback_count") or 0),
        intent=intent,
        text=text,
        candidates=[],
        metadata=tracker.latest_message.get("metadata") or {},
    )
    detected = [lang for lang in _entities(tracker, "language") if lang in LANGUAGES]
    if not detected and tracker.get_slot("language") is None:
        # Nothing known about this person yet: an unsure guess beats the fixed default.
        detected = [lang for lang in _entities(tracker, "language_guess") if lang in LANGUAGES]
    if detected:
        turn.set("language", detected[-1])
    countries = [c.upper() for c in _entities(tracker, "country") if c.upper() in COUNTRIES]
    if countries:
        turn.set("country", countries[-1])
        turn.country_named = True
        turn.set("city", (_entities(tracker, "city") or [None])[0])
        turn.set("pending_country", None)
    for value in _entities(tracker, "country_candidates"):
        turn.candidates = [c for c in value.split("|") if c in COUNTRIES]
    topics = [t for t in _entities(tracker, "topic") if t in TOPICS]
    if topics:
        turn.set("topic", topics[-1])
    return turn


def requested_language(text: str) -> str | None:
    """The language named in the text ("english please" -> en), if any."""
    for lang, pattern in LANGUAGE_NAMES.items():
        if pattern.search(text):
            return lang
    return None
