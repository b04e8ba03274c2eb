"""End-to-end fixtures: the real gateway (create_app) talking to the real Rasa and action
servers that `make test` starts (RUMBO_E2E_RASA_URL / RUMBO_E2E_ACTIONS_URL), with the real
content and a throwaway SQLite database."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from bot.app import create_app
from bot.settings import Settings
from rumbo_content import ContentStore

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def rasa_url() -> str:
    url = os.environ.get("RUMBO_E2E_RASA_URL")
    if not url:
        pytest.skip("RUMBO_E2E_RASA_URL is not set (make test starts Rasa and sets it)")
    return url


@pytest.fixture(scope="session")
def client(rasa_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("e2e") / "rumbo-e2e.db"
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{db}",
        rasa_url=rasa_url,
        action_server_url=os.environ.get("RUMBO_E2E_ACTIONS_URL", "http://127.0.0.1:5055"),
        secret_key="e2e-secret",
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def store() -> ContentStore:
    return ContentStore.load()


_users = itertools.count()


@pytest.fixture
def chat(client: TestClient) -> Callable[[str], list[dict[str, Any]]]:
    """Send messages as one new person; returns the replies of each message."""
    user = f"e2e-{os.getpid()}-{next(_users)}"

    def send(text: str) -> list[dict[str, Any]]:
        response = client.post("/api/chat", json={"user": user, "text": text})
        assert response.status_code == 200, response.text
        return response.json()["replies"]

    return send


def last_meta(replies: list[dict[str, Any]]) -> dict[str, Any]:
    assert replies, "the assistant sent no reply"
    return replies[-1]["meta"]


REPO_ROOT = Path(__file__).resolve().parents[2]
