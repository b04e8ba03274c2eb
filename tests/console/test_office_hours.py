"""Team office hours (content/teams.yml): open or closed, and when a closed team is back."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.handoff.office_hours import TeamsConfig, TeamsConfigError
from bot.settings import REPO_ROOT

REAL_TEAMS = REPO_ROOT / "content" / "teams.yml"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def teams() -> TeamsConfig:
    return TeamsConfig.load(REAL_TEAMS)


def test_every_country_has_a_team_in_its_own_timezone(teams: TeamsConfig):
    assert set(teams.teams) == {"AR", "BO", "BR", "CL", "CO", "EC", "PY", "PE", "UY", "VE"}
    assert str(teams.hours_for("co").timezone) == "America/Bogota"
    assert str(teams.hours_for("BR").timezone) == "America/Sao_Paulo"
    assert teams.hours_for(None) is teams.regional


def test_open_team_gives_the_expected_wait(teams: TeamsConfig):
    # Monday 30 Nov 2026, 14:00 UTC = 09:00 in Bogotá: the team has just opened.
    availability = teams.availability("CO", "pt", utc("2026-11-30T14:00"))
    assert availability.is_open and availability.wait == "menos de 2 horas"
    assert availability.when is None


@pytest.mark.parametrize(
    ("moment", "lang", "expected"),
    [
        ("2026-11-30T13:59", "es", "hoy a las 09:00"),  # 08:59 Monday in Bogotá
        ("2026-11-30T23:30", "en", "tomorrow at 09:00"),  # 18:30 Monday
        ("2026-12-05T20:00", "es", "el lunes a las 09:00"),  # Saturday 15:00, closed at 13:00
        ("2026-12-05T20:00", "pt", "na segunda-feira às 09:00"),
        ("2026-12-06T15:00", "en", "tomorrow at 09:00"),  # Sunday
    ],
)
def test_closed_team_says_when_it_is_back(
    teams: TeamsConfig, moment: str, lang: str, expected: str
):
    availability = teams.availability("CO", lang, utc(moment))
    assert not availability.is_open
    assert availability.when == expected


def test_the_same_moment_depends_on_the_country_timezone(teams: TeamsConfig):
    # 12:30 UTC on a Monday: 09:30 in São Paulo (open), 07:30 in Bogotá (closed).
    moment = utc("2026-11-30T12:30")
    assert teams.availability("BR", "pt", moment).is_open
    assert not teams.availability("CO", "es", moment).is_open


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "teams.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("teams: {}\n", "'teams' must map"),
        (
            "teams: {CO: {timezone: Mars/Olympus, hours: {}, expected_wait: {es: x}}}\n",
            "teams.CO.timezone",
        ),
        (
            "teams: {CO: {timezone: America/Bogota, hours: {mon: ['18:00-09:00']},"
            " expected_wait: {es: x}}}\n",
            "ends before it starts",
        ),
        (
            "teams: {CO: {timezone: America/Bogota, hours: {lun: ['09:00-18:00']},"
            " expected_wait: {es: x}}}\n",
            "unknown days",
        ),
    ],
)
def test_malformed_files_name_the_problem(tmp_path: Path, text: str, message: str):
    with pytest.raises(TeamsConfigError, match=message):
        TeamsConfig.load(_write(tmp_path, text))


def test_a_missing_file_means_office_hours_are_unknown(tmp_path: Path):
    assert TeamsConfig.load_optional(tmp_path / "nope.yml") is None
