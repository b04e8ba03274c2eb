"""The numbers Rumbo gives a person in danger, shared by the Rasa actions and the gateway's
safety net so that both always say the same thing."""

from __future__ import annotations

from rumbo_content.model import COUNTRIES, Hotline
from rumbo_content.store import ContentStore

# An emergency reply must stay short enough for one or two SMS.
MAX_COUNTRY_NUMBERS = 3


def country_hotlines(store: ContentStore, country: str) -> list[Hotline]:
    """The general emergency number first, then the hotlines the protection answer names."""
    chosen: list[Hotline] = []
    emergency = store.emergency_hotline(country)
    if emergency is not None:
        chosen.append(emergency)
    protection = store.answer(country, "protection")
    for hotline_id in protection.hotline_ids if protection else ():
        hotline = store.hotline(country, hotline_id)
        if hotline is not None and hotline not in chosen:
            chosen.append(hotline)
    return chosen[:MAX_COUNTRY_NUMBERS]


def describe(hotline: Hotline, lang: str) -> str:
    """ "144 (Violencia de género, WhatsApp)"."""
    suffix = ", WhatsApp" if hotline.whatsapp else ""
    return f"{hotline.number} ({hotline.label_for(lang)}{suffix})"


def regional_numbers(store: ContentStore) -> str:
    """Each country's emergency number, "AR 911 · BO 110 · ...", for when the country is
    unknown (countries without a hotlines file are left out rather than guessed)."""
    parts = []
    for country in COUNTRIES:
        hotline = store.emergency_hotline(country)
        if hotline is not None:
            parts.append(f"{country} {hotline.number}")
    return " · ".join(parts)


def emergency_text(store: ContentStore, lang: str, country: str | None) -> str:
    """The whole emergency message in `lang` (ui keys emergency.message / emergency.regional)."""
    hotlines = country_hotlines(store, country) if country else []
    if hotlines:
        numbers = "; ".join(describe(h, lang) for h in hotlines)
        return store.ui(lang, "emergency.message", numbers=numbers)
    return store.ui(lang, "emergency.regional", numbers=regional_numbers(store))
