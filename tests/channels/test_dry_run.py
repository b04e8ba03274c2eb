"""Dry-run senders: no credentials, the reply is logged and marked sent (nothing is sent)."""

from __future__ import annotations

import logging

from bot.channels.dry_run import DryRunSender
from bot.channels.telegram import routes as telegram_routes
from bot.channels.twilio import routes as twilio_routes
from bot.replies import Reply
from bot.settings import Settings
from bot.storage.models import Conversation
from tests.gateway.conftest import FIXTURE_CONTENT


def test_every_provider_channel_is_dry_run_without_credentials():
    settings = Settings(secret_key="x", content_dir=FIXTURE_CONTENT)

    senders = [*twilio_routes.senders(settings), *telegram_routes.senders(settings)]

    assert sorted(s.name for s in senders) == ["sms", "telegram", "whatsapp"]
    assert all(isinstance(s, DryRunSender) for s in senders)


async def test_a_dry_run_send_logs_the_rendered_text_but_not_the_address(caplog):
    sender = DryRunSender("sms", lambda reply: [reply.text.upper()])
    conversation = Conversation(id=42, key="sms:+51987654321", channel="sms", address="+5198")
    caplog.set_level(logging.INFO, logger="bot.channels.dry_run")

    result = await sender.send(conversation, Reply(text="hola"))

    assert result.provider_message_id is None
    assert "HOLA" in caplog.text
    assert "conversation 42" in caplog.text
    assert "+5198" not in caplog.text
