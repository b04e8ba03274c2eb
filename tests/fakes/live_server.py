"""Run a Starlette app on 127.0.0.1 (random free port) in a background thread, for tests.

The real `twilio` and `python-telegram-bot` clients need a real socket to talk to; a thread
with its own event loop keeps the fake independent of the test's loop.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.types import ASGIApp

START_TIMEOUT_SECONDS = 10.0


@contextmanager
def serve(app: ASGIApp, *, lifespan: str = "off") -> Iterator[str]:
    """Serve `app` until the block exits; yields its base URL ("http://127.0.0.1:PORT").

    `lifespan="on"` runs the app's start-up (a whole gateway with its workers)."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan=lifespan)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="fake-api-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("fake API server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(START_TIMEOUT_SECONDS)
