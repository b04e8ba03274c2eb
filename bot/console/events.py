"""`GET /staff/events`: a server-sent event stream of case changes for the signed-in staff.

Each event is `event: case` with JSON data from `CaseEvent.to_json()`; only cases the staff
member may see are sent. The queue page refetches the queue on each event and beeps for
new cases. A comment ping every 15 s keeps proxies from closing an idle stream.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable

from sse_starlette.sse import EventSourceResponse
from starlette.requests import Request
from starlette.responses import Response

from bot.console import context
from bot.console.feed import CaseEvent
from bot.console.guard import current_staff, require_staff
from bot.staff.accounts import StaffMember
from bot.staff.roles import can_see_country

PING_SECONDS = 15


def _visible(member: StaffMember) -> Callable[[CaseEvent], bool]:
    """Events about cases `member` may see (the same rule as the queue)."""

    def accept(event: CaseEvent) -> bool:
        return can_see_country(member.role, member.team_countries, event.case.team)

    return accept


@require_staff(api=True)
async def stream(request: Request) -> Response:
    """The event stream; ends when the browser disconnects."""
    member = current_staff(request)
    feed = context.console(request).feed
    database = context.database(request)

    async def events() -> AsyncIterator[dict[str, str]]:
        async with feed.subscribe(database, _visible(member)) as queue:
            # Tells the page it is connected, so it refetches anything it may have missed.
            yield {"event": "ready", "data": "{}"}
            while True:
                event = await queue.get()
                yield {"event": "case", "data": json.dumps(event.to_json())}

    return EventSourceResponse(events(), ping=PING_SECONDS)
