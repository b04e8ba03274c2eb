"""The handoff state machine of a conversation.

    BOT --request_handoff--> WAITING --claim--> WITH_STAFF
     ^                          |  ^               |  |
     +--------cancel/resolve----+  +---release-----+  |
     +-----------------cancel/resolve-----------------+

`request_handoff` on a conversation already WAITING or WITH_STAFF only raises its priority
(an emergency while waiting must move it to the top of the queue); it never demotes.
The functions mutate the `Conversation` row in memory; the caller commits the session.
"""

from __future__ import annotations

from enum import Enum

from bot.storage.models import Conversation, utcnow

EMERGENCY_PRIORITY = 100


class ConversationState(str, Enum):
    """Where a conversation is. Values are what the `conversations.state` column stores.

    (`str, Enum` rather than `enum.StrEnum`, which needs Python 3.11; `str()` gives the value.)
    """

    BOT = "bot"
    WAITING = "waiting"
    WITH_STAFF = "with_staff"

    def __str__(self) -> str:
        return self.value


class InvalidTransition(ValueError):
    """The action is not allowed from the conversation's current state."""


# action -> states it may start from -> state it leads to.
TRANSITIONS: dict[str, tuple[frozenset[ConversationState], ConversationState]] = {
    "request_handoff": (
        frozenset({ConversationState.BOT}),
        ConversationState.WAITING,
    ),
    "claim": (frozenset({ConversationState.WAITING}), ConversationState.WITH_STAFF),
    "release": (frozenset({ConversationState.WITH_STAFF}), ConversationState.WAITING),
    "cancel": (
        frozenset({ConversationState.WAITING, ConversationState.WITH_STAFF}),
        ConversationState.BOT,
    ),
    "resolve": (
        frozenset({ConversationState.WAITING, ConversationState.WITH_STAFF}),
        ConversationState.BOT,
    ),
}


def state_of(conv: Conversation) -> ConversationState:
    """The conversation's state as an enum (raises ValueError on a corrupt value)."""
    return ConversationState(conv.state)


def is_handed_off(conv: Conversation) -> bool:
    """True while staff own the conversation (WAITING or WITH_STAFF): the bot stays silent."""
    return state_of(conv) is not ConversationState.BOT


def _apply(conv: Conversation, action: str) -> ConversationState:
    allowed_from, target = TRANSITIONS[action]
    current = state_of(conv)
    if current not in allowed_from:
        raise InvalidTransition(f"cannot {action} a conversation in state {current.value!r}")
    conv.state = target.value
    return target


def request_handoff(conv: Conversation, reason: str, priority: int = 0) -> bool:
    """Put the conversation in the staff queue (BOT -> WAITING) with `reason` and `priority`.

    Returns True when the state changed. Already handed off: the priority is raised to
    `priority` if higher (and the reason replaced by the more urgent one); returns False.
    """
    if is_handed_off(conv):
        if priority > conv.priority:
            conv.priority = priority
            conv.handoff_reason = reason
        return False
    _apply(conv, "request_handoff")
    conv.handoff_reason = reason
    conv.priority = priority
    conv.assigned_staff_id = None
    # The staff queue orders equal priorities by how long the person has been waiting.
    conv.context = {**(conv.context or {}), "handoff_at": utcnow().isoformat()}
    return True


def claim(conv: Conversation, staff_id: int) -> None:
    """A staff member takes a waiting conversation (WAITING -> WITH_STAFF)."""
    _apply(conv, "claim")
    conv.assigned_staff_id = staff_id


def release(conv: Conversation) -> None:
    """The staff member gives the conversation back to the queue (WITH_STAFF -> WAITING)."""
    _apply(conv, "release")
    conv.assigned_staff_id = None


def cancel(conv: Conversation) -> None:
    """The person goes back to the bot ("cancelar"); the queue entry is cleared."""
    _apply(conv, "cancel")
    _clear_queue_fields(conv)


def resolve(conv: Conversation) -> None:
    """Staff close the case; the person is back with the bot."""
    _apply(conv, "resolve")
    _clear_queue_fields(conv)


def _clear_queue_fields(conv: Conversation) -> None:
    conv.priority = 0
    conv.handoff_reason = None
    conv.assigned_staff_id = None
