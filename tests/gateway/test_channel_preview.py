"""The web chat's channel preview: dry-run channels tried from the browser, rendered as the
phone would show them; live channels and unknown names are refused."""

from __future__ import annotations

from tests.fakes.fake_rasa import FakeRasa, custom
from tests.gateway.conftest import Gateway

MENU = [
    custom(
        "¿En qué país estás?",
        buttons=[
            {"title": "Colombia", "payload": '/inform_country{"country":"CO"}'},
            {"title": "Perú", "payload": '/inform_country{"country":"PE"}'},
        ],
        kind="ask_country",
    )
]


async def test_whatsapp_preview_renders_numbered_menu_and_a_number_picks_it(
    gateway: Gateway, fake_rasa: FakeRasa
):
    fake_rasa.script["hola"] = MENU
    sent = await gateway.client.post(
        "/api/chat", json={"user": "ana", "text": "hola", "channel": "whatsapp"}
    )
    assert sent.status_code == 200
    assert fake_rasa.received[-1]["sender"] == "whatsapp:dev-ana"

    listed = await gateway.client.get("/api/chat/ana/messages?channel=whatsapp")
    out = [m for m in listed.json()["messages"] if m["direction"] == "out"]
    body = "\n".join(out[0]["rendered"])
    assert "¿En qué país estás?" in body and "1" in body and "Perú" in body

    await gateway.client.post("/api/chat", json={"user": "ana", "text": "2", "channel": "whatsapp"})
    assert fake_rasa.received[-1]["message"] == '/inform_country{"country":"PE"}'


async def test_preview_conversations_do_not_mix_with_the_web_one(gateway: Gateway):
    message = {"user": "bo", "text": "hola", "channel": "telegram"}
    await gateway.client.post("/api/chat", json=message)
    web = await gateway.client.get("/api/chat/bo/messages")
    assert web.json()["messages"] == []


async def test_a_live_channel_or_an_unknown_one_is_refused(gateway: Gateway, fake_rasa: FakeRasa):
    # The gateway fixture gives SMS a real (recording) sender: it counts as live.
    live = await gateway.client.post(
        "/api/chat", json={"user": "ana", "text": "hola", "channel": "sms"}
    )
    unknown = await gateway.client.get("/api/chat/ana/messages?channel=fax")
    assert live.status_code == 400 and "live" in live.json()["error"]
    assert unknown.status_code == 400
    assert fake_rasa.received == []
