"""ConversationService: the order of a turn, handoff silence, menus, duplicates, retries."""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import select

from bot.channels.base import DeliveryError, InboundMessage, Media
from bot.conversations.service import MessageNotFound
from bot.handoff.state import ConversationState, claim, request_handoff
from bot.rasa_client import RasaUnavailable
from bot.storage.models import Conversation, Message
from tests.fakes.fake_rasa import FakeRasa, custom
from tests.gateway.conftest import Gateway, RecordingSender

PHONE = "+593991234567"


def sms(text: str | None, external_id: str, **fields) -> InboundMessage:
    return InboundMessage(
        channel="sms", address=PHONE, external_id=external_id, text=text, **fields
    )


async def say(gateway: Gateway, text: str | None, external_id: str, **fields):
    received = await gateway.service.receive(sms(text, external_id, **fields))
    return await gateway.service.process(received.message_id)


async def conversation(gateway: Gateway) -> Conversation:
    async with gateway.service.db.session() as session:
        return await session.scalar(select(Conversation).where(Conversation.address == PHONE))


async def set_state(gateway: Gateway, state: ConversationState) -> None:
    async with gateway.service.db.session() as session:
        conv = await session.scalar(select(Conversation).where(Conversation.address == PHONE))
        request_handoff(conv, "requested")
        if state is ConversationState.WITH_STAFF:
            claim(conv, staff_id=7)


async def messages(gateway: Gateway) -> list[Message]:
    async with gateway.service.db.session() as session:
        return list(await session.scalars(select(Message).order_by(Message.id)))


async def test_duplicate_external_id_is_stored_and_processed_once(
    gateway: Gateway, fake_rasa: FakeRasa
):
    first = await gateway.service.receive(sms("hola", "SM1"))
    again = await gateway.service.receive(sms("hola", "SM1"))

    assert again.duplicate is True and first.duplicate is False
    assert (again.message_id, again.conversation_id) == (first.message_id, first.conversation_id)
    await gateway.service.process(first.message_id)
    assert await gateway.service.process(again.message_id) == []
    assert fake_rasa.texts() == ["hola"]
    assert [m.direction for m in await messages(gateway)] == ["in", "out"]


async def test_replies_are_delivered_through_the_channel_sender(
    gateway: Gateway, sms_sender: RecordingSender
):
    await say(gateway, "hola", "SM1")

    assert [(key, reply.text) for key, reply in sms_sender.sent] == [(f"sms:{PHONE}", "echo: hola")]
    out = (await messages(gateway))[-1]
    assert (out.status, out.provider_message_id) == ("sent", "SM1")


async def test_bare_number_picks_the_payload_of_the_last_menu(
    gateway: Gateway, fake_rasa: FakeRasa
):
    fake_rasa.script["hola"] = [
        custom(
            "¿Sobre qué?",
            buttons=[
                {"title": "Papeles", "payload": "/ask_regularization"},
                {"title": "Salud", "payload": "/ask_health"},
            ],
        )
    ]
    await say(gateway, "hola", "SM1")

    await say(gateway, " 2 ", "SM2")
    await say(gateway, "7", "SM3")  # not an option: goes to Rasa as typed

    assert fake_rasa.texts() == ["hola", "/ask_health", "7"]


async def test_safety_net_answers_in_bot_state_without_rasa(
    gateway: Gateway, fake_rasa: FakeRasa, sms_sender: RecordingSender
):
    replies = await say(gateway, "ME QUIERO MATAR!!", "SM1")

    assert fake_rasa.received == []
    assert replies[0].meta["emergency"] is True and replies[0].meta["kind"] == "emergency"
    # No country yet: the regional list of emergency numbers from the fixture hotlines.
    assert "AR 911 · EC 911" in replies[0].text
    conv = await conversation(gateway)
    assert (conv.state, conv.priority, conv.handoff_reason) == ("waiting", 100, "emergency")
    assert sms_sender.sent[0][1].text == replies[0].text


async def test_safety_net_uses_the_country_hotlines_when_known(
    gateway: Gateway, fake_rasa: FakeRasa
):
    fake_rasa.script["estoy en ecuador"] = [custom("Ok", country="EC")]
    await say(gateway, "estoy en ecuador", "SM1")

    replies = await say(gateway, "me van a matar", "SM2")

    assert "911 (Emergencias ECU 911" in replies[0].text
    assert "1800 335486" in replies[0].text  # a hotline the EC protection answer names
    assert "171" not in replies[0].text  # health appointments are not an emergency line


async def test_safety_net_fires_while_waiting_and_raises_priority(
    gateway: Gateway, fake_rasa: FakeRasa
):
    await say(gateway, "hola", "SM1")
    await set_state(gateway, ConversationState.WAITING)

    replies = await say(gateway, "me está pegando", "SM2")

    assert replies[0].meta["emergency"] is True
    conv = await conversation(gateway)
    assert (conv.state, conv.priority, conv.handoff_reason) == ("waiting", 100, "emergency")
    assert fake_rasa.texts() == ["hola"]


async def test_question_about_violence_goes_to_rasa_not_the_safety_net(
    gateway: Gateway, fake_rasa: FakeRasa
):
    replies = await say(gateway, "que hago si sufro violencia domestica", "SM1")

    assert fake_rasa.texts() == ["que hago si sufro violencia domestica"]
    assert not replies[0].meta.get("emergency")
    assert (await conversation(gateway)).state == "bot"


async def test_silent_while_waiting_and_message_kept(gateway: Gateway, fake_rasa: FakeRasa):
    await say(gateway, "hola", "SM1")
    await set_state(gateway, ConversationState.WITH_STAFF)

    replies = await say(gateway, "sigo esperando", "SM2")

    assert replies == []
    assert fake_rasa.texts() == ["hola"]
    kept = (await messages(gateway))[-1]
    assert (kept.direction, kept.text, kept.status) == ("in", "sigo esperando", "done")


async def test_cancel_returns_to_the_bot(gateway: Gateway, fake_rasa: FakeRasa):
    await say(gateway, "hola", "SM1")
    await set_state(gateway, ConversationState.WAITING)

    replies = await say(gateway, "Cancelar.", "SM2")
    await say(gateway, "y ahora?", "SM3")

    assert replies[0].text.startswith("Listo, volviste al asistente")
    conv = await conversation(gateway)
    assert (conv.state, conv.priority, conv.handoff_reason) == ("bot", 0, None)
    assert fake_rasa.texts() == ["hola", "y ahora?"]


async def test_rasa_handoff_request_queues_and_acknowledges(gateway: Gateway, fake_rasa: FakeRasa):
    fake_rasa.script["quiero hablar con alguien"] = [
        custom("Claro, te comunico con una persona del equipo.", handoff=True, kind="handoff")
    ]

    replies = await say(gateway, "quiero hablar con alguien", "SM1")

    conv = await conversation(gateway)
    assert (conv.state, conv.handoff_reason, conv.priority) == ("waiting", "requested", 0)
    assert len(replies) == 2 and replies[1].meta["kind"] == "handoff"


async def test_emergency_from_rasa_goes_to_the_top_of_the_queue(
    gateway: Gateway, fake_rasa: FakeRasa
):
    fake_rasa.script["ayudenme"] = [
        custom("Llama al 911", handoff=True, emergency=True, kind="emergency")
    ]

    await say(gateway, "ayudenme", "SM1")

    conv = await conversation(gateway)
    assert (conv.state, conv.handoff_reason, conv.priority) == ("waiting", "emergency", 100)


async def test_later_message_never_overtakes_a_pending_earlier_one(
    gateway: Gateway, fake_rasa: FakeRasa
):
    fake_rasa.available = False
    first = await gateway.service.receive(sms("primero", "SM1"))
    with contextlib.suppress(RasaUnavailable):
        await gateway.service.process(first.message_id)
    second = await gateway.service.receive(sms("segundo", "SM2"))
    fake_rasa.available = True

    replies = await gateway.service.process(second.message_id)

    assert fake_rasa.texts() == ["primero", "segundo"]
    assert [reply.text for reply in replies] == ["echo: primero", "echo: segundo"]


async def test_worker_retries_pending_messages_when_due(gateway: Gateway, fake_rasa: FakeRasa):
    fake_rasa.available = False
    received = await gateway.service.receive(sms("hola", "SM1"))
    assert await gateway.app.state.inbox_worker.run_once() == 0
    pending = (await messages(gateway))[0]
    assert (pending.status, pending.attempts) == ("pending", 1)

    fake_rasa.available = True
    async with gateway.service.db.session() as session:  # let the back-off run out
        message = await session.get(Message, received.message_id)
        message.next_attempt_at = message.created_at
    assert await gateway.app.state.inbox_worker.run_once() == 1

    assert fake_rasa.texts() == ["hola"]
    assert (await messages(gateway))[0].status == "done"


async def test_media_only_message_is_kept_and_explained(gateway: Gateway, fake_rasa: FakeRasa):
    photo = Media(url="https://api.twilio.com/x", content_type="image/jpeg")

    replies = await say(gateway, None, "SM1", media=[photo])

    assert fake_rasa.received == []
    assert "solo puedo leer texto" in replies[0].text
    stored = (await messages(gateway))[0]
    assert stored.data["media"][0]["content_type"] == "image/jpeg"


async def test_retryable_delivery_failure_is_retried_by_the_outbox(
    gateway: Gateway, sms_sender: RecordingSender
):
    sms_sender.failure = DeliveryError("Twilio 503", retryable=True)
    await say(gateway, "hola", "SM1")
    out = (await messages(gateway))[-1]
    assert (out.status, out.attempts) == ("queued", 1)

    sms_sender.failure = None
    async with gateway.service.db.session() as session:
        message = await session.get(Message, out.id)
        message.next_attempt_at = message.created_at
    assert await gateway.app.state.outbox_worker.run_once() == 1
    assert (await messages(gateway))[-1].status == "sent"


async def test_permanent_delivery_failure_is_recorded(
    gateway: Gateway, sms_sender: RecordingSender
):
    sms_sender.failure = DeliveryError("21211 invalid number", retryable=False, code="21211")

    await say(gateway, "hola", "SM1")

    out = (await messages(gateway))[-1]
    assert (out.status, out.error) == ("failed", "21211 invalid number")


async def test_staff_reply_is_stored_and_delivered(gateway: Gateway, sms_sender: RecordingSender):
    await say(gateway, "hola", "SM1")
    await set_state(gateway, ConversationState.WITH_STAFF)
    conv = await conversation(gateway)

    message = await gateway.service.send_staff_reply(conv.id, 7, "  Hola, soy Ana del equipo. ")

    assert (message.author, message.staff_id, message.status) == ("staff", 7, "sent")
    assert sms_sender.sent[-1][1].text == "Hola, soy Ana del equipo."


async def test_emergency_is_answered_even_behind_a_message_stuck_on_rasa(
    gateway: Gateway, fake_rasa: FakeRasa
):
    fake_rasa.available = False
    first = await gateway.service.receive(sms("hola", "SM1"))
    with contextlib.suppress(RasaUnavailable):
        await gateway.service.process(first.message_id)
    queued_question = await gateway.service.receive(sms("y los papeles?", "SM2"))
    emergency = await gateway.service.receive(sms("me van a matar", "SM3"))

    replies = await gateway.service.process(emergency.message_id)

    assert replies[0].meta["emergency"] is True
    stored = {m.id: m for m in await messages(gateway)}
    assert stored[first.message_id].status == "pending"
    assert stored[queued_question.message_id].status == "pending"
    assert (
        stored[queued_question.message_id].next_attempt_at
        == stored[first.message_id].next_attempt_at
    )
    assert (await conversation(gateway)).priority == 100
    assert fake_rasa.received == []


async def test_worker_looks_at_a_new_emergency_while_an_older_message_waits(
    gateway: Gateway, fake_rasa: FakeRasa, sms_sender: RecordingSender
):
    fake_rasa.available = False
    first = await gateway.service.receive(sms("hola", "SM1"))
    with contextlib.suppress(RasaUnavailable):
        await gateway.service.process(first.message_id)
    await gateway.service.receive(sms("me quiero matar", "SM2"))

    await gateway.app.state.inbox_worker.run_once()

    assert sms_sender.sent[-1][1].meta["emergency"] is True
    assert (await messages(gateway))[0].status == "pending"


async def test_shared_location_sets_the_country_and_informs_rasa(
    gateway: Gateway, fake_rasa: FakeRasa
):
    quito = (-0.2202, -78.5124)

    replies = await say(gateway, None, "SM1", location=quito)

    assert fake_rasa.texts() == ['/inform_country{"country":"EC"}']
    assert fake_rasa.received[0]["metadata"]["location"] == list(quito)
    conv = await conversation(gateway)
    assert conv.country == "EC"
    assert replies[0].text.startswith("Gracias, veo que estás en")


async def test_location_outside_our_countries_is_explained_without_rasa(
    gateway: Gateway, fake_rasa: FakeRasa
):
    madrid = (40.4168, -3.7038)

    replies = await say(gateway, None, "SM1", location=madrid)

    assert fake_rasa.received == []
    assert "fuera de los países" in replies[0].text


async def test_a_crashing_turn_marks_the_message_failed_and_later_ones_go_on(
    gateway: Gateway, fake_rasa: FakeRasa, monkeypatch
):
    planner = gateway.service.planner
    real_plan = planner.plan

    def crash_once(conv, message):
        monkeypatch.setattr(planner, "plan", real_plan)
        raise RuntimeError("broken content")

    monkeypatch.setattr(planner, "plan", crash_once)
    first = await gateway.service.receive(sms("hola", "SM1"))
    with pytest.raises(RuntimeError):
        await gateway.service.process(first.message_id)

    await say(gateway, "sigo aquí", "SM2")

    stored = await messages(gateway)
    assert (stored[0].status, stored[0].error) == ("failed", "RuntimeError('broken content')")
    assert fake_rasa.texts() == ["sigo aquí"]


async def test_staff_reply_refuses_empty_text_and_unknown_conversations(gateway: Gateway):
    await say(gateway, "hola", "SM1")
    conv = await conversation(gateway)

    with pytest.raises(ValueError):
        await gateway.service.send_staff_reply(conv.id, 7, "   ")
    with pytest.raises(MessageNotFound):
        await gateway.service.send_staff_reply(conv.id + 1000, 7, "hola")
