"""`python -m bot telegram-setup`: register the webhook and the command menu with Telegram.

Calls `setWebhook(url=RUMBO_PUBLIC_BASE_URL + /webhooks/telegram, secret_token=
TELEGRAM_WEBHOOK_SECRET, allowed_updates=[message, callback_query])`, then `setMyCommands`
once per interface language (Spanish is also the default list). Run it again after changing
the public URL or the secret. Exit codes: 0 done, 2 configuration problem, 1 Telegram error.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys

from telegram import Bot, BotCommand
from telegram.error import TelegramError

from bot.channels.telegram.channel import ALLOWED_UPDATES, WEBHOOK_PATH
from bot.channels.telegram.commands import MENU_DESCRIPTIONS
from bot.settings import Settings

HELP = "register the Telegram webhook and command menu (needs TELEGRAM_* variables)"
# Telegram's rule for secret_token: 1-256 characters, A-Z, a-z, 0-9, _ and -.
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
DEFAULT_MENU_LANGUAGE = "es"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--drop-pending",
        action="store_true",
        help="discard updates Telegram queued while no webhook was reachable",
    )


def check_settings(settings: Settings) -> list[str]:
    """Problems that make the webhook unusable, as sentences for the terminal."""
    problems = []
    if not settings.telegram_bot_token:
        problems.append("TELEGRAM_BOT_TOKEN is not set (BotFather gives it to you)")
    if not settings.telegram_webhook_secret:
        problems.append("TELEGRAM_WEBHOOK_SECRET is not set")
    elif not _SECRET.match(settings.telegram_webhook_secret):
        problems.append("TELEGRAM_WEBHOOK_SECRET may only use A-Z a-z 0-9 _ - (1-256 chars)")
    if not settings.public_base_url.startswith("https://"):
        problems.append("RUMBO_PUBLIC_BASE_URL must be an https:// URL Telegram can reach")
    return problems


async def register(settings: Settings, drop_pending: bool = False) -> str:
    """Set the webhook and the command lists; returns the webhook URL."""
    base = (settings.telegram_api_base or "https://api.telegram.org").rstrip("/")
    url = settings.public_base_url.rstrip("/") + WEBHOOK_PATH
    async with Bot(settings.telegram_bot_token or "", base_url=f"{base}/bot") as bot:
        await bot.set_webhook(
            url=url,
            secret_token=settings.telegram_webhook_secret,
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=drop_pending,
        )
        for lang, descriptions in MENU_DESCRIPTIONS.items():
            commands = [BotCommand(name, text) for name, text in descriptions.items()]
            await bot.set_my_commands(commands, language_code=lang)
            if lang == DEFAULT_MENU_LANGUAGE:
                await bot.set_my_commands(commands)
    return url


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    problems = check_settings(settings)
    if problems:
        for problem in problems:
            print(f"telegram-setup: {problem}", file=sys.stderr)
        return 2
    try:
        url = asyncio.run(register(settings, drop_pending=args.drop_pending))
    except TelegramError as exc:
        print(f"telegram-setup: Telegram refused: {exc}", file=sys.stderr)
        return 1
    print(f"Telegram webhook set to {url}; command menu registered")
    return 0
