"""The handoff seen from the person's side, through the real ConversationService and a fake
Rasa: the bot and a person never both answer, cancel and resolve give the bot back, and an
emergency while waiting still gets the emergency answer."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.models import Message
from bot.storage.staff_models import CaseOutcome
from tests.console.conftest import Console, sign_in
from tests.fakes.fake_rasa import FakeRasa, custom

PERSON = "+57300111222"


async def outbound(console: Console) -> list[Message]:
    async with console.app.state.db.session() as session:
        return list(
            await session.scalars(
                select(Message).where(Message.direction == "out").order_by(Message.id)
            )
        )


async def test_handoff_is_acknowledged_with_the_team_hours_and_danger_numbers(
    console: Console, fake_rasa: FakeRasa
):
    await console.handed_off_case(fake_rasa, country="CO", address=PERSON)

    ack = (await outbound(console))[-1]
    conv = await console.conversation("sms", PERSON)
    assert conv.state == "waiting" and conv.handoff_reason == "requested"
    assert "handoff_at" in conv.context
    assert ack.author == "system"
    # Either the expected wait (team open) or when the team is back (closed), never neither.
    assert "Tiempo de espera estimado: menos de 2 horas" in ack.text or (
        "te responderá por aquí" in ack.text and " a las 09:00" in ack.text
    )
    assert "Si estás en peligro, llama al" in ack.text


async def test_no_message_is_answered_by_both_the_bot_and_a_person(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    case_id = await console.handed_off_case(fake_rasa, country="CO", address=PERSON)
    rasa_heard = fake_rasa.texts()

    # Waiting: the person writes; the bot stays silent and nothing goes out.
    assert await console.say("sms", PERSON, "hola? sigue ahi alguien") == []
    async with console.client() as client:
        token = await sign_in(client, "carla")
        headers = {"X-CSRF-Token": token}
        await client.post(f"/staff/api/cases/{case_id}/claim", headers=headers)
        # With staff: the person writes again; still only staff answer.
        assert await console.say("sms", PERSON, "necesito ayuda con mis papeles") == []
        reply = await client.post(
            f"/staff/api/cases/{case_id}/reply",
            json={"text": "Hola, soy Carla. ¿En qué ciudad estás?"},
            headers=headers,
        )
    assert reply.status_code == 200
    assert fake_rasa.texts() == rasa_heard  # Rasa never saw the messages meant for staff
    last_two = [(m.author, m.text) for m in (await outbound(console))[-1:]]
    assert last_two == [("staff", "Hola, soy Carla. ¿En qué ciudad estás?")]
    sent = [reply.text for _, reply in console.sent["sms"].sent]
    assert sent[-1] == "Hola, soy Carla. ¿En qué ciudad estás?"
    assert not any(text.startswith("echo:") for text in sent)


async def test_cancel_returns_the_person_to_the_bot(console: Console, fake_rasa: FakeRasa):
    await console.add_staff("carla", teams=("CO",))
    await console.handed_off_case(fake_rasa, country="CO", address=PERSON)

    replies = await console.say("sms", PERSON, "cancelar")
    conv = await console.conversation("sms", PERSON)
    answer = await console.say("sms", PERSON, "cuanto cuesta el permiso")

    assert [reply.text for reply in replies] == [
        "Listo, volviste al asistente automático. ¿En qué te ayudo?"
    ]
    assert conv.state == "bot" and conv.priority == 0
    assert [reply.text for reply in answer] == ["echo: cuanto cuesta el permiso"]
    async with console.client() as client:
        await sign_in(client, "carla")
        queue = await client.get("/staff/api/queue")
    assert queue.json()["cases"] == []


async def test_an_emergency_while_waiting_still_gets_the_emergency_answer(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    calm = await console.handed_off_case(fake_rasa, country="CO", address="+57300999888")
    urgent = await console.handed_off_case(fake_rasa, country="CO", address=PERSON)
    rasa_heard = fake_rasa.texts()

    replies = await console.say("sms", PERSON, "ayuda me van a matar")

    conv = await console.conversation("sms", PERSON)
    assert len(replies) == 1 and replies[0].meta.get("emergency") is True
    assert "llama" in replies[0].text
    assert conv.state == "waiting" and conv.priority == 100
    assert fake_rasa.texts() == rasa_heard
    async with console.client() as client:
        await sign_in(client, "carla")
        queue = (await client.get("/staff/api/queue")).json()["cases"]
    assert [case["id"] for case in queue] == [urgent, calm]  # emergency first
    assert queue[0]["emergency"] is True


async def test_resolve_tells_the_person_and_the_bot_answers_the_next_message(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    case_id = await console.handed_off_case(fake_rasa, country="CO", address=PERSON)
    async with console.client() as client:
        token = await sign_in(client, "carla")
        headers = {"X-CSRF-Token": token}
        await client.post(f"/staff/api/cases/{case_id}/claim", headers=headers)
        resolved = await client.post(
            f"/staff/api/cases/{case_id}/resolve",
            json={"outcome": "information_given", "summary": "Explained the PPT steps"},
            headers=headers,
        )

    assert resolved.status_code == 200
    told = console.sent["sms"].sent[-1][1].text
    assert told == "Una persona del equipo cerró tu consulta. Si necesitas algo más, escríbeme."
    answer = await console.say("sms", PERSON, "y para trabajar?")
    assert [reply.text for reply in answer] == ["echo: y para trabajar?"]
    conv = await console.conversation("sms", PERSON)
    assert conv.state == "bot" and conv.assigned_staff_id is None
    async with console.app.state.db.session() as session:
        outcome = await session.scalar(select(CaseOutcome))
    assert (outcome.category, outcome.summary) == ("information_given", "Explained the PPT steps")


async def test_staff_can_take_over_a_live_bot_conversation(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    fake_rasa.script["estoy en bogota"] = [custom("Estás en Colombia.", country="CO")]
    await console.say("sms", PERSON, "estoy en bogota")
    conv = await console.conversation("sms", PERSON)
    assert conv.state == "bot"
    async with console.client() as client:
        token = await sign_in(client, "carla")
        taken = await client.post(
            f"/staff/api/cases/{conv.id}/take-over", headers={"X-CSRF-Token": token}
        )
    conv = await console.conversation("sms", PERSON)
    assert taken.status_code == 200
    assert (conv.state, conv.handoff_reason, conv.country) == ("with_staff", "staff", "CO")
    assert "handoff_at" in conv.context
    rasa_heard = fake_rasa.texts()
    assert await console.say("sms", PERSON, "hola") == []
    assert fake_rasa.texts() == rasa_heard
