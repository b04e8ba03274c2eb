"""A fake Rasa server (REST channel, /status, /) and action server (/health) for tests.

`FakeRasa` holds the behaviour and records what it received; `FakeRasa.app()` is a Starlette
app serving it. Run it on 127.0.0.1 with `tests.fakes.live_server.serve`. The same app answers
the action server's `/health`, so one fake can stand in for both processes.

Replies: `script[text]` is the list of REST output items returned for that message text;
unscripted texts get `default_reply(text)`, a custom reply echoing the text. `available =
False` makes every endpoint answer 503, as Rasa does while it loads or when it is broken.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


def custom(text: str, buttons: list[dict[str, str]] | None = None, **meta: Any) -> dict[str, Any]:
    """One REST output item carrying our channel-neutral reply under `custom`."""
    reply_meta = {
        "lang": "es",
        "topic": None,
        "country": None,
        "content_id": None,
        "handoff": False,
        "emergency": False,
        "kind": "answer",
    }
    reply_meta.update(meta)
    return {
        "recipient_id": "test",
        "custom": {"text": text, "buttons": buttons or [], "links": [], "meta": reply_meta},
    }


def default_reply(text: str) -> list[dict[str, Any]]:
    return [custom(f"echo: {text}")]


@dataclass
class FakeRasa:
    """Scripted Rasa. Thread-safe enough for one test: the server runs in another thread."""

    available: bool = True
    actions_available: bool = True
    model_loaded: bool = True
    script: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    received: list[dict[str, Any]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def texts(self) -> list[str]:
        """The message texts Rasa received, in order."""
        with self._lock:
            return [body["message"] for body in self.received]

    async def webhook(self, request: Request) -> JSONResponse:
        if not self.available:
            return JSONResponse({"error": "unavailable"}, status_code=503)
        body = await request.json()
        with self._lock:
            self.received.append(body)
        items = self.script.get(body["message"])
        return JSONResponse(items if items is not None else default_reply(body["message"]))

    async def status(self, request: Request) -> JSONResponse:
        if not self.available:
            return JSONResponse({"error": "unavailable"}, status_code=503)
        model = "models/20261129-rumbo.tar.gz" if self.model_loaded else None
        return JSONResponse(
            {"model_file": model, "model_id": "test", "num_active_training_jobs": 0}
        )

    async def root(self, request: Request) -> JSONResponse:
        if not self.available:
            return JSONResponse({"error": "unavailable"}, status_code=503)
        return JSONResponse("Hello from Rasa: 3.6.21")

    async def health(self, request: Request) -> JSONResponse:
        if not self.actions_available:
            return JSONResponse({"status": "down"}, status_code=503)
        return JSONResponse({"status": "ok"})

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/webhooks/rest/webhook", self.webhook, methods=["POST"]),
                Route("/status", self.status, methods=["GET"]),
                Route("/", self.root, methods=["GET"]),
                Route("/health", self.health, methods=["GET"]),
            ]
        )
