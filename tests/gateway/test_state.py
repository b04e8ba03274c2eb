"""The handoff state machine: allowed transitions, and every other one refused."""

from __future__ import annotations

import pytest

from bot.handoff.state import (
    EMERGENCY_PRIORITY,
    TRANSITIONS,
    ConversationState,
    InvalidTransition,
    cancel,
    claim,
    release,
    request_handoff,
    resolve,
)
from bot.storage.models import Conversation

ACTIONS = {
    "claim": lambda conv: claim(conv, staff_id=3),
    "release": release,
    "cancel": cancel,
    "resolve": resolve,
}


def conversation(state: ConversationState) -> Conversation:
    return Conversation(key="sms:+1", channel="sms", address="+1", state=state.value, priority=0)


def test_full_cycle_sets_and_clears_queue_fields():
    conv = conversation(ConversationState.BOT)

    assert request_handoff(conv, "requested", priority=5) is True
    assert (conv.state, conv.handoff_reason, conv.priority) == ("waiting", "requested", 5)
    claim(conv, staff_id=3)
    assert (conv.state, conv.assigned_staff_id) == ("with_staff", 3)
    release(conv)
    assert (conv.state, conv.assigned_staff_id) == ("waiting", None)
    claim(conv, staff_id=4)
    resolve(conv)
    assert (conv.state, conv.priority, conv.handoff_reason, conv.assigned_staff_id) == (
        "bot",
        0,
        None,
        None,
    )


def test_request_while_handed_off_only_raises_priority():
    conv = conversation(ConversationState.BOT)
    request_handoff(conv, "requested", priority=0)
    claim(conv, staff_id=3)

    assert request_handoff(conv, "emergency", EMERGENCY_PRIORITY) is False
    assert (conv.state, conv.priority, conv.handoff_reason) == ("with_staff", 100, "emergency")
    assert request_handoff(conv, "requested", priority=0) is False
    assert (conv.priority, conv.handoff_reason) == (100, "emergency")


@pytest.mark.parametrize(
    ("action", "state"),
    [
        (action, state)
        for action in ACTIONS
        for state in ConversationState
        if state not in TRANSITIONS[action][0]
    ],
)
def test_invalid_transitions_raise_and_change_nothing(action: str, state: ConversationState):
    conv = conversation(state)

    with pytest.raises(InvalidTransition):
        ACTIONS[action](conv)
    assert conv.state == state.value


def test_state_values_are_the_stored_strings():
    assert [str(state) for state in ConversationState] == ["bot", "waiting", "with_staff"]
