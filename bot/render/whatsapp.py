"""Reply -> WhatsApp bodies: *bold* heading, numbered menu, each link on its own line.

Contract: `render_whatsapp(reply, ui)` returns bodies of at most 1,600 characters (Twilio's
limit for WhatsApp, error 21617), in order, split at paragraph/sentence boundaries. The menu
and the links travel in the last body so a person reads the answer before the choices.
"""

from __future__ import annotations

from bot.render.common import UiText, numbered_options, reply_language, split_heading, ui_text
from bot.render.split import max_chars, split_text
from bot.replies import Reply

WHATSAPP_MAX_BODY = 1600

# WhatsApp markup characters; a literal one next to a word could start bold/italic/strike.
_MARKUP = ("*", "_", "~", "`")


def bold(text: str) -> str:
    """WhatsApp bold, with stray markup characters removed so the asterisks pair up."""
    for mark in _MARKUP:
        text = text.replace(mark, "")
    return f"*{text.strip()}*"


def render_whatsapp(reply: Reply, ui: UiText | None) -> list[str]:
    """Render `reply` as WhatsApp bodies; see the module contract."""
    lang = reply_language(reply)
    heading, body = split_heading(reply.text)
    blocks: list[str] = []
    if heading:
        blocks.append(bold(heading))
    if body:
        blocks.append(body)
    if reply.links:
        # A URL alone on a line gets WhatsApp's link preview and is easy to tap.
        blocks.append("\n\n".join(f"{bold(link.title)}\n{link.url}" for link in reply.links))
    if reply.options:
        menu = numbered_options(reply.options)
        blocks.append("\n".join([*menu, ui_text(ui, lang, "sms.option_hint")]))
    return split_text("\n\n".join(blocks), max_chars(WHATSAPP_MAX_BODY))
