"""`python -m bot staff create|disable|enable|list`: manage console accounts from a shell.

Passwords are never taken as arguments (they would land in shell history and `ps`): they
are read with a hidden prompt, or from standard input with `--password-stdin` for scripts.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import TextIO

from bot.settings import Settings
from bot.staff.accounts import AccountError, StaffDirectory, StaffMember
from bot.staff.passwords import WeakPasswordError
from bot.staff.roles import Role
from bot.storage.db import Database
from bot.storage.migrate import upgrade

EXIT_OK = 0
EXIT_REFUSED = 2


HELP = "manage staff console accounts (create, disable, enable, list)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the `staff` sub-commands to the `staff` parser of the gateway CLI (bot/cli.py)."""
    commands = parser.add_subparsers(dest="staff_command", required=True)

    create = commands.add_parser("create", help="create an account")
    create.add_argument("username")
    create.add_argument(
        "--role", choices=[role.value for role in Role], default=Role.AGENT.value
    )
    create.add_argument(
        "--team",
        action="append",
        default=[],
        metavar="CC",
        help="country team (ISO code, e.g. CO); repeat for several teams",
    )
    create.add_argument("--name", help="display name shown to colleagues (default: username)")
    create.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )

    for name, help_text in (("disable", "disable an account"), ("enable", "re-enable an account")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("username")

    commands.add_parser("list", help="list accounts")


def run(
    args: argparse.Namespace, *, settings: Settings | None = None, out: TextIO = sys.stdout
) -> int:
    """Execute a parsed `staff` command; returns the process exit code."""
    settings = settings or Settings.from_env()
    password = _read_password(args) if args.staff_command == "create" else None
    upgrade(settings.database_url)  # the CLI may run before the gateway ever started
    return asyncio.run(_run(args, settings, password, out))


async def _run(
    args: argparse.Namespace, settings: Settings, password: str | None, out: TextIO
) -> int:
    database = Database(settings.database_url)
    directory = StaffDirectory(database)
    try:
        if args.staff_command == "create":
            member = await directory.create(
                args.username,
                password or "",
                role=Role.parse(args.role),
                display_name=args.name,
                team_countries=args.team,
            )
            print(f"created {_describe(member)}", file=out)
        elif args.staff_command in ("disable", "enable"):
            member = await directory.set_active(args.username, args.staff_command == "enable")
            print(f"{args.staff_command}d {_describe(member)}", file=out)
        else:
            for member in await directory.all_members():
                print(_describe(member), file=out)
    except (AccountError, WeakPasswordError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        await database.dispose()
    return EXIT_OK


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise SystemExit("error: the passwords do not match")
    return first


def _describe(member: StaffMember) -> str:
    teams = ",".join(sorted(member.team_countries)) or "-"
    status = "active" if member.active else "disabled"
    return f"{member.username}\t{member.role.value}\tteams={teams}\t{status}\t{member.display_name}"


