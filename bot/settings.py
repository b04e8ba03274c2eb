"""Gateway settings, read once from the environment and passed down explicitly.

`Settings.from_env()` is the only place that reads environment variables. Values are cast to
their types here, and a variable that cannot be cast raises `SettingsError` naming it, so a
typo in a deployment fails at start-up instead of at the first message.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingsError(ValueError):
    """An environment variable is missing or has a value of the wrong type."""


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"expected one of {sorted(_TRUE | _FALSE)}")


def _parse_positive_float(raw: str) -> float:
    value = float(raw)
    if value <= 0:
        raise ValueError("must be greater than 0")
    return value


def _parse_port(raw: str) -> int:
    value = int(raw)
    if not 0 < value < 65536:
        raise ValueError("must be between 1 and 65535")
    return value


def _parse_positive_int(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise ValueError("must be at least 1")
    return value


def _parse_url(raw: str) -> str:
    value = raw.strip().rstrip("/")
    if not value.startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return value


class _Reader:
    """Reads typed values from an environment mapping, naming the variable on failure."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ

    def get(self, name: str, default: T, cast: Callable[[str], T]) -> T:
        raw = self._environ.get(name)
        if raw is None or raw.strip() == "":
            return default
        try:
            return cast(raw.strip())
        except ValueError as exc:
            raise SettingsError(f"{name}={raw!r} is invalid: {exc}") from exc

    def optional(self, name: str, cast: Callable[[str], str] = str) -> str | None:
        raw = self._environ.get(name)
        if raw is None or raw.strip() == "":
            return None
        try:
            return cast(raw.strip())
        except ValueError as exc:
            raise SettingsError(f"{name}={raw!r} is invalid: {exc}") from exc


@dataclass(frozen=True)
class Settings:
    """Everything the gateway needs to know about its environment.

    Build it with `Settings.from_env()` in production or construct it directly in tests.
    Fields with a `None` default are optional integrations: a channel whose credentials are
    `None` is simply not enabled.
    """

    # Storage: any SQLAlchemy async URL (sqlite+aiosqlite locally, postgresql+psycopg in prod).
    database_url: str = f"sqlite+aiosqlite:///{REPO_ROOT / 'rumbo.db'}"

    # The Rasa server (REST channel, --enable-api) and the action server it calls.
    rasa_url: str = "http://127.0.0.1:5005"
    action_server_url: str = "http://127.0.0.1:5055"

    # Where uvicorn listens, and the URL the outside world (Twilio, Telegram) uses to reach us;
    # webhook signatures are computed over the public URL, not the bind address.
    host: str = "127.0.0.1"
    port: int = 8000
    public_base_url: str = "http://127.0.0.1:8000"

    # Signs staff session cookies. A random per-process key logs everyone out on restart,
    # which is acceptable locally and is why production must set it.
    secret_key: str = ""

    # What the bot says: the content/ directory loaded by rumbo_content.
    content_dir: Path = REPO_ROOT / "content"

    # How long a message waits before the inbox worker retries it while Rasa is down.
    inbox_retry_seconds: float = 5.0

    # Twilio (SMS and WhatsApp). twilio_api_base=None means the real Twilio API.
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    twilio_sms_from: str | None = None
    twilio_whatsapp_from: str | None = None
    twilio_api_base: str | None = None
    # Maximum SMS segments per reply: prepaid users pay per segment on some plans.
    sms_segment_budget: int = 3

    # Telegram. telegram_api_base=None means the real Bot API.
    telegram_bot_token: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_api_base: str | None = None

    # Staff console: send session cookies over HTTPS only (True behind TLS in production).
    staff_cookie_secure: bool = False

    def __post_init__(self) -> None:
        if not self.secret_key:
            # frozen dataclass: object.__setattr__ is the documented way to fill a default late.
            object.__setattr__(self, "secret_key", secrets.token_urlsafe(32))
            logger.warning(
                "RUMBO_SECRET_KEY is not set: using a random key for this process; "
                "staff sessions will not survive a restart"
            )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from `environ` (default `os.environ`).

        Raises `SettingsError` naming the first variable whose value cannot be used.
        Unset or empty variables take the dataclass defaults.
        """
        env = _Reader(os.environ if environ is None else environ)
        defaults = cls.__dataclass_fields__
        return cls(
            database_url=env.get("RUMBO_DATABASE_URL", defaults["database_url"].default, str),
            rasa_url=env.get("RASA_URL", defaults["rasa_url"].default, _parse_url),
            action_server_url=env.get(
                "ACTION_SERVER_URL", defaults["action_server_url"].default, _parse_url
            ),
            host=env.get("RUMBO_HOST", defaults["host"].default, str),
            port=env.get("RUMBO_PORT", defaults["port"].default, _parse_port),
            public_base_url=env.get(
                "RUMBO_PUBLIC_BASE_URL", defaults["public_base_url"].default, _parse_url
            ),
            secret_key=env.get("RUMBO_SECRET_KEY", "", str),
            content_dir=env.get("RUMBO_CONTENT_DIR", defaults["content_dir"].default, Path),
            inbox_retry_seconds=env.get(
                "RUMBO_INBOX_RETRY_SECONDS",
                defaults["inbox_retry_seconds"].default,
                _parse_positive_float,
            ),
            twilio_account_sid=env.optional("TWILIO_ACCOUNT_SID"),
            twilio_auth_token=env.optional("TWILIO_AUTH_TOKEN"),
            twilio_sms_from=env.optional("TWILIO_SMS_FROM"),
            twilio_whatsapp_from=env.optional("TWILIO_WHATSAPP_FROM"),
            twilio_api_base=env.optional("TWILIO_API_BASE", _parse_url),
            sms_segment_budget=env.get(
                "RUMBO_SMS_SEGMENT_BUDGET",
                defaults["sms_segment_budget"].default,
                _parse_positive_int,
            ),
            telegram_bot_token=env.optional("TELEGRAM_BOT_TOKEN"),
            telegram_webhook_secret=env.optional("TELEGRAM_WEBHOOK_SECRET"),
            telegram_api_base=env.optional("TELEGRAM_API_BASE", _parse_url),
            staff_cookie_secure=env.get(
                "RUMBO_STAFF_COOKIE_SECURE", defaults["staff_cookie_secure"].default, _parse_bool
            ),
        )
