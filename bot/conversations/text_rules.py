"""Small pure rules about what a person typed: cancel words and numbered menu picks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.safety import normalize

# Whole-message words that take a person out of the staff queue and back to the bot
# (handoff.waiting tells them to write CANCELAR / CANCEL). Only the entire message counts, so
# "quiero cancelar mi cita" stays with staff. "stop" is left out on purpose: carriers treat
# STOP as an SMS opt-out.
CANCEL_WORDS = frozenset({"cancelar", "cancela", "cancel", "cancele", "cancelo", "sair", "salir"})

# "2", " 2 ", "2." or "#2": people answer numbered SMS menus in all these ways.
_BARE_NUMBER = re.compile(r"^\s*#?\s*(\d{1,2})\s*[.)]?\s*$")


def is_cancel(text: str | None) -> bool:
    """True when the whole message is a cancel word (accents and case ignored)."""
    return bool(text) and normalize(text) in CANCEL_WORDS


def pick_menu_option(text: str | None, last_menu: Sequence[dict[str, Any]] | None) -> str | None:
    """The payload of option N when `text` is just the number N of the last menu, else None.

    Numbers are 1-based, as shown to the person; a number outside the menu returns None so
    the text goes to Rasa unchanged.
    """
    if not text or not last_menu:
        return None
    match = _BARE_NUMBER.match(text)
    if match is None:
        return None
    index = int(match.group(1)) - 1
    if not 0 <= index < len(last_menu):
        return None
    payload = last_menu[index].get("payload")
    return payload if isinstance(payload, str) and payload else None
