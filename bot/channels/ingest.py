"""What every provider webhook does after parsing: store, then answer after acknowledging.

Providers (Twilio: 15 s, Telegram: similar) give up and retry when a webhook is slow, so the
webhook only stores the message (`ConversationService.receive`) and answers in a background
task that runs after the HTTP response. A repeated provider id is stored once and answered
once: `receive` reports it as a duplicate and no task is started.

Contract: `answer_later(service, message_id)` never raises. If Rasa is down the message
stays pending and the inbox worker retries it; any other failure is logged with the id.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.rasa_client import RasaUnavailable

if TYPE_CHECKING:
    from bot.conversations.service import ConversationService

logger = logging.getLogger(__name__)


async def answer_later(service: ConversationService, message_id: int) -> None:
    """Process one stored inbound message; failures leave it for the inbox worker."""
    try:
        await service.process(message_id)
    except RasaUnavailable:
        logger.info("message %s stays pending until Rasa is back", message_id)
    except Exception:
        logger.exception("processing inbound message %s failed; it stays stored", message_id)
