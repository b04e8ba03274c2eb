"""Staff actions on a case: claim, reply, notes, transfers, reassign, WhatsApp window, audit."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from bot.staff.roles import Role
from bot.storage.models import Conversation, Message, utcnow
from bot.storage.staff_models import AuditEntry
from tests.console.conftest import Console, csrf_from, sign_in
from tests.fakes.fake_rasa import FakeRasa, custom

PERSON = "+57300111222"


async def audit_actions(console: Console, case_id: int) -> list[str]:
    async with console.app.state.db.session() as session:
        rows = await session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.conversation_id == case_id)
            .order_by(AuditEntry.id)
        )
        return [action for action in rows if action != "view_case"]


async def test_only_one_of_two_staff_can_claim_a_case(console: Console, fake_rasa: FakeRasa):
    await console.add_staff("carla", teams=("CO",))
    await console.add_staff("diego", teams=("CO",))
    case_id = await console.handed_off_case(fake_rasa, country="CO", address=PERSON)
    async with console.client() as carla, console.client() as diego:
        carla_token = await sign_in(carla, "carla")
        diego_token = await sign_in(diego, "diego")
        first = await carla.post(
            f"/staff/api/cases/{case_id}/claim", headers={"X-CSRF-Token": carla_token}
        )
        second = await diego.post(
            f"/staff/api/cases/{case_id}/claim", headers={"X-CSRF-Token": diego_token}
        )
        reply = await diego.post(
            f"/staff/api/cases/{case_id}/reply",
            json={"text": "hola"},
            headers={"X-CSRF-Token": diego_token},
        )
    assert first.status_code == 200
    assert second.status_code == 409
    assert reply.status_code == 409 and "another staff member" in reply.json()["error"]
    assert await audit_actions(console, case_id) == ["claim"]


async def test_reply_before_claiming_is_refused_and_nothing_is_sent(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    case_id = await console.handed_off_case(fake_rasa, country="CO", address=PERSON)
    sent_before = len(console.sent["sms"].sent)
    async with console.client() as client:
        token = await sign_in(client, "carla")
        refused = await client.post(
            f"/staff/api/cases/{case_id}/reply",
            json={"text": "hola"},
            headers={"X-CSRF-Token": token},
        )
        empty = await client.post(
            f"/staff/api/cases/{case_id}/note", json={"text": "  "}, headers={"X-CSRF-Token": token}
        )
        malformed = await client.post(
            f"/staff/api/cases/{case_id}/note",
            content=b"[1, 2]",
            headers={"X-CSRF-Token": token, "content-type": "application/json"},
        )
        unknown = await client.post(
            f"/staff/api/cases/{case_id}/explode", headers={"X-CSRF-Token": token}
        )
    assert refused.status_code == 409 and "claim" in refused.json()["error"]
    assert empty.status_code == 400
    assert malformed.status_code == 400
    assert unknown.status_code == 404
    assert len(console.sent["sms"].sent) == sent_before


async def test_the_case_page_shows_the_transcript_notes_and_canned_replies(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    case_id = await console.handed_off_case(fake_rasa, country="CO", address=PERSON)
    async with console.client() as client:
        token = await sign_in(client, "carla")
        headers = {"X-CSRF-Token": token}
        await client.post(f"/staff/api/cases/{case_id}/claim", headers=headers)
        await client.post(
            f"/staff/api/cases/{case_id}/note", json={"text": "Tiene PPT vencido"}, headers=headers
        )
        page = await client.get(f"/staff/cases/{case_id}")
        api = (await client.get(f"/staff/api/cases/{case_id}")).json()
    assert page.status_code == 200
    assert "quiero hablar con una persona" in page.text
    assert "understood: topic=regularization, country=CO, kind=handoff" in page.text
    assert "Tiene PPT vencido" in page.text
    assert "Hola, soy Carla del equipo de Rumbo." in page.text  # canned reply, in Spanish
    kinds = [entry["kind"] for entry in api["transcript"]]
    assert kinds[:3] == ["person", "bot", "system"] and kinds[-1] == "note"
    assert api["lang"] == "es" and api["country"] == "CO" and api["channel"] == "sms"
    assert await audit_actions(console, case_id) == ["claim", "note"]


async def test_transfer_to_another_country_team_keeps_the_history(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("pedro", teams=("PE",))
    await console.add_staff("camila", teams=("CL",))
    case_id = await console.handed_off_case(fake_rasa, country="PE", address="+51911111111")
    async with console.client() as pedro, console.client() as camila:
        token = await sign_in(pedro, "pedro")
        headers = {"X-CSRF-Token": token}
        await pedro.post(f"/staff/api/cases/{case_id}/claim", headers=headers)
        await pedro.post(
            f"/staff/api/cases/{case_id}/note",
            json={"text": "Se mudó a Santiago"},
            headers=headers,
        )
        moved = await pedro.post(
            f"/staff/cases/{case_id}/transfer-team", data={"country": "CL", "csrf_token": token}
        )
        pedro_view = await pedro.get(f"/staff/api/cases/{case_id}")
        await sign_in(camila, "camila")
        camila_queue = (await camila.get("/staff/api/queue")).json()["cases"]
        camila_view = (await camila.get(f"/staff/api/cases/{case_id}")).json()
    assert moved.status_code == 303 and moved.headers["location"] == "/staff/"
    assert pedro_view.status_code == 404
    assert [case["id"] for case in camila_queue] == [case_id]
    assert camila_view["team"] == "CL" and camila_view["state"] == "waiting"
    assert camila_view["country"] == "PE"  # what the person told the bot is kept
    texts = [entry["text"] for entry in camila_view["transcript"]]
    assert "quiero hablar con una persona" in texts and "Se mudó a Santiago" in texts
    assert await audit_actions(console, case_id) == ["claim", "note", "transfer_team"]


async def test_transfer_to_a_colleague_and_supervisor_reassign(
    console: Console, fake_rasa: FakeRasa
):
    carla = await console.add_staff("carla", teams=("CO",))
    diego = await console.add_staff("diego", teams=("CO",))
    await console.add_staff("sofia", Role.SUPERVISOR, ("CO",))
    case_id = await console.handed_off_case(fake_rasa, country="CO", address=PERSON)
    async with console.client() as client, console.client() as supervisor:
        token = await sign_in(client, "carla")
        headers = {"X-CSRF-Token": token}
        await client.post(f"/staff/api/cases/{case_id}/claim", headers=headers)
        moved = await client.post(
            f"/staff/api/cases/{case_id}/transfer-staff",
            json={"staff_id": diego.id},
            headers=headers,
        )
        # Carla no longer holds it, and agents cannot reassign other people's cases.
        back = await client.post(
            f"/staff/api/cases/{case_id}/transfer-staff",
            json={"staff_id": carla.id},
            headers=headers,
        )
        sup_token = await sign_in(supervisor, "sofia")
        reassigned = await supervisor.post(
            f"/staff/api/cases/{case_id}/transfer-staff",
            json={"staff_id": carla.id},
            headers={"X-CSRF-Token": sup_token},
        )
    conv = await console.conversation("sms", PERSON)
    assert moved.status_code == 200
    assert back.status_code == 403
    assert reassigned.status_code == 200
    assert (conv.state, conv.assigned_staff_id) == ("with_staff", carla.id)
    assert await audit_actions(console, case_id) == ["claim", "transfer_agent", "reassign"]


async def test_whatsapp_reply_after_24_hours_is_refused_and_a_template_is_offered(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    case_id = await console.handed_off_case(
        fake_rasa, country="CO", address="+573001112233", channel="whatsapp"
    )
    async with console.app.state.db.session() as session:
        await session.execute(
            update(Conversation)
            .where(Conversation.id == case_id)
            .values(last_inbound_at=utcnow() - timedelta(hours=25))
        )
    sent_before = len(console.sent["whatsapp"].sent)
    async with console.client() as client:
        token = await sign_in(client, "carla")
        headers = {"X-CSRF-Token": token}
        await client.post(f"/staff/api/cases/{case_id}/claim", headers=headers)
        refused = await client.post(
            f"/staff/cases/{case_id}/reply", data={"text": "Hola!", "csrf_token": token}
        )
        page = await client.get(f"/staff/cases/{case_id}")
        template = await client.post(
            f"/staff/cases/{case_id}/template",
            data={"template": "staff_followup", "csrf_token": csrf_from(page.text)},
        )
    assert refused.status_code == 303  # back to the case page with the reason
    assert "WhatsApp 24-hour window is closed" in page.text
    assert "Send template" in page.text and 'id="reply-form"' not in page.text
    assert template.status_code == 303
    sent = console.sent["whatsapp"].sent[sent_before:]
    assert len(sent) == 1
    assert sent[0][1].meta["template"] == "staff_followup"
    assert sent[0][1].meta["content_sid"] == "HXfixture0000000000000000000000000"
    async with console.app.state.db.session() as session:
        stored = await session.scalar(
            select(Message).where(Message.conversation_id == case_id).order_by(Message.id.desc())
        )
    assert stored.author == "staff" and stored.data["reply"]["meta"]["kind"] == "template"
    assert await audit_actions(console, case_id) == ["claim", "reply_refused", "send_template"]


async def test_whatsapp_case_page_shows_the_window_timer_while_open(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    case_id = await console.handed_off_case(
        fake_rasa, country="CO", address="+573001112233", channel="whatsapp"
    )
    async with console.client() as client:
        token = await sign_in(client, "carla")
        await client.post(f"/staff/api/cases/{case_id}/claim", headers={"X-CSRF-Token": token})
        page = await client.get(f"/staff/cases/{case_id}")
        api = (await client.get(f"/staff/api/cases/{case_id}")).json()
    assert "WhatsApp window:" in page.text and "left to reply freely" in page.text
    assert 23 * 3600 < api["whatsapp_window"]["seconds_left"] <= 24 * 3600


async def test_queue_filters_and_bad_filter_values(console: Console, fake_rasa: FakeRasa):
    await console.add_staff("sofia", Role.SUPERVISOR, ("CO", "PE"))
    co = await console.handed_off_case(fake_rasa, country="CO", address=PERSON)
    pe = await console.handed_off_case(
        fake_rasa, country="PE", address="+51911111111", channel="telegram"
    )
    async with console.client() as client:
        await sign_in(client, "sofia")
        everything = (await client.get("/staff/api/queue")).json()["cases"]
        peru = (await client.get("/staff/api/queue?country=pe")).json()["cases"]
        telegram = (await client.get("/staff/api/queue?channel=telegram")).json()["cases"]
        bad = await client.get("/staff/api/queue?channel=fax")
        bad_page = await client.get("/staff/?topic=astrology")
    assert {case["id"] for case in everything} == {co, pe}
    assert [case["id"] for case in peru] == [pe]
    assert [case["id"] for case in telegram] == [pe]
    assert bad.status_code == 400 and "channel" in bad.json()["error"]
    assert bad_page.status_code == 400


async def test_live_bot_conversations_are_listed_for_take_over_only_on_request(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    fake_rasa.script["estoy en cali"] = [custom("Estás en Colombia.", country="CO")]
    await console.say("sms", PERSON, "estoy en cali")
    waiting = await console.handed_off_case(fake_rasa, country="CO", address="+57300999888")
    live = (await console.conversation("sms", PERSON)).id
    async with console.client() as client:
        await sign_in(client, "carla")
        queue = (await client.get("/staff/api/queue")).json()["cases"]
        with_bot = (await client.get("/staff/api/queue?state=bot")).json()["cases"]
        page = await client.get("/staff/?state=bot")
    assert [case["id"] for case in queue] == [waiting]
    assert [(case["id"], case["state"]) for case in with_bot] == [(live, "bot")]
    assert page.status_code == 200 and "estoy en cali" in page.text
