"""The web chat page in headless Chromium: send a message, see the reply, tap an option.

Uses the browser harness of tests/browser (Debian's Chromium, gateway under uvicorn).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bot.settings import Settings
from tests.browser.conftest import launch_chromium, run_gateway
from tests.fakes.fake_rasa import FakeRasa, custom
from tests.fakes.live_server import serve
from tests.gateway.conftest import FIXTURE_CONTENT, RecordingSender

pytestmark = pytest.mark.browser


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[tuple[str, FakeRasa]]:
    rasa = FakeRasa()
    with serve(rasa.app()) as rasa_url:
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}",
            rasa_url=rasa_url,
            action_server_url=rasa_url,
            content_dir=FIXTURE_CONTENT,
            secret_key="web-chat-test",
        )
        with run_gateway(settings, RecordingSender("whatsapp")) as url:
            yield url, rasa


@pytest.fixture
def chromium() -> Iterator[Browser]:
    with launch_chromium() as browser:
        yield browser


def test_message_reply_and_tappable_option(chat: tuple[str, FakeRasa], chromium: Browser):
    url, rasa = chat
    rasa.script["hola"] = [
        custom(
            "¿Sobre qué necesitas información?",
            buttons=[{"title": "Salud", "payload": "/ask_health"}],
        )
    ]
    rasa.script["/ask_health"] = [custom("En Ecuador la atención de emergencia es gratuita.")]
    page = chromium.new_page(viewport={"width": 360, "height": 640})  # a small phone
    page.goto(url + "/")

    page.fill("#text", "hola")
    page.press("#text", "Enter")

    expect(page.locator(".msg.in")).to_have_text(["hola"])
    expect(page.locator(".msg.out")).to_have_text(["¿Sobre qué necesitas información?"])
    page.get_by_role("button", name="Salud").click()
    expect(page.locator(".msg.in")).to_have_text(["hola", "Salud"])
    expect(page.locator(".msg.out").last).to_have_text(
        "En Ecuador la atención de emergencia es gratuita."
    )
    assert rasa.texts() == ["hola", "/ask_health"]


def test_emergency_is_highlighted(chat: tuple[str, FakeRasa], chromium: Browser):
    url, rasa = chat
    page = chromium.new_page()
    page.goto(url + "/")

    page.fill("#text", "me quiero matar")
    page.click("#send")

    expect(page.locator(".msg.out.emergency")).to_contain_text("AR 911")
    assert rasa.received == []
