"""Out-of-scope and not-understood messages: a polite answer and the menu; after the second
failure in a row, a person takes over."""

from __future__ import annotations

from typing import Any

from actions.answers import topic_menu
from actions.base import RumboAction
from actions.replies import reply
from actions.turn import Turn
from rumbo_content.store import ContentStore

FAILURES_BEFORE_HANDOFF = 2


class ActionOutOfScope(RumboAction):
    action_name = "action_out_of_scope"
    resets_fallback_count = False

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        turn.set("fallback_count", turn.fallback_count + 1)
        if turn.fallback_count >= FAILURES_BEFORE_HANDOFF:
            turn.set("fallback_count", 0)
            return [reply(turn, store.ui(turn.lang, "fallback_handoff"), kind="handoff",
                          topic=turn.topic, country=turn.country, handoff=True,
                          handoff_reason="fallback")]
        return [topic_menu(turn, store, intro=store.ui(turn.lang, "out_of_scope"),
                           kind="out_of_scope")]
