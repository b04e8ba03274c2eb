"""python-telegram-bot handlers that turn an `Update` into an `InboundMessage`.

The handlers do not store or answer anything themselves: the webhook route feeds one update
through `Application.process_update`, then collects the result with `take(update_id)` and
stores it (so the store-before-acknowledge rule and update_id dedupe live in one place,
the route). A handler that raises is recorded by the error handler and reported by
`take` as a failure, so the route can ask Telegram to retry instead of losing the update.

Mapping: text -> text; a tapped inline button -> its callback data as the payload (a bare
number stays text, so the gateway picks that option of the last menu); commands -> the
payloads in `commands.py`; location -> location; voice, audio, photos, video, documents
and stickers -> media (kept for staff) plus any caption as text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.channels.base import InboundMessage, Media
from bot.channels.telegram.commands import COMMANDS, command_payload

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
# Telegram file ids are not URLs: fetching a file needs getFile with the bot token, which
# must never be stored. Staff tools resolve "telegram-file:<file_id>" when they need it.
FILE_URL_PREFIX = "telegram-file:"

MEDIA_FILTER = (
    filters.VOICE
    | filters.AUDIO
    | filters.PHOTO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.Document.ALL
    | filters.Sticker.ALL
)


@dataclass
class Outcome:
    """What handling one update produced: a message to store, or the error it raised."""

    inbound: InboundMessage | None = None
    error: BaseException | None = None


def _base(update: Update, **fields: object) -> InboundMessage:
    chat = update.effective_chat
    user = update.effective_user
    metadata = {"language_code": user.language_code} if user and user.language_code else {}
    return InboundMessage(
        channel=CHANNEL,
        address=str(chat.id),
        external_id=str(update.update_id),
        profile_name=user.first_name if user else None,
        metadata=metadata,
        **fields,  # type: ignore[arg-type]
    )


def _media_of(update: Update) -> list[Media]:
    message = update.effective_message
    if message.photo:
        # Telegram sends several sizes; the last is the largest.
        return [Media(f"{FILE_URL_PREFIX}{message.photo[-1].file_id}", "image/jpeg")]
    for attachment, default_type in (
        (message.voice, "audio/ogg"),
        (message.audio, "audio/mpeg"),
        (message.video, "video/mp4"),
        (message.video_note, "video/mp4"),
        (message.document, "application/octet-stream"),
        (message.sticker, "image/webp"),
    ):
        if attachment is not None:
            content_type = getattr(attachment, "mime_type", None) or default_type
            return [Media(f"{FILE_URL_PREFIX}{attachment.file_id}", content_type)]
    return []


class UpdateCollector:
    """Registers the handlers on an `Application` and keeps each update's `Outcome`."""

    def __init__(self) -> None:
        self._outcomes: dict[int, Outcome] = {}

    def take(self, update_id: int) -> Outcome:
        """The outcome of the update (an empty one if no handler matched: nothing to store)."""
        return self._outcomes.pop(update_id, Outcome())

    def install(self, application: Application) -> None:
        """Add the handlers and the error handler to `application`."""
        # New messages only: an edited message would otherwise be answered a second time.
        new = filters.UpdateType.MESSAGE
        handlers: list[BaseHandler] = [
            CommandHandler(list(COMMANDS), self.on_command, filters=new),
            CallbackQueryHandler(self.on_callback),
            MessageHandler(new & filters.LOCATION, self.on_location),
            MessageHandler(new & MEDIA_FILTER, self.on_media),
            MessageHandler(new & filters.COMMAND, self.on_unknown_command),
            MessageHandler(new & filters.TEXT, self.on_text),
        ]
        for handler in handlers:
            application.add_handler(handler)
        application.add_error_handler(self.on_error)

    def _keep(self, update: Update, inbound: InboundMessage) -> None:
        self._outcomes[update.update_id] = Outcome(inbound=inbound)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Plain text."""
        self._keep(update, _base(update, text=update.effective_message.text))

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start, /help, /idioma, /pais, /humano (and their English names)."""
        text = update.effective_message.text or ""
        command = text.split()[0].lstrip("/").split("@")[0]
        payload = command_payload(command, context.args or [])
        self._keep(update, _base(update, text=text, payload=payload))

    async def on_unknown_command(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """An unknown /command: pass the words on without the slash, which Rasa would read
        as an intent name."""
        text = (update.effective_message.text or "").lstrip("/")
        self._keep(update, _base(update, text=text.replace("_", " ")))

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A tapped inline button: stop the client's spinner, pass the data on."""
        query = update.callback_query
        if update.effective_chat is None:
            # Inline-mode buttons have no chat to answer in; we never send those.
            return
        try:
            await query.answer()
        except TelegramError as exc:
            # An old or repeated query cannot be answered; the choice itself still counts.
            logger.info("could not answer callback query %s: %s", query.id, exc)
        data = (query.data or "").strip()
        if data.isdigit():
            inbound = _base(update, text=data)
        else:
            inbound = _base(update, text=None, payload=data or None)
        self._keep(update, inbound)

    async def on_location(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A shared location (sets country and city in the conversation service)."""
        location = update.effective_message.location
        self._keep(update, _base(update, location=(location.latitude, location.longitude)))

    async def on_media(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Voice notes, audio, photos, video, documents, stickers: kept for staff."""
        caption = update.effective_message.caption
        self._keep(update, _base(update, text=caption, media=_media_of(update)))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Record a handler failure so the route answers 503 and Telegram retries."""
        if isinstance(update, Update):
            self._outcomes[update.update_id] = Outcome(error=context.error)
        logger.error("Telegram handler failed", exc_info=context.error)
