"""Fixtures: a fresh gateway per test on its own database, with a fake Rasa on 127.0.0.1.

Every test that uses `database_url` runs on SQLite and, when RUMBO_TEST_POSTGRES_URL is set
(e.g. postgresql+psycopg://rumbo:rumbo@127.0.0.1:5432/rumbo_test), again on PostgreSQL in a
throw-away schema. Workers are not started: tests drive retries with `run_once()`, so
nothing depends on timing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from starlette.applications import Starlette

from bot.app import create_app
from bot.channels.base import DeliveryError, SendResult
from bot.conversations.service import ConversationService
from bot.replies import Reply
from bot.settings import Settings
from bot.storage.models import Conversation
from tests.fakes.fake_rasa import FakeRasa
from tests.fakes.live_server import serve

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
POSTGRES_ENV = "RUMBO_TEST_POSTGRES_URL"


def _postgres_schema_url(base_url: str, schema: str) -> str:
    """`base_url` with every connection's search_path set to `schema` (libpq `options`)."""
    url = make_url(base_url)
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database: a tmp SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'rumbo-test.db'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("+asyncpg", "+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _postgres_schema_url(base, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def rasa_url(fake_rasa: FakeRasa) -> Iterator[str]:
    """Base URL of the fake Rasa (and action server), served on 127.0.0.1.

    (Function-scoped on purpose: tests/console re-exports these two fixtures by name.)
    """
    with serve(fake_rasa.app()) as url:
        yield url


@pytest.fixture
def settings(database_url: str, rasa_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        rasa_url=rasa_url,
        action_server_url=rasa_url,
        content_dir=FIXTURE_CONTENT,
        secret_key="test-secret",
        inbox_retry_seconds=5.0,
    )


class RecordingSender:
    """A channel sender that records what it was asked to send, or fails on demand."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sent: list[tuple[str, Reply]] = []
        self.failure: DeliveryError | None = None

    async def send(self, conversation: Conversation, reply: Reply) -> SendResult:
        if self.failure is not None:
            raise self.failure
        self.sent.append((conversation.key, reply))
        return SendResult(provider_message_id=f"SM{len(self.sent)}")


@pytest.fixture
def sms_sender() -> RecordingSender:
    return RecordingSender("sms")


@dataclass
class Gateway:
    """A running app (lifespan entered) and an HTTP client talking to it in-process."""

    app: Starlette
    client: httpx.AsyncClient

    @property
    def service(self) -> ConversationService:
        return self.app.state.service


@pytest.fixture
async def gateway(settings: Settings, sms_sender: RecordingSender) -> AsyncIterator[Gateway]:
    app = create_app(settings, registry_overrides={"sms": sms_sender}, start_workers=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield Gateway(app=app, client=client)
