"""Turn the parsed YAML of one content file into model objects.

These functions trust nothing: a missing or mistyped field raises ``ContentError`` naming
the file and the field. ``validate`` performs the fuller checks (lengths, URLs, numbers).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from rumbo_content.model import Answer, ContentError, Hotline, Office, Source


def _mapping(raw: Any, path: Path, what: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ContentError(f"{path}: {what} must be a mapping")
    return raw


def _text(raw: dict[str, Any], key: str, path: Path) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{path}: '{key}' must be a non-empty text")
    return value.strip()


def parse_date(value: Any) -> date:
    """A ``date`` from YAML (which already parses ``YYYY-MM-DD``) or from an ISO string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value.strip())
    raise ValueError(f"not a date: {value!r}")


def parse_answer(raw: Any, path: Path) -> Answer:
    """Build an ``Answer`` from one ``<topic>.yml``."""
    data = _mapping(raw, path, "the file")
    try:
        last_checked = parse_date(data.get("last_checked"))
    except ValueError as exc:
        raise ContentError(f"{path}: 'last_checked' must be a date YYYY-MM-DD") from exc
    sources = tuple(
        Source(
            title=_text(item, "title", path),
            url=_text(item, "url", path),
            kind=_text(item, "kind", path),
        )
        for item in (_mapping(s, path, "each source") for s in data.get("sources") or [])
    )
    office_raw = _mapping(data.get("office"), path, "'office'")
    texts: dict[str, dict[str, str]] = {}
    for lang, parts in _mapping(data.get("answers"), path, "'answers'").items():
        parts = _mapping(parts, path, f"answers.{lang}")
        texts[str(lang)] = {part: _text(parts, part, path) for part in ("short", "detail")}
    if "es" not in texts:
        raise ContentError(f"{path}: the Spanish ('es') answer is required")
    return Answer(
        id=_text(data, "id", path),
        country=_text(data, "country", path).upper(),
        topic=_text(data, "topic", path),
        last_checked=last_checked,
        sources=sources,
        office=Office(name=_text(office_raw, "name", path), url=_text(office_raw, "url", path)),
        hotline_ids=tuple(str(h) for h in data.get("hotlines") or []),
        uncertain=tuple(str(u) for u in data.get("uncertain") or []),
        texts=texts,
    )


def parse_hotlines(raw: Any, path: Path) -> tuple[list[Hotline], str | None]:
    """The hotlines of one ``hotlines.yml`` and the id of its general emergency number."""
    data = _mapping(raw, path, "the file")
    hotlines = []
    for item in data.get("hotlines") or []:
        item = _mapping(item, path, "each hotline")
        labels = _mapping(item.get("label"), path, "'label'")
        if not labels.get("es"):
            raise ContentError(f"{path}: hotline {item.get('id')!r} needs a Spanish label")
        hotlines.append(
            Hotline(
                id=_text(item, "id", path),
                # Quoted in YAML, but be forgiving of an unquoted short code such as 911.
                number=str(item.get("number", "")).strip(),
                label={str(k): str(v) for k, v in labels.items()},
                whatsapp=bool(item.get("whatsapp", False)),
                source=_text(item, "source", path),
            )
        )
    emergency = data.get("emergency")
    return hotlines, str(emergency) if emergency else None


def parse_country_names(raw: Any, path: Path) -> dict[str, str]:
    """Country names per language from ``country.yml``."""
    names = _mapping(_mapping(raw, path, "the file").get("names"), path, "'names'")
    return {str(lang): str(name) for lang, name in names.items()}


def flatten_ui(raw: Any, path: Path) -> dict[str, Any]:
    """A UI file as a flat ``{"menu.topic": text}`` table; nested mappings join with dots."""
    flat: dict[str, Any] = {}

    def walk(node: dict[Any, Any], prefix: str) -> None:
        for key, value in node.items():
            dotted = f"{prefix}{key}"
            if isinstance(value, dict):
                walk(value, f"{dotted}.")
            else:
                flat[dotted] = value

    if raw is not None:
        walk(_mapping(raw, path, "the file"), "")
    return flat


def parse_signals(raw: Any, path: Path) -> dict[str, list[str]]:
    """Emergency phrases per language from ``emergency/signals.yml``."""
    if raw is None:
        return {}
    data = _mapping(raw, path, "the file")
    signals: dict[str, list[str]] = {}
    for lang, phrases in data.items():
        if not isinstance(phrases, list):
            raise ContentError(f"{path}: '{lang}' must be a list of phrases")
        signals[str(lang)] = [str(p) for p in phrases if str(p).strip()]
    return signals
