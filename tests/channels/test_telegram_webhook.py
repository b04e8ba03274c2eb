"""POST /webhooks/telegram through the full app, with python-telegram-bot talking to a fake
Bot API on 127.0.0.1."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bot.settings import Settings
from tests.channels.conftest import TELEGRAM_SECRET, TELEGRAM_TOKEN, Gateway
from tests.fakes.fake_rasa import FakeRasa, custom
from tests.fakes.fake_telegram import BOT_USER, FakeTelegram

CHAT_ID = 5550123
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
USER = {"id": CHAT_ID, "is_bot": False, "first_name": "Luis", "language_code": "es"}
CHAT = {"id": CHAT_ID, "first_name": "Luis", "type": "private"}
COUNTRY_BUTTONS = [
    {"title": "Colombia", "payload": '/inform_country{"country":"CO"}'},
    {"title": "Ecuador", "payload": '/inform_country{"country":"EC"}'},
]


def message_update(update_id: int, **message: Any) -> dict[str, Any]:
    """A real-shaped Bot API update carrying a message."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id * 10,
            "from": USER,
            "chat": CHAT,
            "date": 1796000000,
            **message,
        },
    }


def text_update(update_id: int, text: str) -> dict[str, Any]:
    update = message_update(update_id, text=text)
    if text.startswith("/"):
        command = text.split()[0]
        update["message"]["entities"] = [
            {"offset": 0, "length": len(command), "type": "bot_command"}
        ]
    return update


def callback_update(update_id: int, data: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cq{update_id}",
            "from": USER,
            "chat_instance": "-1234",
            "data": data,
            "message": {
                "message_id": 1,
                "from": BOT_USER,
                "chat": CHAT,
                "date": 1796000000,
                "text": "¿En qué país estás?",
            },
        },
    }


async def post_update(gateway: Gateway, update: Any, secret: str | None = TELEGRAM_SECRET):
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    return await gateway.client.post("/webhooks/telegram", json=update, headers=headers)


async def test_a_text_update_is_answered_with_an_inline_keyboard(
    gateway: Gateway, fake_rasa: FakeRasa, fake_telegram: FakeTelegram
):
    fake_rasa.script["hola"] = [custom("¿En qué país estás?", buttons=COUNTRY_BUTTONS)]

    response = await post_update(gateway, text_update(1001, "hola"))

    assert response.status_code == 200
    assert fake_rasa.received[0]["sender"] == f"telegram:{CHAT_ID}"
    [call] = fake_telegram.calls_to("sendMessage")
    assert call.token == TELEGRAM_TOKEN
    assert int(call.params["chat_id"]) == CHAT_ID
    assert call.params["text"] == "¿En qué país estás?"
    assert "parse_mode" not in call.params
    assert call.params["reply_markup"] == {
        "inline_keyboard": [
            [{"text": "Colombia", "callback_data": '/inform_country{"country":"CO"}'}],
            [{"text": "Ecuador", "callback_data": '/inform_country{"country":"EC"}'}],
        ]
    }
    [outbound] = await gateway.messages("out")
    assert outbound.status == "sent"


@pytest.mark.parametrize("secret", [None, "wrong-secret", "", TELEGRAM_SECRET + "x"])
async def test_a_wrong_or_missing_secret_gets_403_and_nothing_happens(
    gateway: Gateway, fake_rasa: FakeRasa, fake_telegram: FakeTelegram, secret: str | None
):
    response = await post_update(gateway, text_update(1002, "hola"), secret=secret)

    assert response.status_code == 403
    assert await gateway.messages() == []
    assert fake_rasa.received == []
    assert [c.method for c in fake_telegram.calls if c.method != "getMe"] == []


async def test_a_repeated_update_id_is_answered_once(
    gateway: Gateway, fake_rasa: FakeRasa, fake_telegram: FakeTelegram
):
    for _ in range(3):
        response = await post_update(gateway, text_update(1003, "hola"))
        assert response.status_code == 200

    assert fake_rasa.texts() == ["hola"]
    assert len(fake_telegram.calls_to("sendMessage")) == 1


async def test_a_tapped_button_is_acknowledged_and_its_payload_sent_on(
    gateway: Gateway, fake_rasa: FakeRasa, fake_telegram: FakeTelegram
):
    response = await post_update(gateway, callback_update(1004, '/inform_country{"country":"EC"}'))

    assert response.status_code == 200
    [answer] = fake_telegram.calls_to("answerCallbackQuery")
    assert answer.params["callback_query_id"] == "cq1004"
    assert fake_rasa.texts() == ['/inform_country{"country":"EC"}']


async def test_a_numbered_button_picks_that_option_of_the_last_menu(
    gateway: Gateway, fake_rasa: FakeRasa
):
    fake_rasa.script["hola"] = [custom("¿En qué país estás?", buttons=COUNTRY_BUTTONS)]
    await post_update(gateway, text_update(1005, "hola"))

    await post_update(gateway, callback_update(1006, "2"))

    assert fake_rasa.texts() == ["hola", '/inform_country{"country":"EC"}']


@pytest.mark.parametrize(
    ("command", "rasa_hears"),
    [
        ("/start CO", '/inform_country{"country":"CO"}'),
        ("/start pt", '/set_language{"language":"pt"}'),
        ("/start", "/greet"),
        ("/help", "/show_menu"),
        ("/idioma en", '/set_language{"language":"en"}'),
        ("/language", "/set_language"),
        ("/pais pe", '/inform_country{"country":"PE"}'),
        ("/country", "/inform_country"),
        ("/humano", "/ask_human"),
        ("/human@rumbo_test_bot", "/ask_human"),
        ("/unknown_thing", "unknown thing"),
    ],
)
async def test_commands(gateway: Gateway, fake_rasa: FakeRasa, command: str, rasa_hears: str):
    response = await post_update(gateway, text_update(1100, command))

    assert response.status_code == 200
    assert fake_rasa.texts() == [rasa_hears]


async def test_a_429_from_telegram_is_retried_and_delivered(
    gateway: Gateway, fake_telegram: FakeTelegram
):
    # Initialise the bot (getMe) first so the failures hit sendMessage.
    await post_update(gateway, text_update(1007, "hola"))
    fake_telegram.fail_next(2)

    await post_update(gateway, text_update(1008, "otra vez"))

    statuses = [c.status_code for c in fake_telegram.calls if c.method == "sendMessage"]
    assert statuses == [200, 429, 429, 200]
    messages = await gateway.messages("out")
    assert [m.status for m in messages] == ["sent", "sent"]


async def test_a_long_answer_is_split_under_4096_characters(
    gateway: Gateway, fake_rasa: FakeRasa, fake_telegram: FakeTelegram
):
    long_text = " ".join(f"Frase número {n} con información útil." for n in range(200))
    fake_rasa.script["todo"] = [custom(long_text, buttons=COUNTRY_BUTTONS)]

    await post_update(gateway, text_update(1009, "todo"))

    calls = fake_telegram.calls_to("sendMessage")
    assert len(calls) == 2
    assert all(len(c.params["text"]) <= 4096 for c in calls)
    assert " ".join(c.params["text"] for c in calls) == long_text
    assert "reply_markup" not in calls[0].params
    assert "reply_markup" in calls[1].params


async def test_a_voice_note_gets_the_text_only_answer(
    gateway: Gateway, fake_rasa: FakeRasa, fake_telegram: FakeTelegram
):
    voice = {"file_id": "AwACAgEAAxkBAAIB", "file_unique_id": "AgAD", "duration": 3,
             "mime_type": "audio/ogg"}

    response = await post_update(gateway, message_update(1010, voice=voice))

    assert response.status_code == 200
    assert fake_rasa.received == []
    [call] = fake_telegram.calls_to("sendMessage")
    assert call.params["text"].startswith("Por ahora solo puedo leer texto.")
    [inbound] = await gateway.messages("in")
    assert inbound.data["media"] == [
        {"url": "telegram-file:AwACAgEAAxkBAAIB", "content_type": "audio/ogg"}
    ]


async def test_a_shared_location_sets_the_country(gateway: Gateway, fake_rasa: FakeRasa):
    location = {"latitude": -33.4489, "longitude": -70.6693}

    await post_update(gateway, message_update(1011, location=location))

    assert fake_rasa.texts() == ['/inform_country{"country":"CL"}']
    [conversation] = await gateway.conversations()
    assert (conversation.country, conversation.city) == ("CL", "Santiago")


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2, 3]",
        b'{"message": {"text": "no update_id"}}',
        b'{"update_id": "12"}',
        b'{"update_id": 12, "message": "not an object"}',
        b'{"update_id": 12, "message": {"text": "no chat or date"}}',
    ],
)
async def test_malformed_updates_get_400_and_nothing_is_stored(gateway: Gateway, body: bytes):
    response = await gateway.client.post(
        "/webhooks/telegram",
        content=body,
        headers={SECRET_HEADER: TELEGRAM_SECRET, "Content-Type": "application/json"},
    )

    assert response.status_code == 400
    assert await gateway.messages() == []


async def test_update_types_we_do_not_handle_are_acknowledged_and_ignored(gateway: Gateway):
    edited = {"update_id": 1012, "edited_message": text_update(1, "x")["message"]}

    response = await post_update(gateway, edited)

    assert response.status_code == 200
    assert await gateway.messages() == []


async def test_without_a_webhook_secret_telegram_is_dry_run_and_refuses_webhooks(
    settings: Settings, gateway_factory, fake_telegram: FakeTelegram
):
    no_secret = dataclasses.replace(settings, telegram_webhook_secret=None)

    async with gateway_factory(no_secret) as gateway:
        response = await post_update(gateway, text_update(1013, "hola"))
        assert await gateway.messages() == []

    assert response.status_code == 403
    assert fake_telegram.calls == []
