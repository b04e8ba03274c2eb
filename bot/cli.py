"""`python -m bot <command>`: a small registry of subcommands.

To add a command, write `add_arguments(parser)` and `run(args) -> exit code` functions and
append a `Command` to `COMMANDS`. Commands read `Settings.from_env()` themselves, so a bad
environment variable is reported as a one-line error, not a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.channels.telegram import setup_cli as telegram_setup
from bot.settings import Settings, SettingsError
from bot.staff import cli as staff_cli


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, one-line help, argument set-up and body."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="bind address (default: RUMBO_HOST)")
    parser.add_argument("--port", type=int, help="port (default: RUMBO_PORT)")


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from bot.app import create_app

    settings = Settings.from_env()
    uvicorn.run(
        create_app(settings),
        host=args.host or settings.host,
        port=args.port or settings.port,
        proxy_headers=True,
    )
    return 0


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    return None


def _migrate(args: argparse.Namespace) -> int:
    from bot.storage.migrate import upgrade

    upgrade(Settings.from_env().database_url)
    print("database is up to date")
    return 0


COMMANDS: list[Command] = [
    Command("serve", "run the gateway (uvicorn)", _serve_arguments, _serve),
    Command("migrate", "apply database migrations and exit", _no_arguments, _migrate),
    Command("staff", staff_cli.HELP, staff_cli.add_arguments, staff_cli.run),
    Command(
        "telegram-setup", telegram_setup.HELP, telegram_setup.add_arguments, telegram_setup.run
    ),
]


def build_parser(commands: Sequence[Command] = COMMANDS) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Rumbo gateway")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in commands:
        sub = subparsers.add_parser(command.name, help=command.help)
        command.add_arguments(sub)
        sub.set_defaults(handler=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` and run the chosen command; returns the process exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO; Telegram URLs contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except SettingsError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
