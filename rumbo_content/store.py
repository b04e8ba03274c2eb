"""``ContentStore``: every content file read once, looked up by country, topic and language."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rumbo_content import layout, parse
from rumbo_content.model import (
    COUNTRIES,
    FALLBACK_LANGUAGE,
    LANGUAGES,
    TOPICS,
    Answer,
    Hotline,
)


@dataclass(frozen=True)
class ContentStore:
    """Read-only view of ``content/``.

    Country codes are accepted in any case ("co" or "CO"). Files that do not exist (a country
    not written yet, no ``ui/`` or ``emergency/`` folder) simply contribute nothing; a file
    that exists but is malformed makes ``load`` raise ``ContentError`` naming it.
    """

    answers: dict[tuple[str, str], Answer] = field(default_factory=dict)
    hotlines_by_country: dict[str, list[Hotline]] = field(default_factory=dict)
    emergency_ids: dict[str, str] = field(default_factory=dict)
    country_names: dict[str, dict[str, str]] = field(default_factory=dict)
    ui_texts: dict[str, dict[str, Any]] = field(default_factory=dict)
    signals: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path | str | None = None) -> ContentStore:
        """Read every file under ``root`` (default: ``layout.default_root()``) once."""
        base = Path(root) if root is not None else layout.default_root()
        store = cls()
        for country in COUNTRIES:
            store._load_country(base, country)
        for lang in LANGUAGES:
            path = layout.ui_file(base, lang)
            if path.is_file():
                store.ui_texts[lang] = parse.flatten_ui(layout.read_yaml(path), path)
        signals_path = layout.signals_file(base)
        if signals_path.is_file():
            store.signals.update(parse.parse_signals(layout.read_yaml(signals_path), signals_path))
        return store

    def _load_country(self, base: Path, country: str) -> None:
        names_path = layout.country_file(base, country)
        if names_path.is_file():
            raw = layout.read_yaml(names_path)
            self.country_names[country] = parse.parse_country_names(raw, names_path)
        hotlines_path = layout.hotlines_file(base, country)
        if hotlines_path.is_file():
            hotlines, emergency = parse.parse_hotlines(
                layout.read_yaml(hotlines_path), hotlines_path
            )
            self.hotlines_by_country[country] = hotlines
            if emergency:
                self.emergency_ids[country] = emergency
        for topic in TOPICS:
            path = layout.answer_file(base, country, topic)
            if path.is_file():
                self.answers[(country, topic)] = parse.parse_answer(layout.read_yaml(path), path)

    def answer(self, country: str, topic: str) -> Answer | None:
        """The answer for ``topic`` in ``country``, or None when there is none."""
        return self.answers.get((country.upper(), topic))

    def hotlines(self, country: str) -> list[Hotline]:
        """All hotlines of ``country`` in file order (empty when unknown)."""
        return list(self.hotlines_by_country.get(country.upper(), []))

    def hotline(self, country: str, hotline_id: str) -> Hotline | None:
        """One hotline of ``country`` by id, or None."""
        return next((h for h in self.hotlines(country) if h.id == hotline_id), None)

    def emergency_hotline(self, country: str) -> Hotline | None:
        """The general emergency number of ``country`` (``emergency:`` in hotlines.yml)."""
        emergency_id = self.emergency_ids.get(country.upper())
        return self.hotline(country, emergency_id) if emergency_id else None

    def country_name(self, country: str, lang: str) -> str:
        """The country's name in ``lang``, falling back to Spanish.

        Raises ``KeyError`` when the country has no ``country.yml``.
        """
        names = self.country_names.get(country.upper())
        if not names:
            raise KeyError(f"no country.yml loaded for country {country!r}")
        return names.get(lang) or names[FALLBACK_LANGUAGE]

    def ui(self, lang: str, key: str, **fields: Any) -> str:
        """The UI sentence ``key`` (dotted, e.g. "menu.topic") in ``lang``, formatted.

        Falls back to Spanish when ``lang`` lacks the key. Placeholders use ``str.format``
        syntax ("Hola {name}"), so a literal brace is written ``{{``. Raises ``KeyError``
        naming the key when no language has it, or naming the placeholder when a field is
        not supplied.
        """
        for candidate in (lang, FALLBACK_LANGUAGE):
            table = self.ui_texts.get(candidate, {})
            if key in table:
                return _format(key, table[key], fields)
        raise KeyError(f"UI text {key!r} is not in ui/{lang}.yml nor ui/es.yml")

    def emergency_signals(self) -> dict[str, list[str]]:
        """Safety-net phrases per language (empty when signals.yml does not exist)."""
        return {lang: list(phrases) for lang, phrases in self.signals.items()}


def _format(key: str, template: Any, fields: dict[str, Any]) -> str:
    if not isinstance(template, str):
        raise TypeError(f"UI text {key!r} is not a text but {type(template).__name__}")
    # "{user.name}" or "{items[0]}" need the field "user" / "items".
    needed = {
        re.split(r"[.\[]", name, maxsplit=1)[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    }
    missing = needed - fields.keys()
    if missing:
        raise KeyError(f"UI text {key!r} needs the field(s) {', '.join(sorted(missing))}")
    return template.format(**fields)
