"""The channel-neutral reply: what the bot (or staff) says, before any channel renders it.

The shape follows docs/architecture.md ("The channel-neutral reply"): actions send it with
`dispatcher.utter_message(json_message=REPLY)` and Rasa's REST channel returns it under
`custom`. Renderers in `bot/render/` turn a `Reply` into SMS text, WhatsApp or Telegram.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Option:
    """A tappable choice; `payload` is sent back to Rasa as the message text when picked."""

    title: str
    payload: str


@dataclass
class Link:
    """A titled URL taken from content (never invented)."""

    title: str
    url: str


@dataclass
class Reply:
    """One message from the bot or staff to a person.

    `meta` carries the architecture's reply meta (lang, topic, country, content_id, handoff,
    emergency, kind); keys may be missing, so read it with `.get()`.
    """

    text: str
    options: list[Option] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_rasa(cls, message: dict[str, Any]) -> Reply:
        """Build a reply from one item of Rasa's REST webhook output.

        Prefers the `custom` payload (our actions' channel-neutral JSON); falls back to the
        plain `text` + `buttons` Rasa produces for `responses:` in the domain. Malformed
        buttons or links (missing title/payload/url) are skipped rather than failing the turn.
        """
        custom = message.get("custom")
        source = custom if isinstance(custom, dict) else message
        text = source.get("text")
        meta = source.get("meta") if isinstance(custom, dict) else None
        return cls(
            text=text if isinstance(text, str) else "",
            options=_parse_options(source.get("buttons")),
            links=_parse_links(source.get("links")),
            meta=dict(meta) if isinstance(meta, dict) else {},
        )

    def to_api(self) -> dict[str, Any]:
        """The `/api/chat` shape: {"text", "buttons": [{"title", "payload"}], "meta"}.

        Links are included as `links` too, so the web chat can show them as anchors.
        """
        return {
            "text": self.text,
            "buttons": [asdict(option) for option in self.options],
            "links": [asdict(link) for link in self.links],
            "meta": dict(self.meta),
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON columns (round-trips through `from_json`)."""
        return asdict(self)

    def to_json(self) -> str:
        """Serialise for storage (round-trips through `from_json`)."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | dict[str, Any]) -> Reply:
        """Inverse of `to_json`; also accepts the already-decoded dict."""
        data = json.loads(raw) if isinstance(raw, str) else raw
        return cls(
            text=data.get("text", ""),
            options=_parse_options(data.get("options")),
            links=_parse_links(data.get("links")),
            meta=dict(data.get("meta") or {}),
        )

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to show (Rasa sometimes returns image-only items)."""
        return not self.text.strip() and not self.options and not self.links


def _parse_options(raw: Any) -> list[Option]:
    if not isinstance(raw, list):
        return []
    options = []
    for item in raw:
        if isinstance(item, dict) and item.get("title") and item.get("payload"):
            options.append(Option(title=str(item["title"]), payload=str(item["payload"])))
    return options


def _parse_links(raw: Any) -> list[Link]:
    if not isinstance(raw, list):
        return []
    links = []
    for item in raw:
        if isinstance(item, dict) and item.get("title") and item.get("url"):
            links.append(Link(title=str(item["title"]), url=str(item["url"])))
    return links
