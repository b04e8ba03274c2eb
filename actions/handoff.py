"""Requests for a person. The gateway owns the handoff itself (queue, staff console);
this action acknowledges and marks the turn with `meta.handoff`."""

from __future__ import annotations

from typing import Any

from actions.base import RumboAction
from actions.replies import reply
from actions.turn import Turn
from rumbo_content.store import ContentStore


class ActionRequestHuman(RumboAction):
    action_name = "action_request_human"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        return [reply(turn, store.ui(turn.lang, "handoff.requested"), kind="handoff",
                      topic=turn.topic, country=turn.country, handoff=True)]
