"""Case actions by name, shared by the HTML forms and the JSON API.

`POST /staff/cases/{id}/{action}` (forms) and `POST /staff/api/cases/{id}/{action}` (API)
both look the action up here, so the two can never drift apart. Errors map to HTTP statuses
in `ERROR_STATUS`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from bot.console.case_actions import (
    ActionRefused,
    Actor,
    CaseActions,
    CaseConflict,
    CaseNotFound,
    InvalidInput,
)
from bot.conversations.service import MessageNotFound

Fields = Mapping[str, str]
ActionHandler = Callable[[CaseActions, Actor, int, Fields], Awaitable[None]]

ERROR_STATUS: dict[type[Exception], int] = {
    CaseNotFound: 404,
    MessageNotFound: 404,
    ActionRefused: 403,
    CaseConflict: 409,
    InvalidInput: 400,
}


def _staff_id(fields: Fields) -> int:
    try:
        return int(fields.get("staff_id", ""))
    except ValueError:
        raise InvalidInput("choose a staff member") from None


CASE_ACTIONS: dict[str, ActionHandler] = {
    "take-over": lambda actions, actor, case, fields: actions.take_over(actor, case),
    "claim": lambda actions, actor, case, fields: actions.claim(actor, case),
    "release": lambda actions, actor, case, fields: actions.release(actor, case),
    "reply": lambda actions, actor, case, fields: actions.reply(
        actor, case, fields.get("text", "")
    ),
    "template": lambda actions, actor, case, fields: actions.send_template(
        actor, case, fields.get("template", "")
    ),
    "note": lambda actions, actor, case, fields: actions.add_note(
        actor, case, fields.get("text", "")
    ),
    "transfer-staff": lambda actions, actor, case, fields: actions.transfer_to_staff(
        actor, case, _staff_id(fields)
    ),
    "transfer-team": lambda actions, actor, case, fields: actions.transfer_to_team(
        actor, case, fields.get("country", "")
    ),
    "resolve": lambda actions, actor, case, fields: actions.resolve(
        actor, case, fields.get("outcome", ""), fields.get("summary")
    ),
}

SUCCESS_MESSAGES: dict[str, str] = {
    "take-over": "You took over the conversation; the bot is silent now.",
    "claim": "Case claimed: you are handling it.",
    "release": "Case returned to the team queue.",
    "reply": "Reply sent.",
    "template": "Template sent.",
    "note": "Note added.",
    "transfer-staff": "Case transferred.",
    "transfer-team": "Case moved to the other country team.",
    "resolve": "Case resolved: the person was told and the bot is back.",
}


def error_status(exc: Exception) -> int | None:
    """The HTTP status for an expected action error, or None for a bug."""
    for kind, status in ERROR_STATUS.items():
        if isinstance(exc, kind):
            return status
    return None
