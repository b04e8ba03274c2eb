"""What one inbound message should lead to: pure decisions, no database and no network.

`TurnPlanner.plan` runs steps 1-3 of docs/architecture.md (safety net, handoff silence or
cancel, menu number / payload / location) and says whether Rasa must answer;
`TurnPlanner.after_rasa` applies the reply meta to the conversation (language, country,
topic, last menu, handoff). Both mutate the `Conversation` row they are given; the caller
commits it together with the queued replies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot import geo
from bot.conversations.text_rules import is_cancel, pick_menu_option
from bot.handoff import messages as handoff_messages
from bot.handoff.office_hours import TeamsConfig
from bot.handoff.state import EMERGENCY_PRIORITY, cancel, is_handed_off, request_handoff
from bot.replies import Reply
from bot.safety import SafetyNet, emergency_reply
from bot.storage.models import Conversation, Message, utcnow
from rumbo_content import COUNTRIES, ContentStore

FALLBACK_LANGUAGE = "es"
HANDOFF_REASONS = frozenset({"requested", "fallback", "emergency"})
# Replies the gateway writes itself are stored with author "system"; Rasa's with "bot".
Authored = tuple[Reply, str]


@dataclass
class Turn:
    """The plan for one message: replies to queue now, and the text for Rasa if any."""

    replies: list[Authored] = field(default_factory=list)
    rasa_text: str | None = None
    rasa_metadata: dict[str, Any] | None = None


class TurnPlanner:
    """Decides each step of a turn from the conversation, the message and the content."""

    def __init__(
        self,
        store: ContentStore,
        safety: SafetyNet,
        *,
        office_hours: TeamsConfig | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.safety = safety
        # Per-country team hours (content/teams.yml); None: the acknowledgement names no time.
        self.office_hours = office_hours
        self.clock = clock

    def plan(self, conv: Conversation, message: Message) -> Turn:
        """Steps 1-3 of a turn. `Turn.rasa_text` is set when Rasa has to answer."""
        data = message.data or {}
        text = message.text

        # 1. The safety net, in every state.
        match = self.safety.detect(text)
        if match is not None:
            conv.lang = conv.lang or match.lang
            request_handoff(conv, "emergency", EMERGENCY_PRIORITY)
            return Turn([(emergency_reply(self.store, conv.lang, conv.country), "system")])

        # 2. Staff own the conversation: stay silent unless the person cancels.
        if is_handed_off(conv):
            if is_cancel(text):
                cancel(conv)
                return Turn([(handoff_messages.cancelled(self.store, conv), "system")])
            return Turn()

        # 3. What Rasa should hear: a tapped button, a menu number, a location, or the text.
        rasa_text = data.get("payload") or pick_menu_option(text, conv.last_menu)
        notices: list[Authored] = []
        if rasa_text is None and data.get("location"):
            rasa_text, notice = self._from_location(conv, data["location"])
            notices = [(notice, "system")] if notice else []
        if rasa_text is None and text and text.strip():
            rasa_text = text.strip()
        if rasa_text is None:
            if data.get("media") and not notices:
                # Only media: it is kept for staff; tell the person we read text only.
                notices = [(self._notice(conv, "media.unsupported"), "system")]
            return Turn(notices)
        return Turn(notices, rasa_text, rasa_metadata(conv, data))

    def after_rasa(self, conv: Conversation, replies: list[Reply]) -> list[Authored]:
        """Update the conversation from the reply meta; return extra replies (handoff ack)."""
        for reply in replies:
            for field_name in ("lang", "country", "topic"):
                value = reply.meta.get(field_name)
                if isinstance(value, str) and value:
                    setattr(conv, field_name, value)
        if replies:
            # A bare "2" next time picks option 2 of the last thing the bot showed.
            conv.last_menu = [
                {"title": option.title, "payload": option.payload} for option in replies[-1].options
            ] or None
        extra: list[Authored] = []
        for reply in replies:
            if not reply.meta.get("handoff"):
                continue
            if reply.meta.get("emergency"):
                request_handoff(conv, "emergency", EMERGENCY_PRIORITY)
                continue
            reason = reply.meta.get("handoff_reason")
            reason = reason if reason in HANDOFF_REASONS else "requested"
            if request_handoff(conv, reason):
                extra.append((self.acknowledgement(conv), "system"))
        return extra

    def acknowledgement(self, conv: Conversation) -> Reply:
        """The handoff acknowledgement with the team's expected wait, or when it is back."""
        if self.office_hours is None:
            return handoff_messages.acknowledgement(self.store, conv)
        availability = self.office_hours.availability(
            conv.team_country or conv.country, conv.lang or FALLBACK_LANGUAGE, self.clock()
        )
        return handoff_messages.acknowledgement(
            self.store, conv, wait=availability.wait, when=availability.when
        )

    def unavailable_notice(self, conv: Conversation) -> Reply:
        """'I got your message but have a technical problem' in the person's language."""
        return self._notice(conv, "error.unavailable", kind="error")

    def _notice(self, conv: Conversation, key: str, kind: str | None = None) -> Reply:
        lang = conv.lang or FALLBACK_LANGUAGE
        meta: dict[str, Any] = {"lang": lang}
        if kind:
            meta["kind"] = kind
        return Reply(text=self.store.ui(lang, key), meta=meta)

    def _from_location(
        self, conv: Conversation, location: list[float]
    ) -> tuple[str | None, Reply | None]:
        """A shared location becomes `/inform_country{...}` for Rasa plus a "you are in ..."
        notice, or only a notice when it is outside the countries we serve."""
        lang = conv.lang or FALLBACK_LANGUAGE
        try:
            place = geo.locate(location[0], location[1])
        except (ValueError, IndexError, TypeError):
            return None, None
        if place is None or place.country not in COUNTRIES:
            return None, self._notice(conv, "location.outside")
        conv.country, conv.city = place.country, place.city
        notice = Reply(
            text=self.store.ui(lang, "location.set", place=place.city),
            meta={"lang": lang, "country": place.country},
        )
        return f'/inform_country{{"country":"{place.country}"}}', notice


def rasa_metadata(conv: Conversation, data: dict[str, Any]) -> dict[str, Any]:
    """What the actions may use besides the text (never the phone number itself)."""
    metadata: dict[str, Any] = {
        "channel": conv.channel,
        "lang": conv.lang,
        "country": conv.country,
        "city": conv.city,
    }
    if data.get("location"):
        metadata["location"] = data["location"]
    hint = (conv.context or {}).get("country_hint")
    if hint:
        # From the phone number's prefix: the actions may ASK "¿Estás en ...?", never assume.
        metadata["country_hint"] = hint
    return metadata
