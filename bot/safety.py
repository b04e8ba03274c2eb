"""The safety net: phrases that always get the emergency answer, whatever the bot's state.

Runs before Rasa and before the handoff check (docs/architecture.md, step 2.1), so a person
in danger gets the hotlines at once even if Rasa is down or staff have not answered yet.
Phrases come from `content/emergency/signals.yml`; staff edit them without code changes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.replies import Reply
from rumbo_content import ContentStore
from rumbo_content.emergency import emergency_text, regional_numbers

# Any run of characters that is not a letter or digit separates words: "¡ayuda!!" == "ayuda".
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """Lower-case, strip accents, fold punctuation and whitespace to single spaces.

    "¡Me quiero  MATAR!" -> "me quiero matar". Matching on this form makes the net
    tolerant of the typing people actually do on a phone (no accents, extra punctuation).
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", stripped).strip()


@dataclass(frozen=True)
class EmergencyMatch:
    """Which phrase fired, and the language of its list (used for the reply's language)."""

    lang: str
    phrase: str


class SafetyNet:
    """Matches whole-word phrases from `signals` ({lang: [phrase, ...]}) in any text."""

    def __init__(self, signals: dict[str, list[str]]) -> None:
        self._phrases: list[tuple[str, str, str]] = []  # (normalized, lang, original)
        for lang, phrases in signals.items():
            for phrase in phrases:
                normalized = normalize(phrase)
                if normalized:
                    self._phrases.append((normalized, lang, phrase))
        # Longest first, so the reported phrase is the most specific one that matched.
        self._phrases.sort(key=lambda item: len(item[0]), reverse=True)

    @classmethod
    def from_store(cls, store: ContentStore) -> SafetyNet:
        return cls(store.emergency_signals())

    def detect(self, text: str | None) -> EmergencyMatch | None:
        """The first matching phrase in `text`, or None.

        A phrase matches only on word boundaries: "matar" does not match "matarife".
        """
        if not text:
            return None
        padded = f" {normalize(text)} "
        for normalized, lang, original in self._phrases:
            if f" {normalized} " in padded:
                return EmergencyMatch(lang=lang, phrase=original)
        return None


def emergency_reply(store: ContentStore, lang: str, country: str | None) -> Reply:
    """The emergency answer in `lang` with the numbers for `country` (or every country's
    emergency number when it is unknown). The wording is shared with the Rasa action
    (`rumbo_content.emergency`), so the person gets the same answer whichever layer caught it.
    """
    meta = {
        "lang": lang,
        "country": country,
        "topic": "protection",
        "content_id": None,
        "handoff": True,
        "handoff_reason": "emergency",
        "emergency": True,
        "kind": "emergency",
    }
    return Reply(text=emergency_text(store, lang, country), meta=meta)


def danger_numbers(store: ContentStore, country: str | None) -> str:
    """The number(s) to call in danger: the country's emergency number, or the regional list."""
    hotline = store.emergency_hotline(country) if country else None
    return hotline.number if hotline is not None else regional_numbers(store)
