"""A fake Telegram Bot API that records what python-telegram-bot sends.

Serves `POST /bot{token}/{method}` (the real URL shape; python-telegram-bot is pointed here
with `base_url`). Implements the methods the gateway uses: getMe, sendMessage,
answerCallbackQuery, setWebhook, deleteWebhook, setMyCommands. `fail_next(n)` makes the next
`n` calls answer 429 with `retry_after` 0 (Telegram's flood-control error), for retries.
Every call is kept in `calls` as (method, decoded parameters) in arrival order.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

BOT_USER = {
    "id": 777000111,
    "is_bot": True,
    "first_name": "Rumbo",
    "username": "rumbo_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class RecordedCall:
    """One Bot API call: method name, token in the URL, decoded parameters, HTTP status."""

    method: str
    token: str
    params: dict[str, Any]
    status_code: int


@dataclass
class FakeTelegram:
    """State of the fake Bot API; `app` is the ASGI application to serve."""

    calls: list[RecordedCall] = field(default_factory=list)
    _failures: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def fail_next(self, count: int) -> None:
        """Answer the next `count` calls (except getMe) with 429 Too Many Requests."""
        with self._lock:
            self._failures += count

    def calls_to(self, method: str, *, ok_only: bool = True) -> list[RecordedCall]:
        """Recorded calls of one method (only the successful ones unless `ok_only=False`)."""
        return [
            c for c in self.calls if c.method == method and (c.status_code == 200 or not ok_only)
        ]

    @property
    def app(self) -> Starlette:
        return Starlette(
            routes=[Route("/bot{token}/{method}", self._call, methods=["POST", "GET"])]
        )

    async def _call(self, request: Request) -> JSONResponse:
        token, method = request.path_params["token"], request.path_params["method"]
        params = await _decoded_params(request)
        with self._lock:
            failing = method != "getMe" and self._failures > 0
            if failing:
                self._failures -= 1
        status = 429 if failing else 200
        self.calls.append(RecordedCall(method, token, params, status))
        if failing:
            return JSONResponse(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 0",
                    "parameters": {"retry_after": 0},
                },
                status_code=429,
            )
        return JSONResponse({"ok": True, "result": self._result(method, params)})

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            message = {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
            if params.get("entities"):
                message["entities"] = params["entities"]
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            return message
        # answerCallbackQuery, setWebhook, deleteWebhook, setMyCommands all return True.
        return True


async def _decoded_params(request: Request) -> dict[str, Any]:
    """Parameters from a JSON body or a form whose complex values are JSON-encoded."""
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await request.body()
        return json.loads(body) if body else {}
    params: dict[str, Any] = {}
    for key, value in (await request.form()).items():
        text = str(value)
        # Objects and arrays (reply_markup, entities, commands) arrive JSON-encoded; plain
        # values such as `text` stay strings even when they look like numbers.
        params[key] = json.loads(text) if text[:1] in ("{", "[") else text
    return params
