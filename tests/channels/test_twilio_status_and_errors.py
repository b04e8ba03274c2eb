"""Twilio status callbacks, malformed webhooks, and the channel without credentials."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from bot.render.segments import count_segments
from bot.settings import Settings
from tests.channels.conftest import Gateway, post_twilio, sms_form, whatsapp_form
from tests.fakes.fake_rasa import FakeRasa, custom
from tests.fakes.fake_twilio import FakeTwilio

STATUS_PATH = "/webhooks/twilio/status"


def status_form(sid: str, status: str, **extra: str) -> dict[str, str]:
    """A real-shaped Twilio message status callback."""
    form = {
        "SmsSid": sid,
        "SmsStatus": status,
        "MessageStatus": status,
        "To": "whatsapp:+584121234567",
        "MessageSid": sid,
        "AccountSid": "AC" + "0" * 32,
        "From": "whatsapp:+14155238886",
        "ApiVersion": "2010-04-01",
    }
    form.update(extra)
    return form


async def test_status_callbacks_are_recorded_and_only_move_the_status_forward(
    gateway: Gateway, fake_twilio: FakeTwilio
):
    await post_twilio(gateway, whatsapp_form("SM" + "a" * 32, "hola"))
    [outbound] = await gateway.messages("out")
    sid = outbound.provider_message_id

    for status in ("sent", "delivered", "sent", "read"):
        response = await post_twilio(gateway, status_form(sid, status), path=STATUS_PATH)
        assert response.status_code == 204

    events = await gateway.delivery_events()
    assert [(e.status, e.message_id) for e in events] == [
        ("sent", outbound.id),
        ("delivered", outbound.id),
        ("sent", outbound.id),
        ("read", outbound.id),
    ]
    assert events[0].raw["MessageSid"] == sid
    [outbound] = await gateway.messages("out")
    assert outbound.status == "read"


async def test_a_failed_status_keeps_twilios_error_code(gateway: Gateway):
    await post_twilio(gateway, whatsapp_form("SM" + "b" * 32, "hola"))
    [outbound] = await gateway.messages("out")

    await post_twilio(
        gateway,
        status_form(outbound.provider_message_id, "undelivered", ErrorCode="63016"),
        path=STATUS_PATH,
    )

    [event] = await gateway.delivery_events()
    assert event.error_code == "63016"
    [outbound] = await gateway.messages("out")
    assert outbound.status == "undelivered"


async def test_a_status_for_an_unknown_sid_is_still_recorded(gateway: Gateway):
    response = await post_twilio(gateway, status_form("SM" + "f" * 32, "sent"), path=STATUS_PATH)

    assert response.status_code == 204
    [event] = await gateway.delivery_events()
    assert event.message_id is None


async def test_an_unsigned_status_callback_is_refused(gateway: Gateway):
    response = await post_twilio(
        gateway, status_form("SM" + "f" * 32, "sent"), path=STATUS_PATH, signature=None
    )

    assert response.status_code == 403
    assert await gateway.delivery_events() == []


@pytest.mark.parametrize(
    "form",
    [
        pytest.param({"Body": "hola", "From": "+51987654321"}, id="no MessageSid"),
        pytest.param({"MessageSid": "SM1", "Body": "hola"}, id="no From"),
        pytest.param({"MessageSid": "SM1", "From": "whatsapp:", "Body": "x"}, id="empty WhatsApp"),
        pytest.param({**sms_form("SM2", "x"), "NumMedia": "lots"}, id="NumMedia not a number"),
        pytest.param({**sms_form("SM3", "x"), "NumMedia": "1"}, id="NumMedia without MediaUrl0"),
        pytest.param({**sms_form("SM4", "x"), "NumMedia": "-1"}, id="negative NumMedia"),
        pytest.param(whatsapp_form("SM5", "", Latitude="north", Longitude="1"), id="bad latitude"),
        pytest.param(whatsapp_form("SM6", "", Latitude="95", Longitude="1"), id="off the globe"),
        pytest.param(whatsapp_form("SM7", "", Latitude="-12.0"), id="latitude only"),
    ],
)
async def test_signed_but_malformed_messages_get_400_and_nothing_is_stored(
    gateway: Gateway, fake_twilio: FakeTwilio, form: dict[str, str]
):
    response = await post_twilio(gateway, form)

    assert response.status_code == 400
    assert await gateway.messages() == []
    assert fake_twilio.requests == []


async def test_a_status_callback_without_a_status_gets_400(gateway: Gateway):
    response = await post_twilio(gateway, {"MessageSid": "SM1"}, path=STATUS_PATH)

    assert response.status_code == 400


async def test_bodies_that_are_not_forms_are_refused_not_crashed_on(gateway: Gateway):
    as_json = await gateway.client.post(
        "/webhooks/twilio", json={"MessageSid": "SM1"}, headers={"X-Twilio-Signature": "x"}
    )
    broken_multipart = await gateway.client.post(
        "/webhooks/twilio",
        content=b"--nope\r\ngarbage",
        headers={"Content-Type": "multipart/form-data; boundary=other"},
    )

    assert 400 <= as_json.status_code < 500
    assert 400 <= broken_multipart.status_code < 500
    assert await gateway.messages() == []


async def test_the_signature_covers_the_public_url_and_its_query_string(
    gateway: Gateway, fake_rasa: FakeRasa
):
    # Twilio calls https://rumbo.example.org/webhooks/twilio?src=wa; the gateway sees
    # http://gateway/... behind the proxy. Only the public URL's signature is valid.
    form = whatsapp_form("SM" + "9" * 32, "hola")
    from tests.channels.conftest import PUBLIC_BASE_URL, twilio_signature

    good = twilio_signature(f"{PUBLIC_BASE_URL}/webhooks/twilio?src=wa", form)
    internal = twilio_signature("http://gateway/webhooks/twilio?src=wa", form)

    refused = await gateway.client.post(
        "/webhooks/twilio?src=wa", data=form, headers={"X-Twilio-Signature": internal}
    )
    accepted = await gateway.client.post(
        "/webhooks/twilio?src=wa", data=form, headers={"X-Twilio-Signature": good}
    )

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert fake_rasa.texts() == ["hola"]


async def test_a_long_sms_answer_is_cut_at_a_sentence_and_offers_more(
    gateway: Gateway, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
):
    sentences = [f"Paso {n}: lleva tu pasaporte a la oficina de migraciones." for n in range(1, 11)]
    fake_rasa.script["papeles"] = [custom(" ".join(sentences))]

    await post_twilio(gateway, sms_form("SM" + "5" * 32, "papeles"))

    [sent] = fake_twilio.delivered
    body = sent.form["Body"]
    assert body.startswith("Paso 1: lleva tu pasaporte a la oficina de migraciones.")
    assert body.endswith(".\nResponde MÁS para más detalles.")
    kept = body.removesuffix("\nResponde MÁS para más detalles.")
    assert kept in " ".join(sentences)
    # "MÁS" is not GSM-7, so the whole body is UCS-2: three segments of 67 units at most.
    assert count_segments(body) == 3
    assert len(body) <= 3 * 67


async def test_without_credentials_replies_are_logged_and_marked_sent(
    settings: Settings, gateway_factory, fake_twilio: FakeTwilio, caplog
):
    dry = dataclasses.replace(
        settings, twilio_account_sid=None, twilio_sms_from=None, twilio_whatsapp_from=None
    )
    caplog.set_level(logging.INFO, logger="bot.channels.dry_run")

    async with gateway_factory(dry) as gateway:
        response = await post_twilio(gateway, whatsapp_form("SM" + "7" * 32, "hola"))
        [outbound] = await gateway.messages("out")

    assert response.status_code == 200
    assert outbound.status == "sent"
    assert fake_twilio.requests == []
    assert "echo: hola" in caplog.text


async def test_without_an_auth_token_the_webhook_refuses_everything(
    settings: Settings, gateway_factory
):
    unconfigured = dataclasses.replace(settings, twilio_auth_token=None)

    async with gateway_factory(unconfigured) as gateway:
        response = await post_twilio(gateway, whatsapp_form("SM" + "8" * 32, "hola"))
        assert await gateway.messages() == []

    assert response.status_code == 403
