"""Emergencies: the numbers to call at once, never a menu, and a person with priority."""

from __future__ import annotations

from typing import Any

from actions.base import RumboAction
from actions.replies import reply
from actions.turn import Turn
from rumbo_content.emergency import emergency_text
from rumbo_content.store import ContentStore


class ActionEmergency(RumboAction):
    action_name = "action_emergency"

    def respond(self, turn: Turn, store: ContentStore) -> list[dict[str, Any]]:
        text = emergency_text(store, turn.lang, turn.country)
        return [reply(turn, text, kind="emergency", topic="protection", country=turn.country,
                      handoff=True, emergency=True)]
