"""The contract between channels and the conversation service.

A channel webhook parses a provider request into an `InboundMessage` and hands it to
`ConversationService.receive`. Replies go out through a `ChannelSender` looked up by channel
name in the `ChannelRegistry`. Channel names: "web", "sms", "whatsapp", "telegram".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from bot.replies import Reply
    from bot.storage.models import Conversation

CHANNEL_NAMES = ("web", "sms", "whatsapp", "telegram")


@dataclass
class Media:
    """An attachment the person sent (URL at the provider, which may need auth to fetch)."""

    url: str
    content_type: str


@dataclass
class InboundMessage:
    """One message from a person, already verified and parsed by its channel.

    `address` identifies the person on the channel (E.164 phone, Telegram chat id, web user
    id); `external_id` is the provider's message id (Twilio MessageSid, Telegram update_id),
    used to drop provider retries. `payload` is set when the person tapped a button.
    """

    channel: str
    address: str
    external_id: str | None
    text: str | None = None
    payload: str | None = None
    location: tuple[float, float] | None = None
    media: list[Media] = field(default_factory=list)
    profile_name: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def conversation_key(self) -> str:
        """The conversation key (and Rasa sender id): f"{channel}:{address}"."""
        return f"{self.channel}:{self.address}"


@dataclass
class SendResult:
    """What a provider returned for a sent message (its id, for status callbacks)."""

    provider_message_id: str | None


class DeliveryError(Exception):
    """A send failed. `retryable=True` means the outbox should try again later."""

    def __init__(self, message: str, *, retryable: bool, code: str | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.code = code


@runtime_checkable
class ChannelSender(Protocol):
    """Delivers a reply on one channel. Raise `DeliveryError` on failure."""

    name: str

    async def send(self, conversation: Conversation, reply: Reply) -> SendResult: ...


class UnknownChannel(LookupError):
    """No sender is registered for a channel name."""


class ChannelRegistry:
    """Channel name -> sender. Built once in `create_app`."""

    def __init__(self, senders: Iterable[ChannelSender] = ()) -> None:
        self._senders: dict[str, ChannelSender] = {}
        for sender in senders:
            self.register(sender)

    def register(self, sender: ChannelSender) -> None:
        """Add or replace the sender for `sender.name`."""
        self._senders[sender.name] = sender

    def get(self, name: str) -> ChannelSender:
        """The sender for `name`; raises `UnknownChannel` if none is registered."""
        try:
            return self._senders[name]
        except KeyError:
            raise UnknownChannel(f"no sender registered for channel {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._senders

    def names(self) -> list[str]:
        return sorted(self._senders)
