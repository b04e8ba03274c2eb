"""`GET /healthz`: are Rasa, the action server and the database all answering?"""

from __future__ import annotations

import asyncio
import logging

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

logger = logging.getLogger(__name__)

HEALTH_TIMEOUT = httpx.Timeout(3.0)


async def action_server_ready(client: httpx.AsyncClient, base_url: str) -> bool:
    """True when the action server answers 200 on GET /health."""
    try:
        response = await client.get(f"{base_url.rstrip('/')}/health", timeout=HEALTH_TIMEOUT)
    except httpx.HTTPError as exc:
        logger.debug("action server health check failed: %r", exc)
        return False
    return response.status_code == 200


async def healthz(request: Request) -> JSONResponse:
    """200 `{"rasa": true, "actions": true, "store": true}` only when all three answer;
    otherwise 503 with the same body showing which part is down."""
    state = request.app.state
    rasa, actions, store = await asyncio.gather(
        state.rasa.ready(),
        action_server_ready(state.http, state.settings.action_server_url),
        state.db.ping(),
    )
    body = {"rasa": rasa, "actions": actions, "store": store}
    return JSONResponse(body, status_code=200 if all(body.values()) else 503)


def routes() -> list[Route]:
    return [Route("/healthz", healthz, methods=["GET"], name="healthz")]
