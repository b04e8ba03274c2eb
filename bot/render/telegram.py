"""Reply -> Telegram messages: plain text plus entities, and an inline keyboard for options.

We send no `parse_mode` at all and mark the bold heading with a `MessageEntity`, so nothing
in the content (an underscore in a URL, a "*" in a name) can be misread as markup and make
Telegram reject the message ("can't parse entities"). Links stay in the text, on their own
lines, where Telegram makes them tappable.

Contract: `render_telegram(reply)` returns `TelegramMessage`s of at most 4,096 characters
(UTF-16 code units, as Telegram counts); the keyboard is attached to the last one. Each
option becomes a callback button whose data is the option's payload, or its number ("2")
when the payload is over Telegram's 64-byte `callback_data` limit; the gateway resolves a
bare number against the conversation's last menu.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity

from bot.render.common import split_heading
from bot.render.split import split_text
from bot.replies import Option, Reply

TELEGRAM_MAX_TEXT = 4096
CALLBACK_DATA_MAX_BYTES = 64


@dataclass
class TelegramMessage:
    """Arguments for one `Bot.send_message` call (besides chat_id)."""

    text: str
    entities: list[MessageEntity] = field(default_factory=list)
    reply_markup: InlineKeyboardMarkup | None = None


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: Telegram's unit for limits and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def callback_data_for(option: Option, number: int) -> str:
    """The option's payload if Telegram accepts it, else its menu number."""
    if len(option.payload.encode("utf-8")) <= CALLBACK_DATA_MAX_BYTES:
        return option.payload
    return str(number)


def keyboard(options: list[Option]) -> InlineKeyboardMarkup | None:
    """One button per row: titles are sentences ("Hablar con una persona"), not icons."""
    if not options:
        return None
    rows = [
        [InlineKeyboardButton(option.title, callback_data=callback_data_for(option, number))]
        for number, option in enumerate(options, start=1)
    ]
    return InlineKeyboardMarkup(rows)


def render_telegram(reply: Reply) -> list[TelegramMessage]:
    """Render `reply` as Telegram messages; see the module contract."""
    heading, body = split_heading(reply.text)
    blocks = [body] if body else []
    blocks.extend(f"{link.title}\n{link.url}" for link in reply.links)
    rest = "\n\n".join(blocks)
    fits = lambda piece: utf16_len(piece) <= TELEGRAM_MAX_TEXT  # noqa: E731

    messages: list[TelegramMessage] = []
    if heading:
        first = f"{heading}\n\n{rest}" if rest else heading
        pieces = split_text(first, fits)
        # The heading is a short line, so the first piece always starts with it.
        bold = MessageEntity(MessageEntity.BOLD, offset=0, length=utf16_len(heading))
        messages.append(TelegramMessage(pieces[0], entities=[bold]))
        messages.extend(TelegramMessage(piece) for piece in pieces[1:])
    else:
        messages.extend(TelegramMessage(piece) for piece in split_text(rest, fits))
    markup = keyboard(reply.options)
    if markup is not None:
        if not messages:
            # Telegram cannot send a keyboard without text; the options need a carrier.
            messages.append(TelegramMessage("\u2193"))
        messages[-1].reply_markup = markup
    return messages
