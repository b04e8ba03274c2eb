"""Greetings, fallbacks, handoff requests, emergencies and language changes."""

from __future__ import annotations

from actions.emergency import ActionEmergency
from actions.fallback import ActionOutOfScope
from actions.handoff import ActionRequestHuman
from actions.small_talk import ActionAffirm, ActionGreet, ActionSetLanguage
from tests.actions.conftest import entity, make_tracker, run_action


async def test_greeting_in_portuguese_gives_menu_in_portuguese(store):
    replies, slots = await run_action(ActionGreet(), make_tracker("oi", "greet",
                                                                  [entity("language", "pt")]))
    assert [r["meta"]["kind"] for r in replies] == ["greeting", "ask_topic"]
    assert replies[0]["text"] == store.ui("pt", "greeting")
    assert all(r["meta"]["lang"] == "pt" for r in replies)
    assert slots["language"] == "pt"


async def test_a_language_guess_is_used_only_while_no_language_is_known(store):
    replies, slots = await run_action(ActionGreet(), make_tracker(
        "olá moço", "greet", [entity("language_guess", "pt")]))
    assert replies[0]["meta"]["lang"] == "pt" and slots["language"] == "pt"
    replies, slots = await run_action(ActionGreet(), make_tracker(
        "olá moço", "greet", [entity("language_guess", "pt")], slots={"language": "es"}))
    assert replies[0]["meta"]["lang"] == "es" and slots.get("language", "es") == "es"


async def test_out_of_scope_twice_in_a_row_hands_off(store):
    first, slots = await run_action(ActionOutOfScope(), make_tracker("quien gano el partido",
                                                                     "out_of_scope"))
    assert first[-1]["meta"]["kind"] == "out_of_scope" and not first[-1]["meta"]["handoff"]
    assert slots["fallback_count"] == 1
    second, _ = await run_action(
        ActionOutOfScope(), make_tracker("asdfgh", "nlu_fallback", slots={"fallback_count": 1})
    )
    assert second[0]["meta"]["handoff"] is True and second[0]["meta"]["kind"] == "handoff"


async def test_understood_message_resets_failure_count(store):
    _, slots = await run_action(ActionGreet(), make_tracker("hola", "greet",
                                                            slots={"fallback_count": 1}))
    assert slots["fallback_count"] == 0


async def test_request_for_person_is_marked_handoff(store):
    replies, _ = await run_action(ActionRequestHuman(),
                                  make_tracker("quiero hablar con una persona", "ask_human"))
    assert replies[0]["meta"]["handoff"] is True
    assert replies[0]["text"] == store.ui("es", "handoff.requested")


async def test_emergency_with_country_gives_its_numbers_and_no_menu(store):
    tracker = make_tracker("me estan pegando ahora", "emergency", slots={"country": "CO"})
    replies, _ = await run_action(ActionEmergency(), tracker)
    reply = replies[0]
    assert reply["meta"]["emergency"] is True and reply["meta"]["handoff"] is True
    assert reply["buttons"] == []
    assert store.emergency_hotline("CO").number in reply["text"]


async def test_emergency_without_country_lists_every_country(store):
    replies, _ = await run_action(ActionEmergency(), make_tracker("help he is hitting me",
                                                                  "emergency",
                                                                  [entity("language", "en")]))
    for country in ("AR", "BR", "CO", "PE", "VE"):
        assert f"{country} {store.emergency_hotline(country).number}" in replies[0]["text"]


async def test_affirm_accepts_suggested_country(store):
    tracker = make_tracker("si", "affirm", slots={"pending_country": "VE", "topic": "health"})
    replies, slots = await run_action(ActionAffirm(), tracker)
    assert slots["country"] == "VE"
    assert replies[0]["meta"]["content_id"] == "ve.health"


async def test_set_language_by_name(store):
    replies, slots = await run_action(ActionSetLanguage(), make_tracker(
        "en inglés por favor", "set_language", [entity("language", "es")]))
    assert slots["language"] == "en"
    assert replies[0]["meta"]["lang"] == "en"
