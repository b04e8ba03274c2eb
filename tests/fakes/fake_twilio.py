"""A fake Twilio REST API (Messages resource only) that records what the SDK sends.

`FakeTwilio.app` answers `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` like Twilio:
201 with a message resource JSON. `fail_next(n, status)` makes the next `n` calls answer
`status` (default 429) with Twilio's error body first, to exercise retries;
`respond_next(201, 500, ...)` scripts a sequence of outcomes.
Every call, failed or not, is kept in `requests` (form fields, auth user) in arrival order.
"""

from __future__ import annotations

import base64
import itertools
import threading
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

# Twilio's error body codes for the statuses the fake can be told to answer.
_ERRORS = {
    400: (21211, "Invalid 'To' Phone Number"),
    429: (20429, "Too Many Requests"),
    500: (20500, "Internal Server Error"),
}


@dataclass
class RecordedMessage:
    """One request the fake received."""

    account_sid: str
    auth_user: str | None
    form: dict[str, str]
    status_code: int


@dataclass
class FakeTwilio:
    """State of the fake API; `app` is the ASGI application to serve."""

    requests: list[RecordedMessage] = field(default_factory=list)
    _failures: list[int] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def fail_next(self, count: int, status: int = 429) -> None:
        """Answer the next `count` message creations with `status` instead of 201."""
        self.respond_next(*([status] * count))

    def respond_next(self, *statuses: int) -> None:
        """Answer the next calls with these statuses in order (201 means success)."""
        with self._lock:
            self._failures.extend(statuses)

    @property
    def delivered(self) -> list[RecordedMessage]:
        """Requests that were accepted (201)."""
        return [r for r in self.requests if r.status_code == 201]

    @property
    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route(
                    "/2010-04-01/Accounts/{account_sid}/Messages.json",
                    self._create_message,
                    methods=["POST"],
                )
            ]
        )

    async def _create_message(self, request: Request) -> JSONResponse:
        account_sid = request.path_params["account_sid"]
        form = {key: str(value) for key, value in (await request.form()).items()}
        with self._lock:
            status = self._failures.pop(0) if self._failures else 201
            sid = f"SM{next(self._ids):032x}"
        self.requests.append(
            RecordedMessage(account_sid, _basic_auth_user(request), form, status)
        )
        if status != 201:
            code, message = _ERRORS.get(status, _ERRORS[500])
            return JSONResponse(
                {
                    "code": code,
                    "message": message,
                    "more_info": f"https://www.twilio.com/docs/errors/{code}",
                    "status": status,
                },
                status_code=status,
            )
        return JSONResponse(
            {
                "sid": sid,
                "account_sid": account_sid,
                "to": form.get("To"),
                "from": form.get("From"),
                "body": form.get("Body"),
                "status": "queued",
                "num_segments": "1",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
            },
            status_code=201,
        )


def _basic_auth_user(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if not header.startswith("Basic "):
        return None
    user, _, _ = base64.b64decode(header[6:]).decode().partition(":")
    return user
