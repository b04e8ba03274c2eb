"""Answering topics: ask for what is missing, remember it, switch topic or country."""

from __future__ import annotations

import pytest

from actions.answers import ActionAnswerTopic, ActionMoreInfo, ActionSetCountry
from rumbo_content.model import COUNTRIES, LANGUAGES, TOPICS
from tests.actions.conftest import entity, make_tracker, run_action


async def test_topic_and_country_in_one_message_answers_with_meta(store):
    tracker = make_tracker("hola como hago para sacar el PPT en colombia", "ask_regularization",
                           [entity("country", "CO"), entity("language", "es")])
    replies, slots = await run_action(ActionAnswerTopic(), tracker)
    assert len(replies) == 1
    answer = store.answer("CO", "regularization")
    assert replies[0]["text"] == answer.short("es")
    assert replies[0]["meta"] == {
        "lang": "es", "topic": "regularization", "country": "CO",
        "content_id": "co.regularization", "handoff": False, "emergency": False,
        "kind": "answer",
    }
    assert slots["country"] == "CO" and slots["topic"] == "regularization"
    assert slots["content_id"] == "co.regularization"
    assert replies[0]["links"][0]["url"] == answer.office.url
    assert "/more_info" in [b["payload"] for b in replies[0]["buttons"]]


async def test_topic_without_country_asks_country_and_keeps_topic(store):
    tracker = make_tracker("my employer is not paying me", "ask_labour",
                           [entity("language", "en")])
    replies, slots = await run_action(ActionAnswerTopic(), tracker)
    meta = replies[0]["meta"]
    assert meta["kind"] == "ask_country" and meta["topic"] == "labour"
    assert meta["country"] is None and meta["lang"] == "en"
    assert len(replies[0]["buttons"]) == len(COUNTRIES)
    assert slots["topic"] == "labour"


async def test_ambiguous_document_narrows_country_menu(store):
    tracker = make_tracker("como saco el RUT", "ask_labour",
                           [entity("country_candidates", "CL|CO")])
    replies, _ = await run_action(ActionAnswerTopic(), tracker)
    payloads = [b["payload"] for b in replies[0]["buttons"]]
    assert payloads == ['/inform_country{"country":"CL"}', '/inform_country{"country":"CO"}']


async def test_phone_hint_is_offered_first_but_never_taken_as_the_answer(store):
    tracker = make_tracker("necesito trabajar", "ask_labour", metadata={"country_hint": "VE"})
    replies, slots = await run_action(ActionAnswerTopic(), tracker)
    assert replies[0]["meta"]["country"] is None
    assert replies[0]["buttons"][0]["payload"] == '/inform_country{"country":"VE"}'
    assert store.country_name("VE", "es") in replies[0]["text"]
    assert "country" not in slots and slots["pending_country"] == "VE"


async def test_country_then_remembered_topic_is_answered(store):
    tracker = make_tracker("estoy en Lima", "inform_country", [entity("country", "PE")],
                           slots={"topic": "health", "language": "es"})
    replies, slots = await run_action(ActionSetCountry(), tracker)
    assert replies[0]["meta"]["content_id"] == "pe.health"
    assert slots["country"] == "PE"


async def test_switching_country_keeps_topic(store):
    tracker = make_tracker("y en Argentina?", "inform_country", [entity("country", "AR")],
                           slots={"topic": "labour", "country": "CL", "language": "es"})
    replies, _ = await run_action(ActionSetCountry(), tracker)
    assert replies[0]["meta"]["content_id"] == "ar.labour"


async def test_switching_topic_keeps_country(store):
    tracker = make_tracker("y para trabajar?", "ask_labour",
                           slots={"topic": "health", "country": "CL", "language": "es"})
    replies, _ = await run_action(ActionAnswerTopic(), tracker)
    assert replies[0]["meta"]["content_id"] == "cl.labour"


async def test_country_without_topic_offers_topic_menu(store):
    tracker = make_tracker("Colombia", "inform_country", [entity("country", "CO")])
    replies, _ = await run_action(ActionSetCountry(), tracker)
    meta = replies[0]["meta"]
    assert meta["kind"] == "ask_topic" and meta["country"] == "CO" and meta["topic"] is None
    assert [b["payload"] for b in replies[0]["buttons"]][:4] == [f"/ask_{t}" for t in TOPICS]


async def test_language_is_kept_when_message_has_no_confident_language(store):
    tracker = make_tracker("2", "inform_country", [entity("country", "BR")],
                           slots={"topic": "health", "language": "pt"})
    replies, slots = await run_action(ActionSetCountry(), tracker)
    assert replies[0]["meta"]["lang"] == "pt"
    assert replies[0]["text"] == store.answer("BR", "health").short("pt")
    assert "language" not in slots


async def test_more_info_gives_detail_with_source_and_date(store):
    tracker = make_tracker("mas", "more_info",
                           slots={"topic": "protection", "country": "CO", "language": "es"})
    replies, _ = await run_action(ActionMoreInfo(), tracker)
    answer = store.answer("CO", "protection")
    text = replies[0]["text"]
    assert answer.detail("es") in text
    assert answer.sources[0].url in text and answer.last_checked.isoformat() in text
    assert replies[0]["meta"]["kind"] == "detail"


@pytest.mark.parametrize("country", COUNTRIES)
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_every_country_and_language_has_a_short_answer_per_topic(store, country, lang):
    for topic in TOPICS:
        tracker = make_tracker("x", f"ask_{topic}", [entity("country", country)],
                               slots={"language": lang})
        replies, _ = await run_action(ActionAnswerTopic(), tracker)
        assert replies[0]["meta"]["content_id"] == f"{country.lower()}.{topic}"
        assert len(replies[0]["text"]) <= 320
