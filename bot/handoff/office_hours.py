"""Per-country office hours of the staff teams, read from `content/teams.yml`.

The acknowledgement a person gets on handoff says either the expected wait (team open) or
when the team will answer (team closed). This module answers both questions for a country
and a moment; it never decides whether a handoff happens (a closed team still gets the case).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

DAY_KEYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FALLBACK_LANGUAGE = "es"
_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
# "24:00" closes a range at midnight; stored as the last representable moment of the day.
_END_OF_DAY = time(23, 59, 59, 999999)


class TeamsConfigError(ValueError):
    """content/teams.yml is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class TeamHours:
    """When one team answers: weekly local-time ranges in one timezone, plus the wait text."""

    timezone: ZoneInfo
    weekly: Mapping[int, tuple[tuple[time, time], ...]]  # weekday (Monday = 0) -> ranges
    expected_wait: Mapping[str, str]

    def is_open(self, at: datetime) -> bool:
        """True when `at` (timezone-aware) falls inside one of today's local ranges."""
        local = at.astimezone(self.timezone)
        now = local.time()
        return any(start <= now < end for start, end in self.weekly.get(local.weekday(), ()))

    def next_opening(self, at: datetime) -> datetime | None:
        """The next local moment the team opens after `at`, or None if it never opens."""
        local = at.astimezone(self.timezone)
        for offset in range(8):
            day = (local + timedelta(days=offset)).date()
            for start, _end in self.weekly.get(day.weekday(), ()):
                opening = datetime.combine(day, start, tzinfo=self.timezone)
                if opening > local:
                    return opening
        return None

    def wait_text(self, lang: str) -> str:
        """The configured expected wait in `lang` (Spanish when that language is missing)."""
        return self.expected_wait.get(lang) or self.expected_wait[FALLBACK_LANGUAGE]


@dataclass(frozen=True)
class Availability:
    """What to tell a person now: either `wait` (open) or `when` (closed) is set."""

    is_open: bool
    wait: str | None = None
    when: str | None = None


@dataclass(frozen=True)
class TeamsConfig:
    """All teams' hours plus the wording used to say when a closed team is back."""

    teams: Mapping[str, TeamHours]
    regional: TeamHours
    when_wording: Mapping[str, Mapping[str, Any]]

    @classmethod
    def load(cls, path: Path) -> TeamsConfig:
        """Parse `path`; raises TeamsConfigError naming the file and the bad field."""
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise TeamsConfigError(f"{path}: cannot read: {exc}") from exc
        if not isinstance(raw, dict):
            raise TeamsConfigError(f"{path}: expected a mapping at the top level")
        teams_raw = raw.get("teams")
        if not isinstance(teams_raw, dict) or not teams_raw:
            raise TeamsConfigError(f"{path}: 'teams' must map country codes to team hours")
        teams = {
            str(code).upper(): _parse_team(path, f"teams.{code}", spec)
            for code, spec in teams_raw.items()
        }
        regional = _parse_team(path, "regional", raw.get("regional"))
        wording = raw.get("when")
        if not isinstance(wording, dict) or FALLBACK_LANGUAGE not in wording:
            raise TeamsConfigError(f"{path}: 'when' needs at least the '{FALLBACK_LANGUAGE}' text")
        for lang, texts in wording.items():
            _check_wording(path, lang, texts)
        return cls(teams=teams, regional=regional, when_wording=wording)

    @classmethod
    def load_optional(cls, path: Path) -> TeamsConfig | None:
        """Like `load`, but None when the file does not exist (office hours unknown)."""
        return cls.load(path) if path.exists() else None

    def hours_for(self, country: str | None) -> TeamHours:
        """The team that answers cases of `country`; the regional team when unknown."""
        if country is None:
            return self.regional
        return self.teams.get(country.upper(), self.regional)

    def availability(self, country: str | None, lang: str, now: datetime) -> Availability:
        """What the acknowledgement should say for a handoff in `country` at `now`."""
        hours = self.hours_for(country)
        if hours.is_open(now):
            return Availability(is_open=True, wait=hours.wait_text(lang))
        return Availability(is_open=False, when=self._when_text(hours, lang, now))

    def _when_text(self, hours: TeamHours, lang: str, now: datetime) -> str:
        wording = self.when_wording.get(lang) or self.when_wording[FALLBACK_LANGUAGE]
        opening = hours.next_opening(now)
        if opening is None:
            return wording["unknown"]
        today = now.astimezone(hours.timezone).date()
        clock = opening.strftime("%H:%M")
        days_ahead = (opening.date() - today).days
        if days_ahead == 0:
            return wording["today"].format(time=clock)
        if days_ahead == 1:
            return wording["tomorrow"].format(time=clock)
        day = wording["days"][opening.weekday()]
        return wording["weekday"].format(day=day, time=clock)


def _parse_team(path: Path, where: str, spec: Any) -> TeamHours:
    if not isinstance(spec, dict):
        raise TeamsConfigError(f"{path}: {where} must be a mapping")
    try:
        zone = ZoneInfo(str(spec.get("timezone")))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise TeamsConfigError(f"{path}: {where}.timezone is not an IANA timezone") from exc
    hours = spec.get("hours")
    if not isinstance(hours, dict):
        raise TeamsConfigError(f"{path}: {where}.hours must map days to ranges")
    unknown_days = set(hours) - set(DAY_KEYS)
    if unknown_days:
        raise TeamsConfigError(f"{path}: {where}.hours has unknown days {sorted(unknown_days)}")
    weekly = {
        index: tuple(_parse_range(path, f"{where}.hours.{key}", item) for item in hours[key] or ())
        for index, key in enumerate(DAY_KEYS)
        if key in hours
    }
    wait = spec.get("expected_wait")
    if not isinstance(wait, dict) or not wait.get(FALLBACK_LANGUAGE):
        raise TeamsConfigError(
            f"{path}: {where}.expected_wait needs at least the '{FALLBACK_LANGUAGE}' text"
        )
    return TeamHours(timezone=zone, weekly=weekly, expected_wait=dict(wait))


def _parse_range(path: Path, where: str, raw: Any) -> tuple[time, time]:
    match = _RANGE.match(str(raw).strip())
    if not match:
        raise TeamsConfigError(f"{path}: {where}: {raw!r} is not 'HH:MM-HH:MM'")
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    try:
        start = time(start_h, start_m)
        end = _END_OF_DAY if (end_h, end_m) == (24, 0) else time(end_h, end_m)
    except ValueError as exc:
        raise TeamsConfigError(f"{path}: {where}: {raw!r}: {exc}") from exc
    if end <= start:
        raise TeamsConfigError(f"{path}: {where}: {raw!r} ends before it starts")
    return start, end


def _check_wording(path: Path, lang: str, texts: Any) -> None:
    required = ("today", "tomorrow", "weekday", "unknown", "days")
    if not isinstance(texts, dict) or any(key not in texts for key in required):
        raise TeamsConfigError(f"{path}: when.{lang} needs {', '.join(required)}")
    if not isinstance(texts["days"], list) or len(texts["days"]) != 7:
        raise TeamsConfigError(f"{path}: when.{lang}.days must list 7 days from Monday")
