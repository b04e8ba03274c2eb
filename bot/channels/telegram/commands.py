"""Telegram commands -> the message Rasa should hear (a payload from docs/architecture.md).

Contract: `command_payload(command, args)` returns the Rasa payload for one of `COMMANDS`
(or None for a command we do not know). Arguments are optional: `/start CO` (a deep link,
t.me/<bot>?start=CO) and `/pais PE` name a country, `/idioma pt` a language; without a
valid argument the bot asks (the actions answer an intent with no entity with a menu).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from rumbo_content import COUNTRIES, LANGUAGES

# Command name(s) -> what it does. Spanish first: most of our users write Spanish.
START = ("start",)
HELP = ("help", "ayuda", "ajuda")
LANGUAGE = ("idioma", "language")
COUNTRY = ("pais", "country")
HUMAN = ("humano", "human")
COMMANDS: tuple[str, ...] = (*START, *HELP, *LANGUAGE, *COUNTRY, *HUMAN)

# The command list shown in Telegram's menu (set_my_commands), per interface language.
# Telegram allows 1-256 characters per description; keep them short.
MENU_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "es": {
        "start": "Empezar",
        "help": "Ver los temas",
        "pais": "Elegir país",
        "idioma": "Cambiar idioma",
        "humano": "Hablar con una persona",
    },
    "pt": {
        "start": "Começar",
        "help": "Ver os temas",
        "country": "Escolher país",
        "language": "Mudar idioma",
        "human": "Falar com uma pessoa",
    },
    "en": {
        "start": "Start",
        "help": "See the topics",
        "country": "Choose a country",
        "language": "Change language",
        "human": "Talk to a person",
    },
}


def intent_payload(intent: str, **entities: str) -> str:
    """`/intent{"entity":"value"}` in Rasa's compact payload syntax (no spaces)."""
    if not entities:
        return f"/{intent}"
    return f"/{intent}{json.dumps(entities, separators=(',', ':'), ensure_ascii=False)}"


def _country(args: Sequence[str]) -> str | None:
    code = args[0].strip().upper() if args else ""
    return code if code in COUNTRIES else None


def _language(args: Sequence[str]) -> str | None:
    lang = args[0].strip().lower() if args else ""
    return lang if lang in LANGUAGES else None


def command_payload(command: str, args: Sequence[str]) -> str | None:
    """The Rasa payload for `/command args...`; None for an unknown command."""
    command = command.lower()
    if command in START:
        if country := _country(args):
            return intent_payload("inform_country", country=country)
        if lang := _language(args):
            return intent_payload("set_language", language=lang)
        return intent_payload("greet")
    if command in HELP:
        return intent_payload("show_menu")
    if command in LANGUAGE:
        lang = _language(args)
        return intent_payload("set_language", language=lang) if lang else "/set_language"
    if command in COUNTRY:
        country = _country(args)
        return intent_payload("inform_country", country=country) if country else "/inform_country"
    if command in HUMAN:
        return intent_payload("ask_human")
    return None
