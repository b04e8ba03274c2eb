"""The base class of every Rumbo action: read the turn, respond, send replies with meta."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import content_store
from actions.turn import Turn, read_turn
from rumbo_content.store import ContentStore


class RumboAction(Action):
    """Subclasses set `action_name` and implement `respond`.

    `respond` returns the replies for this turn and may change slots through `turn.set`;
    the base class sends the replies and returns the slot events, so language and place
    detected in ANY message (a greeting, a question) are remembered.
    """

    action_name: str = ""
    # Intents that mean the assistant understood; they reset the failure counter.
    resets_fallback_count = True

    def name(self) -> str:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        store = content_store()
        turn = read_turn(tracker)
        if self.resets_fallback_count:
            turn.set("fallback_count", 0)
        for message in self.respond(turn, store):
            dispatcher.utter_message(json_message=message)
        return turn.events

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        raise NotImplementedError
