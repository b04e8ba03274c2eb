"""Canned replies and WhatsApp templates for staff, read from `content/canned_replies.yml`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FALLBACK_LANGUAGE = "es"


class CannedRepliesError(ValueError):
    """content/canned_replies.yml is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class CannedReply:
    """A reply staff can insert and edit. `{staff_name}` is filled with their display name."""

    id: str
    title: str
    text: str

    def render(self, staff_name: str) -> str:
        return self.text.replace("{staff_name}", staff_name)


@dataclass(frozen=True)
class WhatsAppTemplate:
    """An approved template for when the 24-hour window is closed.

    `content_sid` is Twilio's id of the Meta-approved template (HX...); `text` is what staff
    see and what the transcript keeps. Without a content_sid the template cannot be sent live.
    """

    id: str
    text: Mapping[str, str]
    content_sid: str | None = None

    def text_for(self, lang: str) -> str:
        return self.text.get(lang) or self.text[FALLBACK_LANGUAGE]


@dataclass(frozen=True)
class CannedReplies:
    """All canned replies per language, plus the WhatsApp templates."""

    replies: Mapping[str, tuple[CannedReply, ...]]
    templates: tuple[WhatsAppTemplate, ...]

    @classmethod
    def load(cls, path: Path) -> CannedReplies:
        """Parse `path`; raises CannedRepliesError naming the file and the bad entry."""
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CannedRepliesError(f"{path}: cannot read: {exc}") from exc
        if not isinstance(raw, dict) or not isinstance(raw.get("replies"), dict):
            raise CannedRepliesError(f"{path}: expected 'replies' mapping languages to lists")
        replies = {
            str(lang): tuple(_parse_reply(path, lang, item) for item in items or ())
            for lang, items in raw["replies"].items()
        }
        if FALLBACK_LANGUAGE not in replies:
            raise CannedRepliesError(f"{path}: replies need the '{FALLBACK_LANGUAGE}' list")
        raw_templates = raw.get("whatsapp_templates") or ()
        templates = tuple(_parse_template(path, item) for item in raw_templates)
        return cls(replies=replies, templates=templates)

    @classmethod
    def load_optional(cls, path: Path) -> CannedReplies:
        """Like `load`, but a missing file gives no replies and no templates."""
        if not path.exists():
            return cls(replies={FALLBACK_LANGUAGE: ()}, templates=())
        return cls.load(path)

    def for_language(self, lang: str | None) -> tuple[CannedReply, ...]:
        """The replies in `lang`, or Spanish when there are none in that language."""
        return self.replies.get(lang or FALLBACK_LANGUAGE) or self.replies[FALLBACK_LANGUAGE]

    def template(self, template_id: str) -> WhatsAppTemplate | None:
        return next((t for t in self.templates if t.id == template_id), None)


def _parse_reply(path: Path, lang: str, item: Any) -> CannedReply:
    if not isinstance(item, dict) or not all(item.get(key) for key in ("id", "title", "text")):
        raise CannedRepliesError(f"{path}: replies.{lang}: each entry needs id, title and text")
    return CannedReply(id=str(item["id"]), title=str(item["title"]), text=str(item["text"]))


def _parse_template(path: Path, item: Any) -> WhatsAppTemplate:
    if not isinstance(item, dict) or not item.get("id") or not isinstance(item.get("text"), dict):
        raise CannedRepliesError(f"{path}: whatsapp_templates: each needs id and text per language")
    if not item["text"].get(FALLBACK_LANGUAGE):
        raise CannedRepliesError(f"{path}: template {item['id']}: needs '{FALLBACK_LANGUAGE}' text")
    content_sid = str(item["content_sid"]) if item.get("content_sid") else None
    return WhatsAppTemplate(id=str(item["id"]), text=dict(item["text"]), content_sid=content_sid)
