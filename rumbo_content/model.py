"""The content model: immutable values built from the YAML files in ``content/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# ISO 3166 alpha-2 codes of the ten countries Rumbo covers; files use the lower-case form.
COUNTRIES: tuple[str, ...] = ("AR", "BO", "BR", "CL", "CO", "EC", "PY", "PE", "UY", "VE")
TOPICS: tuple[str, ...] = ("regularization", "labour", "health", "protection")
LANGUAGES: tuple[str, ...] = ("es", "pt", "en")
# Spanish is the language every text must exist in, so it is the fallback everywhere.
FALLBACK_LANGUAGE = "es"
SOURCE_KINDS: tuple[str, ...] = ("official", "un", "ngo", "press")


class ContentError(ValueError):
    """A content file is missing a required field or is not valid YAML.

    The message always names the file, so staff know what to fix.
    """


@dataclass(frozen=True)
class Source:
    """A document an answer is based on. ``kind`` is one of ``SOURCE_KINDS``."""

    title: str
    url: str
    kind: str


@dataclass(frozen=True)
class Office:
    """The institution an answer sends the person to, with its website."""

    name: str
    url: str


@dataclass(frozen=True)
class Hotline:
    """A phone number a person may call or write to.

    ``id`` is unique within its country; ``source`` is the URL that gives the number.
    """

    id: str
    number: str
    label: dict[str, str]
    whatsapp: bool
    source: str

    def label_for(self, lang: str) -> str:
        """The label in ``lang``, or in Spanish when that language is missing."""
        return self.label.get(lang) or self.label[FALLBACK_LANGUAGE]


@dataclass(frozen=True)
class Answer:
    """One topic in one country, in every language.

    ``texts`` maps a language to ``{"short": ..., "detail": ...}``; ``hotline_ids`` refer to
    the country's ``hotlines.yml``.
    """

    id: str
    country: str
    topic: str
    last_checked: date
    sources: tuple[Source, ...]
    office: Office
    hotline_ids: tuple[str, ...]
    uncertain: tuple[str, ...]
    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    def short(self, lang: str) -> str:
        """The short answer (<= 320 characters) in ``lang``, falling back to Spanish."""
        return self._text(lang, "short")

    def detail(self, lang: str) -> str:
        """The detailed answer (<= 1,400 characters) in ``lang``, falling back to Spanish."""
        return self._text(lang, "detail")

    def _text(self, lang: str, part: str) -> str:
        text = self.texts.get(lang, {}).get(part)
        return text if text else self.texts[FALLBACK_LANGUAGE][part]
