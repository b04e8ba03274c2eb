"""Fixtures for the action tests: a tracker factory and the real content store."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import content_store
from rumbo_content.store import ContentStore

SLOTS = ("country", "city", "topic", "language", "content_id", "pending_country", "fallback_count")


def make_tracker(
    text: str = "",
    intent: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
) -> Tracker:
    all_slots = {name: None for name in SLOTS}
    all_slots.update(slots or {})
    return Tracker(
        sender_id="test-user",
        slots=all_slots,
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 0.99},
            "entities": entities or [],
            "metadata": metadata or {},
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def entity(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": 1}


async def run_action(action, tracker: Tracker) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Run an action; return the json replies it sent and the slots it set."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    replies = [m["custom"] for m in dispatcher.messages]
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return replies, slots


@pytest.fixture(scope="session")
def store() -> ContentStore:
    return content_store()
