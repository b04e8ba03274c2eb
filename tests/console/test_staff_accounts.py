"""Accounts: Argon2 hashes, the lockout rule, roles, and the `python -m bot staff` CLI."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.settings import Settings
from bot.staff import cli as staff_cli
from bot.staff.accounts import AccountError, LoginOutcome, StaffDirectory
from bot.staff.lockout import LOCKOUT_DURATION, MAX_FAILED_LOGINS, LockoutState
from bot.staff.passwords import WeakPasswordError, hash_password, verify_password
from bot.staff.roles import Role, can_see_country
from bot.storage.db import Database
from bot.storage.migrate import upgrade

PASSWORD = "a long enough password"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)


def test_passwords_are_argon2id_hashes_that_verify():
    hashed = hash_password("a long enough password")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "a long enough password")
    assert not verify_password(hashed, "a long enough passworD")
    assert not verify_password("not a hash", "a long enough password")
    with pytest.raises(WeakPasswordError):
        hash_password("short")


def test_lockout_locks_on_the_fifth_failure_and_expires():
    state = LockoutState(failed_logins=0, locked_until=None)
    for _ in range(MAX_FAILED_LOGINS - 1):
        state = state.after_failure(NOW)
        assert not state.is_locked(NOW)
    state = state.after_failure(NOW)
    assert state.is_locked(NOW + LOCKOUT_DURATION - timedelta(seconds=1))
    assert not state.is_locked(NOW + LOCKOUT_DURATION)
    assert state.failed_logins == 0  # five fresh tries after the lock ends
    assert LockoutState.after_success() == LockoutState(0, None)


def test_roles_and_country_teams():
    assert can_see_country(Role.AGENT, frozenset({"CO"}), "CO")
    assert not can_see_country(Role.AGENT, frozenset({"CO"}), "PE")
    assert not can_see_country(Role.AGENT, frozenset({"CO"}), None)
    assert can_see_country(Role.SUPERVISOR, frozenset({"CO"}), None)
    assert not can_see_country(Role.SUPERVISOR, frozenset({"CO"}), "PE")
    assert can_see_country(Role.ADMIN, frozenset(), "PE")
    with pytest.raises(ValueError, match="agent, supervisor, admin"):
        Role.parse("boss")


async def test_directory_refuses_duplicates_unknown_countries_and_teamless_agents(
    database_url: str,
):
    upgrade(database_url)
    database = Database(database_url)
    directory = StaffDirectory(database)
    try:
        await directory.create("Ana", PASSWORD, role=Role.AGENT, team_countries=["co"])
        with pytest.raises(AccountError, match="already taken"):
            await directory.create("ana", PASSWORD, role=Role.AGENT, team_countries=["CO"])
        with pytest.raises(AccountError, match="unknown team countries"):
            await directory.create("bea", PASSWORD, role=Role.AGENT, team_countries=["MX"])
        with pytest.raises(AccountError, match="at least one team"):
            await directory.create("eva", PASSWORD, role=Role.AGENT)
        unknown = await directory.authenticate("nobody", PASSWORD, now=NOW)
        ok = await directory.authenticate(" ANA ", PASSWORD, now=NOW)
        members = await directory.all_members()
    finally:
        await database.dispose()
    assert unknown.outcome is LoginOutcome.UNKNOWN_USER
    assert ok.outcome is LoginOutcome.OK and ok.member.team_countries == frozenset({"CO"})
    assert [m.username for m in members] == ["ana"]


def _run_cli(argv: list[str], settings: Settings, stdin: str = "") -> tuple[int, str]:
    args = build_parser().parse_args(argv)
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        code = staff_cli.run(args, settings=settings, out=out)
    return code, out.getvalue()


def test_cli_creates_lists_disables_and_enables_accounts(tmp_path: Path):
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}", secret_key="test"
    )
    created = _run_cli(
        ["staff", "create", "sofia", "--role", "supervisor", "--team", "CO", "--team", "pe"]
        + ["--name", "Sofía", "--password-stdin"],
        settings,
        stdin="a long enough password\n",
    )
    weak = _run_cli(
        ["staff", "create", "tom", "--team", "CO", "--password-stdin"], settings, stdin="short\n"
    )
    disabled = _run_cli(["staff", "disable", "sofia"], settings)
    listed = _run_cli(["staff", "list"], settings)
    enabled = _run_cli(["staff", "enable", "sofia"], settings)
    missing = _run_cli(["staff", "disable", "nobody"], settings)

    assert created == (0, "created sofia\tsupervisor\tteams=CO,PE\tactive\tSofía\n")
    assert weak[0] == 2
    assert disabled[0] == 0 and "disabled" in disabled[1]
    assert listed == (0, "sofia\tsupervisor\tteams=CO,PE\tdisabled\tSofía\n")
    assert enabled[0] == 0 and "\tactive\t" in enabled[1]
    assert missing[0] == 2


def test_cli_rejects_an_unknown_role(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["staff", "create", "x", "--role", "boss"])
    assert "invalid choice: 'boss'" in capsys.readouterr().err
