"""A thin client for Rasa's REST channel and status endpoints (the gateway never imports Rasa)."""

from __future__ import annotations

import logging
from typing import Any

import httpx

logger = logging.getLogger(__name__)

# Rasa answers in ~40 ms; 10 s covers a slow action server without holding a webhook forever.
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)
# Readiness checks back /healthz, which load balancers call often and expect quickly.
READY_TIMEOUT = httpx.Timeout(3.0)


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out, or answered with a 5xx. The message is retried."""


class RasaRejected(Exception):
    """Rasa answered 4xx to a message: retrying the same message would fail again."""


class RasaClient:
    """Talks to one Rasa server at `base_url` through a shared `httpx.AsyncClient`.

    The caller owns the client (opened and closed in the app lifespan).
    """

    def __init__(
        self,
        base_url: str,
        client: httpx.AsyncClient,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._client = client
        self._timeout = timeout

    async def send(
        self, sender_id: str, text: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Send one message as `sender_id`; return Rasa's list of output items.

        Raises `RasaUnavailable` on connection errors, timeouts, 5xx answers and bodies that
        are not a JSON list (Rasa returns those only while starting or broken), and
        `RasaRejected` on a 4xx answer.
        """
        body = {"sender": sender_id, "message": text, "metadata": metadata or {}}
        url = f"{self.base_url}/webhooks/rest/webhook"
        try:
            response = await self._client.post(url, json=body, timeout=self._timeout)
        except httpx.HTTPError as exc:
            raise RasaUnavailable(f"cannot reach Rasa at {self.base_url}: {exc!r}") from exc
        if response.status_code >= 500:
            raise RasaUnavailable(f"Rasa answered {response.status_code}")
        if response.status_code >= 400:
            raise RasaRejected(f"Rasa answered {response.status_code}: {response.text[:200]}")
        try:
            items = response.json()
        except ValueError as exc:
            raise RasaUnavailable("Rasa answered with a body that is not JSON") from exc
        if not isinstance(items, list):
            raise RasaUnavailable("Rasa answered with JSON that is not a list")
        return [item for item in items if isinstance(item, dict)]

    async def ready(self) -> bool:
        """True when Rasa answers and has a model loaded.

        `GET /status` (needs --enable-api) names the loaded model; if it is not available
        (404/403), an answer on `GET /` is taken as ready.
        """
        try:
            response = await self._client.get(f"{self.base_url}/status", timeout=READY_TIMEOUT)
            if response.status_code == 200:
                status = response.json()
                return bool(isinstance(status, dict) and status.get("model_file"))
            if response.status_code in (401, 403, 404):
                root = await self._client.get(f"{self.base_url}/", timeout=READY_TIMEOUT)
                return root.status_code == 200
        except (httpx.HTTPError, ValueError) as exc:
            logger.debug("Rasa readiness check failed: %r", exc)
        return False
