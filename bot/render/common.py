"""Pieces every renderer shares: the reply's language, UI wording, numbered menus, headings.

Renderers never carry answer text of their own; the few sentences they add ("Reply MORE for
details", "Answer with the number") come from `content/ui/<lang>.yml` through a `UiText`
callable (normally `ContentStore.ui`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from bot.replies import Option, Reply

logger = logging.getLogger(__name__)

UiText = Callable[[str, str], str]
"""`ui(lang, key) -> sentence`; raises KeyError when the key is unknown (ContentStore.ui)."""

LANGUAGES = ("es", "pt", "en")
DEFAULT_LANGUAGE = "es"

# FALLBACK ONLY: used when content/ui lacks a key (e.g. a trimmed test content dir). The
# source of truth is content/ui/<lang>.yml (keys sms.more, sms.option_hint,
# media.unsupported), owned by the content lead; keep these in step or delete them.
FALLBACK_UI: dict[str, dict[str, str]] = {
    "sms.more": {
        "es": "Responde MÁS para más detalles.",
        "pt": "Responda MAIS para ver detalhes.",
        "en": "Reply MORE for details.",
    },
    "sms.option_hint": {
        "es": "Responde con el número.",
        "pt": "Responda com o número.",
        "en": "Reply with the number.",
    },
    "media.unsupported": {
        "es": "Por ahora solo puedo leer texto. Escríbeme tu pregunta o escribe PERSONA para "
        "hablar con alguien del equipo. Guardamos tu archivo para el equipo.",
        "pt": "Por enquanto só consigo ler texto. Escreva sua pergunta ou escreva PESSOA para "
        "falar com alguém da equipe. Guardamos seu arquivo para a equipe.",
        "en": "For now I can only read text. Write your question, or write PERSON to talk to "
        "someone from the team. We kept your file for the team.",
    },
}

# A heading is a short first line with no sentence punctuation, followed by more text.
HEADING_MAX_CHARS = 60


def reply_language(reply: Reply) -> str:
    """The reply's language from its meta, defaulting to Spanish."""
    lang = reply.meta.get("lang")
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def ui_text(ui: UiText | None, lang: str, key: str) -> str:
    """`ui(lang, key)`, or the marked fallback table when content does not have the key."""
    if ui is not None:
        try:
            return ui(lang, key)
        except KeyError:
            logger.warning("content/ui has no %r; using the renderer's fallback text", key)
    table = FALLBACK_UI[key]
    return table.get(lang, table[DEFAULT_LANGUAGE])


def numbered_options(options: Sequence[Option]) -> list[str]:
    """Menu lines "1) Title"; the gateway maps a bare "1" back to the first option."""
    return [f"{index}) {option.title}" for index, option in enumerate(options, start=1)]


def split_heading(text: str) -> tuple[str | None, str]:
    """Split off a heading line (short, no final punctuation) when more text follows it."""
    first, sep, rest = text.strip().partition("\n")
    first = first.strip()
    if (
        sep
        and rest.strip()
        and 0 < len(first) <= HEADING_MAX_CHARS
        and not first.endswith((".", "!", "?", ":", "…"))
    ):
        return first, rest.strip()
    return None, text.strip()
