"""Reply -> SMS bodies: plain text, numbered options, within a segment budget.

Contract: `render_sms(reply, ui, segment_budget)` returns the bodies to send, in order.
Normally that is one body of at most `segment_budget` segments (the phone shows one
concatenated message; the person pays per segment on many prepaid plans). When the whole
answer does not fit, the text is cut at a sentence boundary and "Reply MORE for details"
(`sms.more`) is added; the menu is always kept whole so a bare "2" still works. Only when
the menu alone is over budget is it sent as several bodies (never dropped).
"""

from __future__ import annotations

import logging

from bot.render.common import UiText, numbered_options, reply_language, ui_text
from bot.render.segments import count_segments
from bot.render.split import fit_with_suffix, split_text
from bot.replies import Reply

logger = logging.getLogger(__name__)

# Twilio refuses bodies over 1,600 characters (error 21617).
TWILIO_MAX_BODY = 1600

# Typographic characters that would switch a whole message to UCS-2 (70 characters per
# segment instead of 160) for no benefit; their plain equivalents are in GSM-7.
_GSM_FRIENDLY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2022": "-",
    }
)


def gsm_friendly(text: str) -> str:
    """Replace typographic punctuation with GSM-7 equivalents (letters are left alone)."""
    return text.translate(_GSM_FRIENDLY)


def _tail(reply: Reply, ui: UiText | None, lang: str) -> str:
    """The part that must arrive whole: numbered options (with the hint) and links."""
    lines: list[str] = []
    if reply.options:
        lines.extend(numbered_options(reply.options))
        lines.append(ui_text(ui, lang, "sms.option_hint"))
    lines.extend(f"{link.title}: {link.url}" for link in reply.links)
    return gsm_friendly("\n".join(lines))


def render_sms(reply: Reply, ui: UiText | None, segment_budget: int) -> list[str]:
    """Render `reply` as SMS bodies; see the module contract."""
    lang = reply_language(reply)
    text = gsm_friendly(reply.text.strip())
    tail = _tail(reply, ui, lang)

    def fits(body: str) -> bool:
        return len(body) <= TWILIO_MAX_BODY and count_segments(body) <= segment_budget

    def with_tail(body: str) -> str:
        return "\n".join(part for part in (body, tail) if part)

    full = with_tail(text)
    if fits(full):
        return [full] if full else []
    more = gsm_friendly(ui_text(ui, lang, "sms.more"))
    if not text or not fits(with_tail(more)):
        # The menu itself is over budget: several in-budget bodies beat dropping choices.
        logger.warning("SMS menu needs more than %d segments; sending it split", segment_budget)
        return split_text(full, fits)
    body, _ = fit_with_suffix(text, lambda b: fits(with_tail(b)), more)
    return [with_tail(body)]
