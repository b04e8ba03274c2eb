"""The console's own long-lived objects, built once when the routes are created."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.templating import Jinja2Templates

from bot.channels.base import CHANNEL_NAMES
from bot.console import context
from bot.console.canned import CannedReplies
from bot.console.case_actions import Actor, CaseActions
from bot.console.feed import CaseFeed
from bot.console.guard import current_staff
from bot.console.outcomes import OUTCOMES
from bot.handoff.office_hours import TeamsConfig
from bot.settings import Settings
from rumbo_content import COUNTRIES, TOPICS

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


@dataclass
class Console:
    """Templates, canned replies, team hours and the live feed shared by console routes."""

    settings: Settings
    templates: Jinja2Templates
    canned: CannedReplies
    teams: TeamsConfig | None
    feed: CaseFeed

    @classmethod
    def build(cls, settings: Settings, *, feed_interval: float = 1.0) -> Console:
        """Load the console's content files.

        A missing file is allowed (a content tree without staff files, e.g. in tests): no
        canned replies, no office-hours display. A malformed file raises, naming the file.
        """
        templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
        templates.env.globals.update(
            countries=COUNTRIES, topics=TOPICS, outcomes=OUTCOMES, channels=CHANNEL_NAMES
        )
        return cls(
            settings=settings,
            templates=templates,
            canned=CannedReplies.load_optional(settings.content_dir / "canned_replies.yml"),
            teams=TeamsConfig.load_optional(settings.content_dir / "teams.yml"),
            feed=CaseFeed(interval=feed_interval),
        )

    def actions(self, request: Request) -> CaseActions:
        """Case actions bound to the gateway's database and conversation service."""
        return CaseActions(
            context.database(request),
            context.conversation_service(request),
            context.content_store(request),
            self.canned,
            self.feed,
        )


def actor(request: Request) -> Actor:
    """The signed-in staff member and their address, for the audit log."""
    client = request.client
    return Actor(current_staff(request), client.host if client else None)

