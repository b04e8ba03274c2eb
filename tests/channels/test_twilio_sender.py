"""TwilioSender on its own: the real SDK against the fake API, failures and retries."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from tenacity import wait_none

from bot.channels.base import DeliveryError
from bot.channels.twilio.sender import TwilioSender, make_client
from bot.replies import Reply
from bot.storage.models import Conversation
from tests.channels.conftest import TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN
from tests.fakes.fake_twilio import FakeTwilio
from tests.fakes.live_server import serve

CONVERSATION = Conversation(
    id=1, key="whatsapp:+51987654321", channel="whatsapp", address="+51987654321"
)


@pytest.fixture
def twilio() -> FakeTwilio:
    return FakeTwilio()


@pytest.fixture
async def send_bodies(twilio: FakeTwilio) -> AsyncIterator:
    """`await send_bodies([...])` sends those bodies as one reply through a TwilioSender."""
    with serve(twilio.app) as url:
        client = make_client(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, url)
        bodies: list[str] = []
        # A stub renderer: these tests are about sending, the renderers have their own tests.
        whatsapp = TwilioSender(
            "whatsapp", client, "+14155238886", lambda reply: list(bodies), wait=wait_none()
        )

        async def send(parts: list[str]):
            bodies[:] = parts
            return await whatsapp.send(CONVERSATION, Reply(text=" ".join(parts)))

        yield send
        await whatsapp.aclose()


async def test_each_body_is_one_api_call_in_order(twilio: FakeTwilio, send_bodies):
    result = await send_bodies(["one", "two"])

    assert [r.form["Body"] for r in twilio.delivered] == ["one", "two"]
    assert {r.form["From"] for r in twilio.delivered} == {"whatsapp:+14155238886"}
    assert {r.form["To"] for r in twilio.delivered} == {"whatsapp:+51987654321"}
    assert "StatusCallback" not in twilio.delivered[0].form  # no public URL configured
    assert result.provider_message_id.startswith("SM")


async def test_a_permanent_error_is_not_retried(twilio: FakeTwilio, send_bodies):
    twilio.fail_next(1, status=400)

    with pytest.raises(DeliveryError) as caught:
        await send_bodies(["one"])

    assert caught.value.retryable is False
    assert caught.value.code == "21211"
    assert len(twilio.requests) == 1


async def test_persistent_5xx_gives_up_after_four_attempts_and_stays_retryable(
    twilio: FakeTwilio, send_bodies
):
    twilio.fail_next(10, status=500)

    with pytest.raises(DeliveryError) as caught:
        await send_bodies(["one"])

    assert caught.value.retryable is True
    assert len(twilio.requests) == 4


async def test_a_failure_after_a_sent_part_is_final_so_no_part_is_sent_twice(
    twilio: FakeTwilio, send_bodies
):
    twilio.respond_next(201, 500, 500, 500, 500)

    with pytest.raises(DeliveryError) as caught:
        await send_bodies(["one", "two"])

    assert caught.value.retryable is False
    assert "after 1 part(s)" in str(caught.value)
    assert [r.form["Body"] for r in twilio.delivered] == ["one"]


async def test_an_approved_template_is_sent_by_content_sid_not_as_free_text(twilio: FakeTwilio):
    with serve(twilio.app) as url:
        client = make_client(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, url)
        whatsapp = TwilioSender("whatsapp", client, "+14155238886", lambda r: [r.text],
                                wait=wait_none())
        reply = Reply(text="Hola, una persona del equipo...",
                      meta={"kind": "template", "template": "staff_followup",
                            "content_sid": "HX0123456789abcdef0123456789abcdef"})
        await whatsapp.send(CONVERSATION, reply)
        await whatsapp.aclose()
    [sent] = twilio.delivered
    assert sent.form["ContentSid"] == "HX0123456789abcdef0123456789abcdef"
    assert "Body" not in sent.form
