"""Topic answers: ask for what is missing (topic or country), answer, give details."""

from __future__ import annotations

from typing import Any

from actions.base import RumboAction
from actions.replies import after_answer_buttons, country_buttons, reply, topic_buttons
from actions.turn import Turn
from rumbo_content.model import TOPICS
from rumbo_content.store import ContentStore


def answer_or_ask(turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
    """Answer the remembered topic for the remembered country, or ask for the missing one."""
    if turn.topic is None:
        return [topic_menu(turn, store)]
    if turn.country is None:
        return [country_question(turn, store)]
    answer = store.answer(turn.country, turn.topic)
    country_name = store.country_name(turn.country, turn.lang)
    if answer is None:
        text = store.ui(turn.lang, "answer.missing",
                        topic=store.ui(turn.lang, f"topics.{turn.topic}"), country=country_name)
        return [reply(turn, text, kind="answer", topic=turn.topic, country=turn.country,
                      buttons=after_answer_buttons(store, turn.lang, more=False))]
    turn.set("content_id", answer.id)
    return [
        reply(
            turn,
            answer.short(turn.lang),
            kind="answer",
            topic=turn.topic,
            country=turn.country,
            content_id=answer.id,
            links=[{"title": answer.office.name, "url": answer.office.url}],
            buttons=after_answer_buttons(store, turn.lang, more=True),
        )
    ]


def topic_menu(
    turn: Turn, store: ContentStore, intro: str | None = None, kind: str = "ask_topic"
) -> dict[str, Any]:
    if turn.country:
        question = store.ui(turn.lang, "menu.topic_for_country",
                            country=store.country_name(turn.country, turn.lang))
    else:
        question = store.ui(turn.lang, "menu.topic")
    text = f"{intro} {question}" if intro else question
    return reply(turn, text, kind=kind, country=turn.country,
                 buttons=topic_buttons(store, turn.lang))


def country_question(turn: Turn, store: ContentStore) -> dict[str, Any]:
    """Ask which country; narrowed by an ambiguous document, led by a channel hint."""
    if turn.candidates:
        text = store.ui(turn.lang, "menu.country_candidates")
    elif turn.topic:
        text = store.ui(turn.lang, "menu.country_for_topic",
                        topic=store.ui(turn.lang, f"topics.{turn.topic}").lower())
    else:
        text = store.ui(turn.lang, "menu.country")
    hint = turn.country_hint
    if hint and not turn.candidates:
        # A phone number suggests a country, but a Venezuelan number in Colombia is normal:
        # offer it as a question, never take it as the answer.
        hint_name = store.country_name(hint, turn.lang)
        text = f"{text} {store.ui(turn.lang, 'menu.country_hint', country=hint_name)}"
        turn.set("pending_country", hint)
    return reply(turn, text, kind="ask_country", topic=turn.topic,
                 buttons=country_buttons(store, turn.lang, only=turn.candidates, first=hint))


class ActionAnswerTopic(RumboAction):
    """ask_regularization / ask_labour / ask_health / ask_protection."""

    action_name = "action_answer_topic"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        topic = (turn.intent or "").removeprefix("ask_")
        if topic in TOPICS:
            turn.set("topic", topic)
        return answer_or_ask(turn, store)


class ActionSetCountry(RumboAction):
    """inform_country: "Colombia", "estoy en Cúcuta", "¿y en Argentina?"."""

    action_name = "action_set_country"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        if not turn.country_named:
            return [country_question(turn, store)]
        return answer_or_ask(turn, store)


class ActionMoreInfo(RumboAction):
    """more_info: the detailed answer, with its sources and the date they were checked."""

    action_name = "action_more_info"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        if turn.topic is None or turn.country is None:
            return answer_or_ask(turn, store)
        answer = store.answer(turn.country, turn.topic)
        if answer is None:
            return answer_or_ask(turn, store)
        sources = ", ".join(s.url for s in answer.sources[:2])
        parts = [
            answer.detail(turn.lang),
            store.ui(turn.lang, "answer.detail_footer", sources=sources,
                     date=answer.last_checked.isoformat()),
        ]
        if answer.uncertain:
            parts.append(store.ui(turn.lang, "answer.uncertain"))
        turn.set("content_id", answer.id)
        return [
            reply(
                turn,
                "\n\n".join(parts),
                kind="detail",
                topic=turn.topic,
                country=turn.country,
                content_id=answer.id,
                links=[{"title": answer.office.name, "url": answer.office.url}]
                + [{"title": s.title, "url": s.url} for s in answer.sources[:2]],
                buttons=after_answer_buttons(store, turn.lang, more=False),
            )
        ]
