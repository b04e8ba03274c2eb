"""Browser tests: the real gateway under uvicorn on 127.0.0.1, a fake Rasa, headless Chromium.

Chromium is Debian's package (`scripts/setup_browser.sh` installs it); Playwright drives it
through `executable_path`, never a downloaded browser. Tests are marked `browser` and skipped
with a hint when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from bot.app import create_app
from bot.settings import REPO_ROOT, Settings
from bot.staff.accounts import StaffDirectory
from bot.staff.roles import Role
from bot.storage.db import Database
from bot.storage.migrate import upgrade
from tests.fakes.fake_rasa import FakeRasa
from tests.fakes.live_server import serve
from tests.gateway.conftest import FIXTURE_CONTENT, RecordingSender

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO_ROOT / "test-output" / "screenshots"
STAFF_PASSWORD = "correct horse battery staple"


@dataclass
class LiveGateway:
    """The running gateway's base URL, its fake Rasa and the fake WhatsApp sender."""

    url: str
    rasa: FakeRasa
    whatsapp: RecordingSender
    database_url: str


@contextmanager
def run_gateway(settings: Settings, whatsapp: RecordingSender) -> Iterator[str]:
    """Serve `create_app(settings)` (lifespan on, workers running) in a thread."""
    app = create_app(settings, registry_overrides={"whatsapp": whatsapp})
    with serve(app, lifespan="on") as url:
        yield url


def _create_staff(database_url: str) -> None:
    async def create() -> None:
        database = Database(database_url)
        try:
            await StaffDirectory(database).create(
                "carla", STAFF_PASSWORD, role=Role.AGENT, team_countries=["CO"],
                display_name="Carla",
            )
        finally:
            await database.dispose()

    upgrade(database_url)
    asyncio.run(create())


@pytest.fixture
def live_gateway(tmp_path: Path) -> Iterator[LiveGateway]:
    rasa = FakeRasa()
    with serve(rasa.app()) as rasa_url:
        database_url = f"sqlite+aiosqlite:///{tmp_path / 'browser.db'}"
        _create_staff(database_url)
        settings = Settings(
            database_url=database_url,
            rasa_url=rasa_url,
            action_server_url=rasa_url,
            content_dir=FIXTURE_CONTENT,
            secret_key="browser-test-secret",
        )
        whatsapp = RecordingSender("whatsapp")
        with run_gateway(settings, whatsapp) as url:
            yield LiveGateway(url=url, rasa=rasa, whatsapp=whatsapp, database_url=database_url)


@contextmanager
def launch_chromium() -> Iterator[Browser]:
    """Debian's headless Chromium under Playwright (skips the test when it is not installed)."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is missing: run scripts/setup_browser.sh")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def browser() -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
