"""Greetings, thanks, goodbyes, yes/no, the menu and the choice of language."""

from __future__ import annotations

from typing import Any

from actions.answers import answer_or_ask, country_question, topic_menu
from actions.base import RumboAction
from actions.replies import button, reply
from actions.turn import Turn, requested_language
from rumbo_content.model import LANGUAGES
from rumbo_content.store import ContentStore


class ActionGreet(RumboAction):
    action_name = "action_greet"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        if turn.country_named and turn.topic:
            # "hola, ahora estoy en Chile": carry on with the remembered topic.
            return answer_or_ask(turn, store)
        return [
            reply(turn, store.ui(turn.lang, "greeting"), kind="greeting", country=turn.country),
            topic_menu(turn, store),
        ]


class ActionThanks(RumboAction):
    action_name = "action_thanks"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        return [reply(turn, store.ui(turn.lang, "thanks"), kind="thanks", topic=turn.topic,
                      country=turn.country)]


class ActionGoodbye(RumboAction):
    action_name = "action_goodbye"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        return [reply(turn, store.ui(turn.lang, "goodbye"), kind="goodbye", topic=turn.topic,
                      country=turn.country)]


class ActionAffirm(RumboAction):
    """ "sí" after "¿Estás en Perú?" accepts the suggested country."""

    action_name = "action_affirm"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        if turn.pending_country and not turn.country_named:
            turn.set("country", turn.pending_country)
            turn.set("pending_country", None)
            return answer_or_ask(turn, store)
        return [topic_menu(turn, store, intro=store.ui(turn.lang, "affirm"))]


class ActionDeny(RumboAction):
    """ "no" after "¿Estás en Perú?" shows the whole country menu; otherwise the topic menu."""

    action_name = "action_deny"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        if turn.pending_country:
            turn.set("pending_country", None)
            turn.metadata = {k: v for k, v in turn.metadata.items() if k != "country_hint"}
            return [country_question(turn, store)]
        return [topic_menu(turn, store)]


class ActionShowMenu(RumboAction):
    action_name = "action_show_menu"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        return [topic_menu(turn, store)]


class ActionSetLanguage(RumboAction):
    """ "in English please", /idioma: switch language; with no language named, offer them."""

    action_name = "action_set_language"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        chosen = requested_language(turn.text)
        if chosen is None and turn.text.startswith("/set_language"):
            chosen = turn.lang  # the payload's entity was applied by read_turn
        if chosen is None:
            buttons = [
                button(name, f'/set_language{{"language":"{code}"}}')
                for code, name in (("es", "Español"), ("pt", "Português"), ("en", "English"))
                if code in LANGUAGES
            ]
            return [reply(turn, store.ui(turn.lang, "language.choose"), kind="language",
                          buttons=buttons, country=turn.country)]
        turn.set("language", chosen)
        return [topic_menu(turn, store, intro=store.ui(turn.lang, "language.set"))]
