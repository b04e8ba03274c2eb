"""POST /webhooks/twilio through the full app, with the real twilio SDK sending to a fake."""

from __future__ import annotations

from tests.channels.conftest import (
    TWILIO_ACCOUNT_SID,
    TWILIO_SMS_FROM,
    TWILIO_WHATSAPP_FROM,
    Gateway,
    post_twilio,
    sms_form,
    whatsapp_form,
)
from tests.fakes.fake_rasa import FakeRasa, custom
from tests.fakes.fake_twilio import FakeTwilio

COUNTRY_BUTTONS = [
    {"title": "Perú", "payload": '/inform_country{"country":"PE"}'},
    {"title": "Chile", "payload": '/inform_country{"country":"CL"}'},
]


async def test_signed_whatsapp_message_is_answered_through_the_twilio_api(
    gateway: Gateway, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
):
    fake_rasa.script["hola"] = [custom("¿En qué país estás?", buttons=COUNTRY_BUTTONS)]

    response = await post_twilio(gateway, whatsapp_form("SM" + "a" * 32, "hola"))

    assert response.status_code == 200
    assert response.text.startswith("<?xml")
    [sent] = fake_twilio.delivered
    assert sent.account_sid == TWILIO_ACCOUNT_SID
    assert sent.auth_user == TWILIO_ACCOUNT_SID
    assert sent.form["From"] == TWILIO_WHATSAPP_FROM
    assert sent.form["To"] == "whatsapp:+584121234567"
    assert sent.form["Body"] == (
        "¿En qué país estás?\n\n1) Perú\n2) Chile\nResponde con el número."
    )
    assert sent.form["StatusCallback"] == "https://rumbo.example.org/webhooks/twilio/status"
    assert fake_rasa.received[0]["sender"] == "whatsapp:+584121234567"
    [outbound] = await gateway.messages("out")
    assert outbound.status == "sent"
    assert outbound.provider_message_id.startswith("SM")


async def test_signed_sms_is_answered_in_plain_text_and_a_bare_number_picks_an_option(
    gateway: Gateway, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
):
    fake_rasa.script["hola"] = [custom("¿En qué país estás?", buttons=COUNTRY_BUTTONS)]

    first = await post_twilio(gateway, sms_form("SM" + "1" * 32, "hola"))
    second = await post_twilio(gateway, sms_form("SM" + "2" * 32, "2"))

    assert first.status_code == second.status_code == 200
    assert fake_rasa.texts() == ["hola", '/inform_country{"country":"CL"}']
    first_sent = fake_twilio.delivered[0].form
    assert first_sent["From"] == TWILIO_SMS_FROM
    assert first_sent["To"] == "+51987654321"
    assert first_sent["Body"] == "¿En qué país estás?\n1) Perú\n2) Chile\nResponde con el número."


async def test_bad_or_missing_signature_is_refused_and_nothing_happens(
    gateway: Gateway, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
):
    form = whatsapp_form("SM" + "b" * 32, "hola")

    wrong = await post_twilio(gateway, form, signature="bm90IHRoZSBzaWduYXR1cmU=")
    missing = await post_twilio(gateway, form, signature=None)
    tampered = dict(form)
    tampered_response = await gateway.client.post(
        "/webhooks/twilio",
        data={**tampered, "Body": "changed"},
        headers={"X-Twilio-Signature": _signature_of(form)},
    )

    assert wrong.status_code == missing.status_code == tampered_response.status_code == 403
    assert await gateway.messages() == []
    assert fake_rasa.received == []
    assert fake_twilio.requests == []


def _signature_of(form: dict[str, str]) -> str:
    from tests.channels.conftest import PUBLIC_BASE_URL, twilio_signature

    return twilio_signature(PUBLIC_BASE_URL + "/webhooks/twilio", form)


async def test_a_repeated_message_sid_is_answered_once(
    gateway: Gateway, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
):
    form = whatsapp_form("SM" + "c" * 32, "hola")

    responses = [await post_twilio(gateway, form) for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 200]
    assert fake_rasa.texts() == ["hola"]
    assert len(fake_twilio.delivered) == 1
    assert len(await gateway.messages("in")) == 1


async def test_a_429_from_twilio_is_retried_and_delivered(
    gateway: Gateway, fake_twilio: FakeTwilio
):
    fake_twilio.fail_next(2, status=429)

    await post_twilio(gateway, whatsapp_form("SM" + "d" * 32, "hola"))

    assert [r.status_code for r in fake_twilio.requests] == [429, 429, 201]
    assert len({r.form["Body"] for r in fake_twilio.requests}) == 1
    [outbound] = await gateway.messages("out")
    assert outbound.status == "sent"


async def test_a_shared_location_in_lima_sets_peru(
    gateway: Gateway, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
):
    form = whatsapp_form(
        "SM" + "e" * 32,
        "",
        Latitude="-12.0464",
        Longitude="-77.0428",
        MessageType="location",
    )

    response = await post_twilio(gateway, form)

    assert response.status_code == 200
    assert fake_rasa.texts() == ['/inform_country{"country":"PE"}']
    [conversation] = await gateway.conversations()
    assert (conversation.country, conversation.city) == ("PE", "Lima")
    assert [r.form["Body"] for r in fake_twilio.delivered] == [
        "Gracias, veo que estás en Lima.",
        'echo: /inform_country{"country":"PE"}',
    ]


async def test_a_voice_note_gets_the_text_only_answer_and_is_kept_for_staff(
    gateway: Gateway, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
):
    media_url = (
        f"https://api.twilio.com/2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}"
        "/Messages/MM0000/Media/ME0000"
    )
    form = whatsapp_form(
        "SM" + "f" * 32,
        "",
        NumMedia="1",
        MediaUrl0=media_url,
        MediaContentType0="audio/ogg",
        MessageType="audio",
    )

    response = await post_twilio(gateway, form)

    assert response.status_code == 200
    assert fake_rasa.received == []
    [sent] = fake_twilio.delivered
    assert sent.form["Body"].startswith("Por ahora solo puedo leer texto.")
    [inbound] = await gateway.messages("in")
    assert inbound.data["media"] == [{"url": media_url, "content_type": "audio/ogg"}]


async def test_a_venezuelan_number_only_suggests_a_country(
    gateway: Gateway, fake_rasa: FakeRasa
):
    await post_twilio(gateway, whatsapp_form("SM" + "9" * 32, "hola"))

    [conversation] = await gateway.conversations()
    assert conversation.context["country_hint"] == "VE"
    assert conversation.country is None
    assert fake_rasa.received[0]["metadata"]["country"] is None
