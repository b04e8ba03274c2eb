"""POST /api/chat and GET /api/chat/{user}/messages."""

from __future__ import annotations

import pytest

from tests.fakes.fake_rasa import FakeRasa, custom
from tests.gateway.conftest import Gateway


async def test_happy_path_maps_custom_replies_and_meta(gateway: Gateway, fake_rasa: FakeRasa):
    fake_rasa.script["hola"] = [
        custom(
            "¡Hola! ¿En qué país estás?",
            buttons=[{"title": "Ecuador", "payload": '/inform_country{"country":"EC"}'}],
            kind="ask_country",
        ),
        {"recipient_id": "web:ana", "text": "Plain text from a domain response"},
    ]

    response = await gateway.client.post("/api/chat", json={"user": "ana", "text": "hola"})

    assert response.status_code == 200
    replies = response.json()["replies"]
    assert [reply["text"] for reply in replies] == [
        "¡Hola! ¿En qué país estás?",
        "Plain text from a domain response",
    ]
    assert replies[0]["buttons"] == [
        {"title": "Ecuador", "payload": '/inform_country{"country":"EC"}'}
    ]
    assert replies[0]["meta"]["kind"] == "ask_country"
    assert replies[1]["meta"] == {}
    assert fake_rasa.received[0]["sender"] == "web:ana"
    assert fake_rasa.received[0]["metadata"]["channel"] == "web"


async def test_reply_meta_updates_the_conversation(gateway: Gateway, fake_rasa: FakeRasa):
    fake_rasa.script["tengo papeles?"] = [
        custom("Respuesta", lang="pt", country="EC", topic="regularization")
    ]

    await gateway.client.post("/api/chat", json={"user": "bia", "text": "tengo papeles?"})
    await gateway.client.post("/api/chat", json={"user": "bia", "text": "y ahora"})

    assert fake_rasa.received[1]["metadata"]["lang"] == "pt"
    assert fake_rasa.received[1]["metadata"]["country"] == "EC"


async def test_messages_endpoint_lists_both_directions_after_an_id(gateway: Gateway):
    await gateway.client.post("/api/chat", json={"user": "ana", "text": "uno"})

    everything = (await gateway.client.get("/api/chat/ana/messages")).json()["messages"]
    assert [(m["direction"], m["text"]) for m in everything] == [
        ("in", "uno"),
        ("out", "echo: uno"),
    ]
    later = await gateway.client.get(f"/api/chat/ana/messages?after={everything[0]['id']}")
    assert [m["text"] for m in later.json()["messages"]] == ["echo: uno"]
    assert later.json()["messages"][0]["status"] == "sent"


async def test_button_payload_is_sent_to_rasa_as_the_text(gateway: Gateway, fake_rasa: FakeRasa):
    response = await gateway.client.post(
        "/api/chat", json={"user": "ana", "text": "Salud", "payload": "/ask_health"}
    )

    assert response.status_code == 200
    assert fake_rasa.texts() == ["/ask_health"]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"not json", "JSON"),
        (b"[1, 2]", "object"),
        (b'{"text": "hola"}', "user"),
        (b'{"user": "ana"}', "text"),
        (b'{"user": "ana", "text": "   "}', "text"),
        (b'{"user": "ana", "text": 5}', "text"),
        (b'{"user": "a b/c", "text": "hola"}', "user"),
        (b'{"user": "ana", "text": "hola", "payload": "no-slash"}', "payload"),
    ],
)
async def test_malformed_input_is_a_clear_400(
    gateway: Gateway, fake_rasa: FakeRasa, body: bytes, problem: str
):
    response = await gateway.client.post(
        "/api/chat", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 400
    assert problem in response.json()["error"]
    assert fake_rasa.received == []


async def test_over_long_text_is_refused(gateway: Gateway, fake_rasa: FakeRasa):
    response = await gateway.client.post("/api/chat", json={"user": "ana", "text": "a" * 2001})

    assert response.status_code == 400
    assert "2000" in response.json()["error"]
    ok = await gateway.client.post("/api/chat", json={"user": "ana", "text": "a" * 2000})
    assert ok.status_code == 200


async def test_bad_after_parameter_is_a_400(gateway: Gateway):
    response = await gateway.client.get("/api/chat/ana/messages?after=abc")

    assert response.status_code == 400


async def test_unknown_user_has_no_messages(gateway: Gateway):
    response = await gateway.client.get("/api/chat/nobody/messages")

    assert response.status_code == 200
    assert response.json() == {"messages": []}


async def test_rasa_down_queues_the_message_and_answers_it_later(
    gateway: Gateway, fake_rasa: FakeRasa
):
    fake_rasa.available = False

    response = await gateway.client.post("/api/chat", json={"user": "ana", "text": "hola"})

    assert response.status_code == 503
    body = response.json()
    assert body["queued"] is True
    assert "problema técnico" in body["error"]
    messages = (await gateway.client.get("/api/chat/ana/messages")).json()["messages"]
    assert [(m["direction"], m["status"]) for m in messages] == [("in", "pending"), ("out", "sent")]

    fake_rasa.available = True
    # Not due yet: the retry waits for its back-off, so the worker leaves it alone.
    assert await gateway.app.state.inbox_worker.run_once() == 0
    await gateway.service.process(messages[0]["id"])

    messages = (await gateway.client.get("/api/chat/ana/messages")).json()["messages"]
    assert messages[0]["status"] == "done"
    assert messages[-1]["text"] == "echo: hola"
    assert fake_rasa.texts() == ["hola"]


async def test_chat_page_is_self_contained(gateway: Gateway):
    response = await gateway.client.get("/")

    assert response.status_code == 200
    assert "/api/chat" in response.text
    assert "<script src=" not in response.text
    assert "http://" not in response.text and "https://" not in response.text
