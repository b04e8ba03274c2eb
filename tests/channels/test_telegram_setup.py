"""`python -m bot telegram-setup` against the fake Bot API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.cli import main
from tests.channels.conftest import TELEGRAM_SECRET, TELEGRAM_TOKEN
from tests.fakes.fake_telegram import FakeTelegram
from tests.fakes.live_server import serve


@pytest.fixture
def telegram_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTelegram]:
    fake = FakeTelegram()
    with serve(fake.app) as url:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN)
        monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", TELEGRAM_SECRET)
        monkeypatch.setenv("TELEGRAM_API_BASE", url)
        monkeypatch.setenv("RUMBO_PUBLIC_BASE_URL", "https://rumbo.example.org")
        monkeypatch.setenv("RUMBO_SECRET_KEY", "test")
        yield fake


def test_setup_registers_the_webhook_with_its_secret_and_the_commands(
    telegram_env: FakeTelegram, capsys
):
    assert main(["telegram-setup"]) == 0

    [webhook] = telegram_env.calls_to("setWebhook")
    assert webhook.token == TELEGRAM_TOKEN
    assert webhook.params["url"] == "https://rumbo.example.org/webhooks/telegram"
    assert webhook.params["secret_token"] == TELEGRAM_SECRET
    assert webhook.params["allowed_updates"] == ["message", "callback_query"]
    command_calls = telegram_env.calls_to("setMyCommands")
    languages = [call.params.get("language_code") for call in command_calls]
    assert sorted(languages, key=str) == sorted(["es", None, "pt", "en"], key=str)
    spanish = next(c for c in command_calls if c.params.get("language_code") == "es")
    assert [c["command"] for c in spanish.params["commands"]] == [
        "start",
        "help",
        "pais",
        "idioma",
        "humano",
    ]
    assert "webhooks/telegram" in capsys.readouterr().out


def test_setup_refuses_an_http_url_and_a_secret_telegram_would_reject(
    telegram_env: FakeTelegram, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.setenv("RUMBO_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "has spaces!")

    assert main(["telegram-setup"]) == 2

    errors = capsys.readouterr().err
    assert "https://" in errors
    assert "TELEGRAM_WEBHOOK_SECRET" in errors
    assert telegram_env.calls == []
